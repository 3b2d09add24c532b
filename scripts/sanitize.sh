#!/usr/bin/env bash
# ASan + UBSan (clang, -fno-sanitize-recover=all) build of core and the scenario loader
# (sim/config) with their GoogleTest suites, into build-asan/, then runs them. ns-3, the models
# and the world are left out (ns-3 is not built with sanitizers here); the fuzz targets cover the
# loader with sanitizers too. Any report aborts its test, so a green run is a clean one.
set -euo pipefail
cd "$(dirname "$0")/.."
JOBS=${CDNMESH_JOBS:-$(nproc)}
# The same tree as scripts/fuzz.sh (CDNMESH_BUILD_FUZZ): core and the loader are built once for both.
CXX=clang++ cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCDNMESH_SANITIZE=ON \
  -DCDNMESH_BUILD_FUZZ=ON >/dev/null
cmake --build build-asan -j "$JOBS"
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
ctest --test-dir build-asan --output-on-failure -j "$JOBS"
