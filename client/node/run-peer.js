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

// Tests only: a misbehaving uploader whose segments have one byte flipped.
function corruptServedSegments(host) {
  const { store } = host;
  const get = store.get.bind(store);
  host.transfers.store = {
    put: store.put.bind(store),  // what it downloads it keeps intact; only what it serves lies
    get(rendition, seq) {
      const bytes = get(rendition, seq);
      if (!bytes) return bytes;
      const bad = bytes.slice();
      bad[bad.length >> 1] ^= 0xff;
      return bad;
    },
  };
}
