// The cdnmesh viewer of the e2e runs: hls.js playing through the cdnmesh loader (the real
// client: core in wasm), measured by the same viewer-qos.js as the baseline page.
//   /e2e/pages/cdnmesh.html?playlist=URL&services=URL&token=T&content=N&isp=N
import Hls from '/web/node_modules/hls.js/dist/hls.mjs';
import { startCdnmeshPlayer } from '/client/src/browser.js';
import { watchViewer } from './viewer-qos.js';

const params = new URLSearchParams(location.search);
const errors = [];
const video = document.getElementById('video');

async function main() {
  const player = await startCdnmeshPlayer(video, {
    Hls, servicesUrl: params.get('services'), playlistUrl: params.get('playlist'),
    token: params.get('token'), content: Number(params.get('content') || 1),
    profile: { isp: Number(params.get('isp') || 0), device: 0, nat: 0 },
    seed: Math.floor(Math.random() * 2 ** 31),
    log: (line) => { if (errors.length < 20) errors.push(line); },
  });
  watchViewer(video, player.hls, Hls);
  window.e2eStats = () => {
    const s = player.host.stats();
    return { client: 'cdnmesh', kind: 'browser',
             bytes: { cdn: s.bytesFromCdn, p2p: s.bytesFromPeers, uploaded: s.bytesUploaded },
             ...window.e2eQos(), log: errors,
             extra: { peersBanned: s.peersBanned, integrityFailures: s.integrityFailures, core: s.core,
                      clientStartupMs: s.startupDelayMs, clientStalls: s.stalls } };
  };
  setInterval(() => {
    const s = player.host.stats();
    document.getElementById('stats').textContent =
      `peers ${(100 * s.p2pShare).toFixed(1)} % of ${s.bytesFromCdn + s.bytesFromPeers} bytes`;
  }, 1000);
}

main().catch((error) => {
  errors.push(`error: ${error.stack || error}`);
  window.e2eStats = () => ({ client: 'cdnmesh', kind: 'browser', error: String(error), log: errors });
});
