#!/usr/bin/env bash
# Regenerates results/validation/cross-check.md: every validation case run at flow fidelity
# (without the TCP correction, with its slow-start part, with its fitted queueing terms too)
# and at packet fidelity with the same seed, one table
# per case (cdnmesh cross-check). Long: ~15-30 min on 2 cores. Usage: scripts/cross-check.sh
# [case...] (default: all; names below). Needs a build (scripts/build.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
CLI=${CDNMESH_CLI:-build/sim/cdnmesh}
OUT=${CDNMESH_CROSS_CHECK_OUT:-results/validation/cross-check.md}

SMALL=scenarios/small-swarm.yaml
# Per case: the scenario file, a description, and its --set overrides (one key=value a line).
declare -A FILE SETS WHAT
FILE[small-swarm]=$SMALL; SETS[small-swarm]=""
WHAT[small-swarm]="the shipped small swarm (18 viewers, one ISP, 300 s)"
FILE[live-sports-150]=scenarios/live-sports.yaml
SETS[live-sports-150]="audience.initial_viewers=50
audience.arrivals.viewers=100
run.duration_s=180"
WHAT[live-sports-150]="live-sports scaled to 150 viewers (50 + a flash crowd of 100), 180 s"
FILE[uplink-starved]=$SMALL
SETS[uplink-starved]="run.duration_s=180
isps=[{name: metro, access: {desktop: {up_bps: {dist: constant, value: 2e6}}, tv: {up_bps: {dist: constant, value: 2e6}}, mobile_wifi: {up_bps: {dist: constant, value: 1e6}}}}]"
WHAT[uplink-starved]="small swarm with 1-2 Mbit/s uplinks (below the 3 Mbit/s rendition), 180 s"
FILE[saturated-pop]=$SMALL
SETS[saturated-pop]="run.duration_s=180
cdn.pops=[{name: pop, egress_bps: 12e6}]"
WHAT[saturated-pop]="small swarm behind a 12 Mbit/s PoP egress, 180 s"
FILE[long-rtt]=$SMALL
SETS[long-rtt]="run.duration_s=180
isps=[{name: metro, access_latency_s: 0.04}]
cdn.pops=[{name: pop, peering_latency_s: 0.04}]"
WHAT[long-rtt]="small swarm with 40 ms access and peering latency (CDN RTT 160 ms, peer RTT 170 ms), 180 s"
FILE[short-segments]=$SMALL
SETS[short-segments]="run.duration_s=180
stream.segment_duration_s=2"
WHAT[short-segments]="small swarm with 2 s segments (slow start dominates), 180 s"
ORDER=(small-swarm uplink-starved saturated-pop long-rtt short-segments live-sports-150)

cases=("$@")
[ ${#cases[@]} -eq 0 ] && cases=("${ORDER[@]}")
if [ $# -eq 0 ]; then
  {
    echo "# Flow vs packet cross-check"
    echo
    echo "Regenerate: \`scripts/cross-check.sh\` (all cases; \`scripts/cross-check.sh CASE...\` appends"
    echo "single cases). Each case: \`$CLI cross-check FILE --set ...\` with seed 1; columns: the flow"
    echo "model without its TCP correction, with its slow-start part (\`transport.slow_start\`, queueing"
    echo "factors 0), with its fitted queueing terms too (results/validation/flow-fit.md), the"
    echo "packet-level run, the ratios, and the validation targets (offload within 3 points; per-segment download time p50"
    echo "within 15 %, p95 within 25 %) for each flow variant. See docs/network.md for the models."
    echo
  } > "$OUT"
fi
for name in "${cases[@]}"; do
  [ -n "${FILE[$name]:-}" ] || { echo "cross-check: unknown case $name" >&2; exit 2; }
  echo "cross-check: $name" >&2
  argv=()
  shown=""
  while IFS= read -r kv; do
    [ -n "$kv" ] || continue
    argv+=(--set "$kv")
    shown+=" --set '$kv'"
  done <<< "${SETS[$name]}"
  {
    echo "## $name: ${WHAT[$name]}"
    echo
    echo "\`$CLI cross-check ${FILE[$name]}$shown\`"
    echo
  } >> "$OUT"
  "$CLI" cross-check "${FILE[$name]}" --quiet "${argv[@]}" >> "$OUT"
  echo >> "$OUT"
done
echo "cross-check: wrote $OUT" >&2
