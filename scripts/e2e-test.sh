#!/usr/bin/env bash
# The short end-to-end test of the test command: the real services, nginx and a live ffmpeg
# stream on loopback, 2 Chromium viewers and 3 node viewers of the real cdnmesh client (one of
# them serving corrupted bytes), ~90 s. Fails unless every honest viewer played, peers
# carried bytes, no corrupted segment reached a player, the liar was banned, and the clients'
# CDN byte count agrees with nginx's.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x build/services/cdnmesh-services ] || { echo "e2e-test: build/services/cdnmesh-services is missing: run scripts/build.sh" >&2; exit 1; }
scripts/build-wasm.sh >/dev/null
out=build/e2e-test
e2e/run.sh --client cdnmesh --browsers 2 --node-peers 3 --join-interval-s 3.3 --preroll-s 12 \
  --segment-s 4 --watch-s 45 --corrupt-peer --check --out "$out"
