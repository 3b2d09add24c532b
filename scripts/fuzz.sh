#!/usr/bin/env bash
# Builds the libFuzzer targets with clang into build-fuzz/ and runs each for N seconds (default 60).
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER_TARGET=${1:-60}
CXX=clang++ cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCDNMESH_BUILD_FUZZ=ON \
  -DCDNMESH_BUILD_BENCH=OFF >/dev/null
cmake --build build-fuzz -j "$(nproc)" --target cdnmesh_core_protocol
status=0
for src in tests/fuzz/*_fuzz.cc; do
  name=$(basename "$src" .cc)
  cmake --build build-fuzz -j "$(nproc)" --target "$name"
  corpus=build-fuzz/corpus/$name
  mkdir -p "$corpus"
  echo "fuzz: $name for ${SECONDS_PER_TARGET}s"
  if ! build-fuzz/tests/fuzz/"$name" -max_total_time="$SECONDS_PER_TARGET" -print_final_stats=1 \
       -artifact_prefix=build-fuzz/ "$corpus" tests/fuzz/seeds/"$name" 2>build-fuzz/"$name".log; then
    tail -40 build-fuzz/"$name".log
    status=1
  else
    grep -E "stat::number_of_executed_units" build-fuzz/"$name".log || true
  fi
done
if [ $status -eq 0 ]; then echo "fuzz: all targets passed"; fi
exit $status
