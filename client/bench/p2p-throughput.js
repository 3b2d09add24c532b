// Measures segment transfers between two headless node peers over @roamhq/wrtc through the
// whole client path (wasm framing, reassembly, SHA-256 check): run
//   node client/bench/p2p-throughput.js [segment bytes, default 2000000]
// Prints each peer transfer's time (Request sent to segment verified) and its rate.
import { createRequire } from 'node:module';
import { loadCdnmesh } from '../src/wasm.js';
import { startHeadlessPeer } from '../node/run-peer.js';
import { FakeNet, makeVodStream, kOrigin } from '../test/fake-services.js';

const require = createRequire(new URL('../../web/package.json', import.meta.url));
const { RTCPeerConnection } = require('@roamhq/wrtc');
const sizeBytes = Number(process.argv[2] || 2_000_000);
const wasm = await loadCdnmesh();
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const media = makeVodStream({ count: 30, durationS: 1, sizeBytes });
const net = new FakeNet(wasm, media.files, { cdnSeeding: false, urgentWindowUs: 1e6,
                                             p2pWindowUs: 20e6, minBufferUs: 5e5 });
const start = (seed) => startHeadlessPeer({ servicesUrl: kOrigin, playlistUrl: media.playlistUrl,
  content: 1, seed, fetch: net.fetch, WebSocket: net.WebSocket, RTCPeerConnection, log: () => {} });

const first = await start(1);
await sleep(5000);
const second = await start(2);
const started = new Map();
const results = [];
const transfers = second.host.transfers;
const fetchFromPeer = transfers.fetch.bind(transfers);
transfers.fetch = (action) => { started.set(action.transfer, performance.now()); fetchFromPeer(action); };
const complete = transfers.complete.bind(transfers);
transfers.complete = (transfer, download) => {
  const checkStart = performance.now();
  complete(transfer, download);
  const end = performance.now();
  results.push({ totalMs: end - started.get(transfer), checkMs: end - checkStart });
};
await sleep(6000);
for (const r of results) {
  const mbps = (sizeBytes * 8) / (r.totalMs * 1000);
  console.log(`${sizeBytes} B in ${r.totalMs.toFixed(0)} ms (${mbps.toFixed(0)} Mbit/s), ` +
              `sha256 + store ${r.checkMs.toFixed(1)} ms`);
}
first.stop();
second.stop();
await sleep(200);
process.exit(0);
