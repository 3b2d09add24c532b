// The host against in-process fake services (no sockets): one viewer plays a VOD stream from
// the CDN; the headless player plays only what it has.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadCdnmesh } from '../src/wasm.js';
import { startHeadlessPeer } from '../node/run-peer.js';
import { FakeNet, makeVodStream, kOrigin } from './fake-services.js';

const wasm = await loadCdnmesh();
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

test('a lone viewer joins, plays from the CDN without stalls and reports its stats', async () => {
  const media = makeVodStream({ count: 10, durationS: 1, sizeBytes: 40_000 });
  const net = new FakeNet(wasm, media.files, { cdnSeeding: false });
  const ready = [];
  const peer = await startHeadlessPeer({
    servicesUrl: kOrigin, playlistUrl: media.playlistUrl, content: 1, seed: 3,
    fetch: net.fetch, WebSocket: net.WebSocket, RTCPeerConnection: class {},
    log: () => {},
  });
  const original = peer.player.onSegmentReady.bind(peer.player);
  peer.player.onSegmentReady = (r, seq, bytes) => { ready.push([seq, bytes]); original(r, seq, bytes); };
  await sleep(3500);
  const stats = peer.host.stats();
  peer.stop();
  assert.ok(stats.peerId >= 100, 'the fake tracker assigned an id');
  assert.ok(stats.bytesFromCdn >= 3 * 40_000, `CDN bytes ${stats.bytesFromCdn}`);
  assert.equal(stats.bytesFromPeers, 0);
  assert.equal(stats.stalls, 0);
  assert.ok(stats.startupDelayMs !== null && stats.startupDelayMs < 1000, `startup ${stats.startupDelayMs}`);
  assert.ok(stats.core.playedUs >= 2_000_000, `played ${stats.core.playedUs} us`);
  for (const [seq, bytes] of ready) assert.deepEqual(bytes, media.segments[seq].bytes);
});

test('a join the distributor could not answer is retried', async () => {
  const media = makeVodStream({ count: 6, durationS: 1, sizeBytes: 10_000 });
  const net = new FakeNet(wasm, media.files, { cdnSeeding: false });
  net.failJoins = 1;
  const peer = await startHeadlessPeer({
    servicesUrl: kOrigin, playlistUrl: media.playlistUrl, content: 1, seed: 4,
    fetch: net.fetch, WebSocket: net.WebSocket, RTCPeerConnection: class {}, log: () => {},
  });
  await sleep(1800);  // the retry goes out after 1 s
  const stats = peer.host.stats();
  peer.stop();
  assert.equal(net.failJoins, 0);
  assert.ok(stats.peerId >= 100, 'configured and joined the swarm on the second attempt');
});
