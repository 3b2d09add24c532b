#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (ASan + UBSan) in build-asan/ (the tree of
# scripts/sanitize.sh, whose instrumented core and loader they share) and runs each for N seconds
# (default 60), then the sweep-spec mutation fuzzer for as long.
#   protocol_fuzz   core's protocol decoder; max_len reaches the largest Data and SDP frames
#   scenario_fuzz   the scenario loader (YAML + --set overrides); a 10 s input is a hang
#   services_fuzz   the services' dispatch (join, tracker, signaling frames from 8 scripted peers)
#   spec_fuzz.py    the Python sweep-spec parser (no libFuzzer for Python in Debian)
# Seed corpora are committed in tests/fuzz/seeds/<target>/; the growing corpus and findings land
# in build-asan/fuzz/.
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER_TARGET=${1:-60}
JOBS=${CDNMESH_JOBS:-$(nproc)}
BUILD_DIR=build-asan
OUT=$BUILD_DIR/fuzz
CXX=clang++ cmake -S . -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCDNMESH_SANITIZE=ON \
  -DCDNMESH_BUILD_FUZZ=ON >/dev/null
mkdir -p "$OUT"

# Per-target libFuzzer options (beyond the time limit).
declare -A OPTIONS=(
  [protocol_fuzz]="-max_len=263200"
  [scenario_fuzz]="-max_len=16384 -timeout=10 -dict=tests/fuzz/scenario_fuzz.dict"
  [services_fuzz]="-max_len=65536 -timeout=10"
)

status=0
for src in tests/fuzz/*_fuzz.cc; do
  name=$(basename "$src" .cc)
  cmake --build "$BUILD_DIR" -j "$JOBS" --target "$name"
  corpus=$OUT/corpus/$name
  mkdir -p "$corpus"
  echo "fuzz: $name for ${SECONDS_PER_TARGET}s"
  # shellcheck disable=SC2086  # the options are words
  if ! "$BUILD_DIR"/tests/fuzz/"$name" -max_total_time="$SECONDS_PER_TARGET" -print_final_stats=1 \
       ${OPTIONS[$name]:-} -artifact_prefix="$OUT/$name-" "$corpus" tests/fuzz/seeds/"$name" \
       2>"$OUT/$name.log"; then
    tail -40 "$OUT/$name.log"
    status=1
  else
    grep -E "stat::number_of_executed_units" "$OUT/$name.log" || true
  fi
done

echo "fuzz: spec_fuzz.py for ${SECONDS_PER_TARGET}s"
if ! PYTHONPATH=analysis /usr/bin/python3 tests/fuzz/spec_fuzz.py --seconds "$SECONDS_PER_TARGET" \
     --seeds tests/fuzz/seeds/spec_fuzz --artifacts "$OUT/spec_fuzz-"; then
  status=1
fi
if [ $status -eq 0 ]; then echo "fuzz: all targets passed"; fi
exit $status
