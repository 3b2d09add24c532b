#!/usr/bin/env bash
# The main job: set up, build, run the default demonstration (one scripted viewer session of the core).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh cdnmesh_core_demo
build/examples/cdnmesh_core_demo "$@"
