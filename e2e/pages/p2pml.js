// The baseline viewer: hls.js with p2p-media-loader, on its defaults except the local tracker,
// no STUN servers (loopback), and optionally the live tuning (?high_demand_s=).
//   /e2e/pages/p2pml.html?playlist=URL&tracker=ws://HOST:PORT[&high_demand_s=2]
import Hls from 'hls.js';
import { HlsJsP2PEngine } from 'p2p-media-loader-hlsjs';
import { watchViewer } from './viewer-qos.js';

const params = new URLSearchParams(location.search);
const highDemandS = params.get('high_demand_s');
const HlsWithP2P = HlsJsP2PEngine.injectMixin(Hls);
const hls = new HlsWithP2P({
  p2p: { core: {
    announceTrackers: [params.get('tracker')],
    rtcConfig: { iceServers: [] },
    ...(highDemandS ? { highDemandTimeWindow: Number(highDemandS) } : {}),
  } },
});
const bytes = { cdn: 0, p2p: 0, uploaded: 0 };
hls.p2pEngine.addEventListener('onChunkDownloaded', (length, source) => {
  bytes[source === 'p2p' ? 'p2p' : 'cdn'] += length;
});
hls.p2pEngine.addEventListener('onChunkUploaded', (length) => { bytes.uploaded += length; });

const video = document.getElementById('video');
watchViewer(video, hls, Hls);
hls.attachMedia(video);
hls.loadSource(params.get('playlist'));
window.e2eStats = () => ({ client: 'p2p-media-loader', kind: 'browser', bytes, ...window.e2eQos() });
setInterval(() => {
  const total = bytes.cdn + bytes.p2p;
  document.getElementById('stats').textContent =
    `peers ${total ? ((100 * bytes.p2p) / total).toFixed(1) : 0} % of ${total} bytes`;
}, 1000);
