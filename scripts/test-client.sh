#!/usr/bin/env bash
# The real client's tests: builds the wasm module (scripts/build-wasm.sh, incremental) and runs
# the node tests in client/test (node --test; the browser test needs /usr/bin/chromium and
# ffmpeg, the two-peer tests @roamhq/wrtc from web/node_modules). scripts/setup.sh installs
# them; a missing one fails the test with the command that installs it.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v emcmake >/dev/null; then
  echo "test-client: emscripten is missing: run scripts/setup.sh as root" >&2; exit 1
fi
if [ ! -d web/node_modules/@roamhq/wrtc ]; then
  echo "test-client: web/node_modules is missing: run scripts/setup.sh" >&2; exit 1
fi
scripts/build-wasm.sh
node --test client/test/*.test.js
