#!/usr/bin/env bash
# Configures and builds cdnmesh (release with debug info) into build/. Usage: scripts/build.sh [target...]
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR=${CDNMESH_BUILD_DIR:-build}
JOBS=${CDNMESH_JOBS:-$(nproc)}
cmake -S . -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
if [ $# -gt 0 ]; then
  for target in "$@"; do cmake --build "$BUILD_DIR" -j "$JOBS" --target "$target"; done
else
  cmake --build "$BUILD_DIR" -j "$JOBS"
fi
