// The demo page: plays ?playlist= with hls.js through the cdnmesh loader and shows, live, the
// share of bytes from peers, stalls and startup. Serve the repository root over HTTP (the page
// imports ../src and ../../web/node_modules/hls.js).
import Hls from '../../web/node_modules/hls.js/dist/hls.mjs';
import { startCdnmeshPlayer } from '../src/browser.js';

const params = new URLSearchParams(location.search);
const logBox = document.getElementById('log');
const log = (text) => { logBox.textContent += `${new Date().toISOString().slice(11, 23)} ${text}\n`; };

async function token(servicesUrl, content) {
  if (params.get('token')) return params.get('token');
  if (!params.get('devToken')) return '';
  const response = await fetch(`${servicesUrl}/v1/dev-token?content=${content}`);
  return (await response.text()).trim();
}

function show(stats) {
  const rows = {
    'from peers': `${(100 * stats.p2pShare).toFixed(1)} %`,
    'bytes from CDN': stats.bytesFromCdn.toLocaleString(),
    'bytes from peers': stats.bytesFromPeers.toLocaleString(),
    'bytes uploaded': stats.bytesUploaded.toLocaleString(),
    'startup delay': stats.startupDelayMs === null ? '-' : `${stats.startupDelayMs.toFixed(0)} ms`,
    'stalls': `${stats.stalls} (${(stats.stallTimeMs / 1000).toFixed(1)} s)`,
    'open channels': stats.connectionsOpen,
    'integrity failures': stats.integrityFailures,
    'peer id': stats.peerId,
  };
  document.getElementById('stats').innerHTML = Object.entries(rows)
    .map(([k, v]) => `<dt>${k}</dt><dd>${v}</dd>`).join('');
}

async function main() {
  const servicesUrl = params.get('services') || location.origin;
  const playlistUrl = params.get('playlist');
  if (!playlistUrl) return log('no ?playlist= given');
  const content = Number(params.get('content') || 1);
  const player = await startCdnmeshPlayer(document.getElementById('video'), {
    Hls, servicesUrl, playlistUrl, content, token: await token(servicesUrl, content),
    profile: { isp: Number(params.get('isp') || 0), device: Number(params.get('device') || 0),
               nat: Number(params.get('nat') || 0) },
    seed: Number(params.get('seed') || Math.floor(Math.random() * 2 ** 31)), log,
  });
  window.cdnmeshPlayer = player;
  setInterval(() => show(player.host.stats()), 500);
}

main().catch((e) => log(`error: ${e.stack || e}`));
