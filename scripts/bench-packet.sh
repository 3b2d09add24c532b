#!/usr/bin/env bash
# Packet-level cost (a benchmark, not a test): a static live swarm of N viewers (all arrive in
# the first 10 s and stay; one ISP, one PoP, small-swarm's stream and access profiles) run at
# network.fidelity packet; prints wall and CPU seconds per simulated second, events and peak RSS.
# Usage: scripts/bench-packet.sh [N[:SECONDS]]...   (default: 50:60 200:30 1000:10)
set -euo pipefail
cd "$(dirname "$0")/.."
CLI=${CDNMESH_CLI:-build/sim/cdnmesh}
sizes=("$@")
[ ${#sizes[@]} -eq 0 ] && sizes=(50:60 200:30 1000:10)
echo "| viewers | simulated s | wall s | CPU s | CPU s per simulated s | events | peak RSS MB |"
echo "|---:|---:|---:|---:|---:|---:|---:|"
for size in "${sizes[@]}"; do
  n=${size%%:*}
  seconds=${size#*:}
  [ "$seconds" = "$size" ] && seconds=30
  out=$(mktemp -d)
  /usr/bin/time -f '%e %U %S %M' -o "$out/time" "$CLI" run scenarios/small-swarm.yaml --quiet \
    --out "$out" --set network.fidelity=packet --set run.duration_s="$seconds" \
    --set audience.initial_viewers="$n" --set audience.initial_join_window_s=10 \
    --set audience.arrivals.rate_per_s=0 --set p2p.max_connections=20 \
    --set run.timeseries_interval_s="$(( seconds < 10 ? seconds : 10 ))" > "$out/summary.txt"
  read -r wall user sys rss_kb < "$out/time"
  events=$(grep 'simulator events' "$out/summary.txt" | awk '{print $3}')
  awk -v n="$n" -v s="$seconds" -v w="$wall" -v u="$user" -v y="$sys" -v e="$events" -v r="$rss_kb" \
    'BEGIN { printf "| %d | %d | %.1f | %.1f | %.2f | %s | %.0f |\n", n, s, w, u + y, (u + y) / s, e, r / 1024 }'
  rm -rf "$out"
done
