#!/usr/bin/env bash
# The real client's tests: builds the wasm module (scripts/build-wasm.sh, incremental) and runs
# the node tests in client/test (node --test; the browser test needs /usr/bin/chromium and
# ffmpeg, the two-peer tests @roamhq/wrtc from web/node_modules). Exits 77 (CTest: skipped) when
# emscripten or the npm dependencies are missing.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v emcmake >/dev/null; then echo "test-client: no emscripten: skipped"; exit 77; fi
if [ ! -d web/node_modules/@roamhq/wrtc ]; then
  echo "test-client: web/node_modules missing (cd web && npm ci --ignore-scripts): skipped"; exit 77
fi
scripts/build-wasm.sh
node --test client/test/*.test.js
