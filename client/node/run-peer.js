// One headless viewer session in this process: host + headless player for `durationS`, then
// its stats. Shared by client/node/peer.js and the node tests.
import { loadCdnmesh } from '../src/wasm.js';
import { CdnmeshHost } from '../src/host.js';
import { HeadlessPlayer } from '../src/headless-player.js';

/** Starts a viewer; returns {host, player, stop()} without waiting. */
export async function startHeadlessPeer(options) {
  const wasm = await loadCdnmesh();
  let player = null;
  const host = new CdnmeshHost({ ...options, wasm,
                                 onSegmentReady: (r, seq, bytes) => player?.onSegmentReady(r, seq, bytes) });
  if (options.corruptUploads) corruptServedSegments(host);
  await host.start();
  player = new HeadlessPlayer(host);
  return { host, player, stop() { player.stop(); host.stop(); } };
}

/** Runs a viewer for `durationS` seconds and returns its stats. */
export async function runHeadlessPeer(options) {
  const peer = await startHeadlessPeer(options);
  await new Promise((resolve) => setTimeout(resolve, options.durationS * 1000));
  peer.stop();
  await new Promise((resolve) => setTimeout(resolve, 200));
  return { ...peer.host.stats(), durationS: options.durationS, playerResyncs: peer.player.resyncs };
}

// Tests only: a misbehaving uploader whose segments have one byte flipped.
function corruptServedSegments(host) {
  const get = host.store.get.bind(host.store);
  host.transfers.store = {
    get(rendition, seq) {
      const bytes = get(rendition, seq);
      if (!bytes) return bytes;
      const bad = bytes.slice();
      bad[bad.length >> 1] ^= 0xff;
      return bad;
    },
  };
}
