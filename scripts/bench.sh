#!/usr/bin/env bash
# Builds and runs every micro-benchmark (not part of the test suite). Extra args go to each binary.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh
for bin in build/bench/*_bench; do
  echo "== $(basename "$bin")"
  "$bin" "$@"
done
