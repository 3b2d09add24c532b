// Loads the cdnmesh wasm module (scripts/build-wasm.sh builds client/dist/cdnmesh-client.mjs):
// one self-contained ES module that loads the same way in node and in browsers.
let loading = null;

/** The instantiated module (memoized): {Client, decodeFrame, encodeData, sha256Hex, ...}. */
export function loadCdnmesh(url = new URL('../dist/cdnmesh-client.mjs', import.meta.url).href) {
  if (!loading) loading = import(url).then((m) => m.default());
  return loading;
}

/** Host time for core inputs: integer microseconds since an arbitrary epoch. */
export function nowUs() {
  return Math.round(performance.now() * 1000);
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();
/** UTF-8 bytes of a string (SDP blobs are opaque bytes on the wire). */
export const utf8 = (text) => encoder.encode(text);
/** A string from UTF-8 bytes. */
export const fromUtf8 = (bytes) => decoder.decode(bytes);
