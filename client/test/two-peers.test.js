// Two headless viewers over real WebRTC data channels (@roamhq/wrtc on loopback) behind the
// fake services: the second gets segment bytes from the first, each checked against the digest
// sidecar; a viewer served corrupted bytes bans the sender and hands nothing corrupted over.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { loadCdnmesh } from '../src/wasm.js';
import { startHeadlessPeer } from '../node/run-peer.js';
import { FakeNet, makeVodStream, kOrigin } from './fake-services.js';

const require = createRequire(new URL('../../web/package.json', import.meta.url));
const { RTCPeerConnection } = require('@roamhq/wrtc');
const wasm = await loadCdnmesh();
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// Short windows so the second viewer has segments worth asking a peer for: only the next
// second is urgent (CDN), the 20 s after it are for peers.
const kConfig = { cdnSeeding: false, urgentWindowUs: 1_000_000, p2pWindowUs: 20_000_000,
                  minBufferUs: 500_000 };

async function viewer(net, media, seed, extra = {}) {
  const ready = [];
  const peer = await startHeadlessPeer({
    servicesUrl: kOrigin, playlistUrl: media.playlistUrl, content: 1, seed,
    fetch: net.fetch, WebSocket: net.WebSocket, RTCPeerConnection, log: () => {}, ...extra,
  });
  const play = peer.player.onSegmentReady.bind(peer.player);
  peer.player.onSegmentReady = (r, seq, bytes) => { ready.push([seq, bytes]); play(r, seq, bytes); };
  return { ...peer, ready };
}

function assertIntact(ready, media) {
  for (const [seq, bytes] of ready) {
    assert.equal(wasm.sha256Hex(bytes), media.segments[seq].hex, `segment ${seq} handed over intact`);
  }
}

test('the second viewer gets verified segment bytes from the first over a data channel', async (t) => {
  const media = makeVodStream({ count: 30, durationS: 1, sizeBytes: 120_000 });
  const net = new FakeNet(wasm, media.files, kConfig);
  const first = await viewer(net, media, 1);
  await sleep(4000);  // the first viewer holds segments the second will need
  const second = await viewer(net, media, 2);
  await sleep(7000);
  const a = first.host.stats();
  const b = second.host.stats();
  second.stop();
  first.stop();
  await sleep(200);
  t.diagnostic(`second viewer: ${b.bytesFromPeers} bytes from peers, ${b.bytesFromCdn} from CDN`);
  assert.ok(b.core.connectionsOpened >= 1, 'a channel opened');
  assert.ok(b.bytesFromPeers >= 120_000, `peer bytes ${b.bytesFromPeers}`);
  assert.ok(a.bytesUploaded >= b.bytesFromPeers, `uploaded ${a.bytesUploaded}`);
  assert.equal(b.integrityFailures, 0);
  assertIntact(second.ready, media);
  assert.ok(second.ready.length >= 5, `${second.ready.length} segments played`);
});

test('a peer serving corrupted bytes is banned and nothing corrupted reaches the player', async () => {
  const media = makeVodStream({ count: 30, durationS: 1, sizeBytes: 120_000 });
  const net = new FakeNet(wasm, media.files, kConfig);
  const cheat = await viewer(net, media, 1, { corruptUploads: true });
  await sleep(4000);
  const victim = await viewer(net, media, 2);
  await sleep(7000);
  const v = victim.host.stats();
  victim.stop();
  cheat.stop();
  await sleep(200);
  assert.ok(v.integrityFailures >= 1, 'the corrupted segment was caught');
  assert.equal(v.peersBanned, 1);
  assert.equal(v.bytesFromPeers, 0, 'no corrupted byte counted as delivered');
  assert.equal(v.core.connectionsOpen, 0, 'the channel to the cheat is closed');
  assertIntact(victim.ready, media);
  assert.ok(victim.ready.length >= 5, 'playback went on from the CDN');
});
