#!/usr/bin/env bash
# The three-way comparison in results/real/: the real cdnmesh client, the simulated one and
# p2p-media-loader (defaults and tuned), each on the same live stream and join schedule
# (3 Chromium + 12 node viewers, one every 3.3 s, 80 s pre-roll, 120 s of watching after the
# last join), then scenarios/e2e-loopback.yaml in the simulator. About 14 minutes.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build.sh
scripts/build-wasm.sh
runs=runs/e2e-compare
rm -rf "$runs"
opts=(--browsers 3 --node-peers 12 --join-interval-s 3.3 --preroll-s 80 --segment-s 4 --watch-s 120 --out "$runs")
for client in cdnmesh p2pml p2pml-tuned; do
  e2e/run.sh --client "$client" "${opts[@]}"
done
build/sim/cdnmesh run scenarios/e2e-loopback.yaml --out "$runs/sim"
mkdir -p results/real
for client in cdnmesh p2pml p2pml-tuned; do
  cp "$runs/$client/report.json" "results/real/$client.json"
done
cp "$runs/sim/summary.json" results/real/sim-summary.json
node e2e/compare.mjs --runs "$runs" --sim "$runs/sim/summary.json" --out results/real/comparison.md
