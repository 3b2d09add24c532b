// The wasm module against core's codec and SHA-256: vectors, frame round trips, the per-channel
// reassembler, and refusal of malformed frames.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { loadCdnmesh } from '../src/wasm.js';

const wasm = await loadCdnmesh();
const bytes = (s) => new TextEncoder().encode(s);

test('sha256 matches the FIPS 180-2 vectors and node:crypto', () => {
  assert.equal(wasm.sha256Hex(bytes('abc')),
               'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  assert.equal(wasm.sha256Hex(bytes('')),
               'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  assert.equal(wasm.sha256Hex(bytes('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')),
               '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1');
  assert.equal(wasm.sha256Hex(bytes('a'.repeat(1_000_000))),
               'cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0');
  const random = new Uint8Array(300_001).map((_, i) => (i * 31 + 7) & 0xff);
  assert.equal(wasm.sha256Hex(random), createHash('sha256').update(random).digest('hex'));
});

test('a Data frame round-trips through core and has the documented header', () => {
  const payload = new Uint8Array(16 * 1024).map((_, i) => i & 0xff);
  const frame = wasm.encodeData(0, 42, 32768, 100_000, payload);
  assert.equal(frame[0], 0x35, 'type code of Data');
  const m = wasm.decodeFrame(frame);
  assert.equal(m.type, 'Data');
  assert.deepEqual([m.rendition, m.seq, m.offsetBytes, m.segmentSizeBytes], [0, 42, 32768, 100_000]);
  assert.deepEqual(m.payload, payload);
  assert.deepEqual(wasm.reencodeFrame(frame), frame, 'canonical encoding');
});

test('signaling frames carry the SDP and the 64-bit session id', () => {
  const sdp = bytes('v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\n');
  const offer = wasm.decodeFrame(wasm.encodeSignalOffer(5, 9, '18446744073709551615', sdp));
  assert.deepEqual([offer.type, offer.from, offer.to, offer.sessionId], ['SignalOffer', 5, 9, '18446744073709551615']);
  assert.deepEqual(offer.sdp, sdp);
  const refusal = wasm.decodeFrame(wasm.encodeSignalAnswer(9, 5, '77', new Uint8Array(), false));
  assert.deepEqual([refusal.type, refusal.accepted, refusal.sessionId], ['SignalAnswer', false, '77']);
});

test('malformed frames are refused with an error, never a crash', () => {
  assert.ok(wasm.decodeFrame(new Uint8Array([0xff, 0])).error);
  assert.ok(wasm.decodeFrame(new Uint8Array([0x35, 5, 1])).error, 'truncated');
  const frame = wasm.encodeHave(0, 3);
  assert.ok(wasm.decodeFrame(new Uint8Array([...frame, 0])).error, 'trailing byte');
  assert.equal(wasm.reencodeFrame(new Uint8Array([0x35])), null);
});

test('a peer channel reassembles frames split across and joined in channel messages', () => {
  const stream = { content: 1, ladderBps: [1e6], segmentDurationUs: 1e6, live: false,
                   playlistWindowSegments: 5, vodSegmentCount: 5 };
  const client = new wasm.Client(stream, { seed: 1 });
  client.start(0, 0);
  client.onChannelOpen(1, 77);
  const data = wasm.encodeData(0, 1, 0, 3000, new Uint8Array(3000).fill(9));
  assert.equal(client.onPeerBytes(2, 77, data.subarray(0, 2)).messages.length, 0);
  assert.equal(client.onPeerBytes(3, 77, data.subarray(2, 1000)).messages.length, 0);
  const last = client.onPeerBytes(4, 77, new Uint8Array([...data.subarray(1000), ...data]));
  assert.equal(last.messages.length, 2, 'the rest of one frame and a whole second one');
  assert.equal(last.messages[0].payload.length, 3000);
  const bad = client.onPeerBytes(5, 77, new Uint8Array([0x35, 0xff, 0xff, 0xff, 0x7f]));
  assert.ok(bad.error, 'an impossible length ends the channel');
  assert.equal(client.onPeerBytes(6, 77, data).messages.length, 0, 'nothing after the error');
});
