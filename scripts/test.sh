#!/usr/bin/env bash
# Every test: set up, build, run CTest (GoogleTest suites + include-closure check), then a short
# libFuzzer run of every fuzz target built with clang.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh
ctest --test-dir build --output-on-failure -j "$(nproc)"
scripts/fuzz.sh "${CDNMESH_FUZZ_SECONDS:-20}"
