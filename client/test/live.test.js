// Live: two headless viewers on a stream published in real time behind the fake services; the
// playlist is reloaded, playback starts behind the edge, peers share what they hold.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { loadCdnmesh } from '../src/wasm.js';
import { startHeadlessPeer } from '../node/run-peer.js';
import { FakeNet, makeLiveStream, kOrigin } from './fake-services.js';

const require = createRequire(new URL('../../web/package.json', import.meta.url));
const { RTCPeerConnection } = require('@roamhq/wrtc');
const wasm = await loadCdnmesh();
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

test('two live viewers play behind the edge without stalls and share segments', async () => {
  const media = makeLiveStream({ durationS: 1, window: 8, initial: 8, sizeBytes: 100_000 });
  const net = new FakeNet(wasm, media.files, { urgentWindowUs: 1_000_000, minBufferUs: 500_000 });
  const ready = [];
  const start = (seed) => startHeadlessPeer({
    servicesUrl: kOrigin, playlistUrl: media.playlistUrl, content: 1, seed, fetch: net.fetch,
    WebSocket: net.WebSocket, RTCPeerConnection, log: () => {},
  });
  const a = await start(1);
  const b = await start(2);
  const play = b.player.onSegmentReady.bind(b.player);
  b.player.onSegmentReady = (r, seq, bytes) => { ready.push([seq, bytes]); play(r, seq, bytes); };
  await sleep(10_000);
  const sa = a.host.stats();
  const sb = b.host.stats();
  a.stop();
  b.stop();
  media.stop();
  await sleep(200);
  for (const s of [sa, sb]) {
    assert.ok(s.core.playedUs >= 7_000_000, `played ${s.core.playedUs} us`);
    assert.ok(s.stalls <= 1, `stalls ${s.stalls}`);
    assert.equal(s.integrityFailures, 0);
  }
  assert.ok(sa.bytesFromPeers + sb.bytesFromPeers > 0, 'peers shared segments');
  for (const [seq, bytes] of ready) assert.equal(wasm.sha256Hex(bytes), media.segments[seq].hex);
  assert.ok(ready[0][0] >= 4, `started behind the edge at ${ready[0][0]}`);
});
