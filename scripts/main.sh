#!/usr/bin/env bash
# The main job: set up, build, run the default scenario (scenarios/live-sports.yaml) and print its
# summary. Extra arguments go to `cdnmesh run` (e.g. --set p2p.enabled=false, --seed 2).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh cdnmesh
build/sim/cdnmesh run scenarios/live-sports.yaml --out runs/live-sports "$@"
