#!/usr/bin/env bash
# Every test: set up, build, run CTest (GoogleTest suites + include-closure check + pytest), the
# sanitizer job (ASan + UBSan build of core and the scenario loader with their tests), then a
# short run of every fuzz target (libFuzzer with ASan + UBSan, and the sweep-spec fuzzer).
# Ends with one "N passed, N failed" line.
set -uo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh || exit 1
scripts/build.sh || exit 1

ctest_log=$(mktemp)
ctest --test-dir build --output-on-failure -j "$(nproc)" | tee "$ctest_log"
ctest_status=${PIPESTATUS[0]}
total=$(sed -n 's/.*tests passed, \([0-9]*\) tests failed out of \([0-9]*\).*/\2/p' "$ctest_log")
failed=$(sed -n 's/.*tests passed, \([0-9]*\) tests failed out of \([0-9]*\).*/\1/p' "$ctest_log")
rm -f "$ctest_log"
[ -n "$total" ] || { echo "test: ctest did not report a result" >&2; exit 1; }

sanitize_failed=0
sanitize_start=$(date +%s)
mkdir -p build-asan
scripts/sanitize.sh >build-asan/sanitize.log 2>&1 || sanitize_failed=1
if [ "$sanitize_failed" -ne 0 ]; then tail -60 build-asan/sanitize.log; fi
echo "sanitize: $(grep -E "tests passed" build-asan/sanitize.log || echo 'no result') in" \
  "$(( $(date +%s) - sanitize_start )) s"

fuzz_targets=$(( $(ls tests/fuzz/*_fuzz.cc | wc -l) + 1 ))  # + spec_fuzz.py
fuzz_failed=0
scripts/fuzz.sh "${CDNMESH_FUZZ_SECONDS:-20}" || fuzz_failed=1

passed=$((total - failed + 1 - sanitize_failed + fuzz_targets - fuzz_failed))
echo "tests: $passed passed, $((failed + sanitize_failed + fuzz_failed)) failed"
[ "$ctest_status" -eq 0 ] && [ "$sanitize_failed" -eq 0 ] && [ "$fuzz_failed" -eq 0 ]
