#!/usr/bin/env bash
# The tracker's load benchmark (not a test): starts cdnmesh-services on loopback, then for each
# peer count runs bench/tracker-load (N WebSocket peers, each JoinSwarm then Announce) at each
# total announce rate, and prints one markdown table: announces/s held, p50/p99/max latency
# from Announce to PeerList, skipped turns, server RSS and RSS per peer.
#   scripts/tracker-bench.sh [PEER_COUNTS] [RATES]   e.g. "1000 10000 19000" "10000,50000,100000"
# The server runs with rate limits raised (the bench is the only client) and its one thread;
# the loader is one thread too: on 2 cores each has one. Peer counts are capped by the open-file
# limit (ulimit -n): each process needs one descriptor per connection.
set -euo pipefail
cd "$(dirname "$0")/.."
PEERS=${1:-"1000 5000 10000 19000"}
RATES=${2:-"5000,10000,20000,40000,60000,80000,100000"}
BUILD_DIR=${CDNMESH_BUILD_DIR:-build}
DURATION_S=${CDNMESH_BENCH_DURATION_S:-5}
cmake -S . -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCDNMESH_BUILD_BENCH=ON >/dev/null
cmake --build "$BUILD_DIR" -j "${CDNMESH_JOBS:-2}" --target cdnmesh-services tracker-load >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$work/key"
echo "fd limit: $(ulimit -n); cores: $(nproc); $(date -u +%FT%TZ)"
first=1
for peers in $PEERS; do
  "$BUILD_DIR"/services/cdnmesh-services --port 0 --port-file "$work/port" \
    --publisher-key-file "$work/key" --policy "${CDNMESH_BENCH_POLICY:-hybrid}" \
    --tracker-rate-per-s 1000000 --tracker-burst 1000000 --max-clients 1000000 \
    --log-level warn 2>"$work/server.log" &
  server=$!
  for _ in $(seq 100); do [ -s "$work/port" ] && break; sleep 0.05; done
  header=""
  [ $first -eq 1 ] && header="--header"
  first=0
  sources=$(( (peers + 19999) / 20000 ))
  "$BUILD_DIR"/bench/tracker-load/tracker-load --port "$(cat "$work/port")" --server-pid "$server" \
    --key-file "$work/key" --peers "$peers" --rates "$RATES" --duration-s "$DURATION_S" \
    --sources "$sources" $header || echo "| $peers | loader failed |"
  kill -TERM "$server"
  wait "$server" || echo "server exited with $?"
  rm -f "$work/port"
done
