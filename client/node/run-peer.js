// One headless viewer session in this process: host + headless player for `durationS`, then
// its stats. Shared by client/node/peer.js and the node tests.
import { createHash } from 'node:crypto';
import { loadCdnmesh } from '../src/wasm.js';
import { CdnmeshHost } from '../src/host.js';
import { HeadlessPlayer } from '../src/headless-player.js';

/** Starts a viewer; returns {host, player, stop()} without waiting. */
export async function startHeadlessPeer(options) {
  const wasm = await loadCdnmesh();
  let player = null;
  // What reached the player, with digests, so a harness can check every one was intact.
  const played = [];
  const host = new CdnmeshHost({ ...options, wasm, onSegmentReady: (r, seq, bytes) => {
    played.push({ seq, sha256: createHash('sha256').update(bytes).digest('hex') });
    player?.onSegmentReady(r, seq, bytes);
  } });
  if (options.corruptUploads) corruptServedSegments(host);
  await host.start();
  player = new HeadlessPlayer(host);
  return { host, player, played, stop() { player.stop(); host.stop(); } };
}

/** Runs a viewer for `durationS` seconds and returns its stats. */
export async function runHeadlessPeer(options) {
  const peer = await startHeadlessPeer(options);
  await new Promise((resolve) => setTimeout(resolve, options.durationS * 1000));
  peer.stop();
  await new Promise((resolve) => setTimeout(resolve, 200));
  return { ...peer.host.stats(), durationS: options.durationS, playerResyncs: peer.player.resyncs,
           played: peer.played };
}

// Tests only: a misbehaving uploader whose segments have one byte flipped, whole or relayed
// while arriving; what it downloads it keeps intact, only what it serves lies.
function corruptServedSegments(host) {
  const { store } = host;
  const flip = (bytes, begin, size) => {
    const bad = bytes.slice();
    const at = (size >> 1) - begin;
    if (at >= 0 && at < bad.length) bad[at] ^= 0xff;
    return bad;
  };
  host.transfers.store = {
    put: store.put.bind(store),
    setArriving: store.setArriving.bind(store),
    clearArriving: store.clearArriving.bind(store),
    get(rendition, seq) {
      const bytes = store.get(rendition, seq);
      return bytes && flip(bytes, 0, bytes.byteLength);
    },
    getArriving(rendition, seq) {
      const source = store.getArriving(rendition, seq);
      if (!source) return source;
      return { get size() { return source.size; }, get received() { return source.received; },
               read: (begin, end) => flip(source.read(begin, end), begin, source.size) };
    },
  };
}
