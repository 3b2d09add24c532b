// A headless p2p-media-loader viewer: p2p-media-loader-core (the baseline client cdnmesh is
// compared with) driven by the same decoder-less player as the headless cdnmesh viewers, with
// WebRTC from @roamhq/wrtc. Usage:
//   node e2e/p2pml-peer.mjs --playlist URL --tracker ws://HOST:PORT --duration-s S --stats-out F
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { parseArgs } from 'node:util';
import { HeadlessPlayer } from './lib/headless-player.mjs';

const require = createRequire(new URL('../web/package.json', import.meta.url));
const wrtc = require('@roamhq/wrtc');
// p2p-media-loader ships for browsers: its bundle looks for the browser's globals.
Object.assign(globalThis, {
  self: globalThis,
  window: globalThis,
  location: new URL('http://127.0.0.1/'),
  navigator: { userAgent: `node/${process.versions.node}` },
  WebSocket: require('ws'),
  RTCPeerConnection: wrtc.RTCPeerConnection,
  RTCSessionDescription: wrtc.RTCSessionDescription,
  RTCIceCandidate: wrtc.RTCIceCandidate,
});
const { Core, generateStreamShortId } = await import(
  new URL('../web/node_modules/p2p-media-loader-core/dist/p2p-media-loader-core.es.js', import.meta.url));

const { values: args } = parseArgs({ options: {
  playlist: { type: 'string' }, tracker: { type: 'string' }, 'duration-s': { type: 'string' },
  'stats-out': { type: 'string' }, name: { type: 'string', default: 'p2pml-node' },
  'high-demand-s': { type: 'string' },
} });
for (const key of ['playlist', 'tracker', 'duration-s', 'stats-out']) {
  if (!args[key]) {
    console.error(`p2pml-peer: --${key} is required`);
    process.exit(2);
  }
}

const streamId = args.playlist;
const core = new Core({
  announceTrackers: [args.tracker],
  rtcConfig: { iceServers: [] },  // loopback: host candidates only
  ...(args['high-demand-s'] ? { highDemandTimeWindow: Number(args['high-demand-s']) } : {}),
});
const bytes = { cdn: 0, p2p: 0, uploaded: 0 };
core.addEventListener('onChunkDownloaded', (length, source) => {
  bytes[source === 'p2p' ? 'p2p' : 'cdn'] += length;
});
core.addEventListener('onChunkUploaded', (length) => { bytes.uploaded += length; });
const peers = { connected: 0, errors: 0, trackerErrors: 0 };
core.addEventListener('onPeerConnect', () => { ++peers.connected; });
core.addEventListener('onPeerError', ({ error }) => {
  if (++peers.errors <= 3) console.error(`peer error: ${error?.message ?? error}`);
});
core.addEventListener('onTrackerError', ({ error }) => {
  if (++peers.trackerErrors <= 3) console.error(`tracker error: ${error?.message ?? error}`);
});
core.setManifestResponseUrl(args.playlist);
core.setIsLive(true);
// The stream's swarm index as p2p-media-loader-hlsjs derives it for a media playlist without a
// master (no bitrate or codec metadata), so that browser and node viewers share one swarm.
core.addStreamIfNoneExists({ runtimeId: streamId, type: 'main',
                             index: generateStreamShortId({ bitrate: 0 }) });

const known = new Set();
function addSegments(player) {
  const fresh = [];
  for (const s of player.segments.values()) {
    if (known.has(s.seq)) continue;
    known.add(s.seq);
    const startTime = player.mediaStartS(s.seq);
    fresh.push({ runtimeId: s.url, externalId: s.seq, url: s.url, startTime,
                 endTime: startTime + s.durationS });
  }
  if (fresh.length) core.updateStream(streamId, fresh, []);
}

const player = new HeadlessPlayer({
  playlistUrl: args.playlist,
  onPosition: (positionS) => core.updatePlayback(positionS, 1),
  loadSegment: (segment) => {
    addSegments(player);
    return new Promise((resolve, reject) => {
      core.loadSegment(segment.url, {
        onSuccess: (response) => resolve(new Uint8Array(response.data)),
        onError: (error) => reject(error),
      }).catch(reject);
    });
  },
});
await player.start();
addSegments(player);
const durationMs = Number(args['duration-s']) * 1000;
setTimeout(() => {
  player.stop();
  const stats = { name: args.name, client: 'p2p-media-loader', kind: 'node', bytes, peers,
                  ...player.stats };
  fs.writeFileSync(args['stats-out'], JSON.stringify(stats, null, 1));
  core.destroy();
  process.exit(0);
}, durationMs);
