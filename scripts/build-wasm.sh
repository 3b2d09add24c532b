#!/usr/bin/env bash
# Builds the cdnmesh client as WebAssembly (client/wasm) into build-wasm/ and copies the one-file
# ES module to client/dist/cdnmesh-client.mjs. Needs Debian's emscripten (apt-get install
# --no-install-recommends emscripten); JOBS=N overrides the parallelism (default 2).
set -euo pipefail
cd "$(dirname "$0")/.."
command -v emcmake >/dev/null || { echo "build-wasm: emcmake not found (apt-get install emscripten)" >&2; exit 1; }
export NODE_PATH=${NODE_PATH:-/usr/share/nodejs}  # emscripten's own JS needs Debian's acorn
start=$(date +%s)
emcmake cmake -S client/wasm -B build-wasm -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build-wasm -j "${JOBS:-2}"
mkdir -p client/dist
cp build-wasm/cdnmesh-client.mjs client/dist/
echo "build-wasm: client/dist/cdnmesh-client.mjs ($(stat -c %s client/dist/cdnmesh-client.mjs) bytes)" \
  "in $(( $(date +%s) - start )) s"
