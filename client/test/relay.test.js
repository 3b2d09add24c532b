// The host's side of pipelined relaying (scheduler.relay_after_bytes): a partial upload sends a
// segment's bytes only once they arrived, in order and without gaps, switches to the stored
// segment once it is whole, and waits (sending nothing) while no source is ahead, until the
// client stops it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PeerTransfers } from '../src/peer-transfers.js';
import { SegmentStore } from '../src/segment-store.js';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const kSize = 100_000;

function harness() {
  const store = new SegmentStore();
  const sent = [];     // {offset, length, readyAtSend}
  const reports = [];  // [kind, ...args]
  let ready = () => 0;
  const wasm = { encodeData: (rendition, seq, offset, size, chunk) => ({ offset, size, length: chunk.byteLength }) };
  const peers = {
    send: (peer, frame) => { sent.push({ ...frame, readyAtSend: ready() }); return true; },
    bufferedAmount: () => 0,
  };
  const transfers = new PeerTransfers({ wasm, peers, playlist: {}, store, stats: { uploadedBytes: 0 },
                                        report: (...args) => reports.push(args), log: () => {} });
  const done = () => reports.find((r) => r[0] === 'uploadDone');
  return { store, sent, reports, transfers, done, setReady: (f) => { ready = f; } };
}

const action = (partial) => ({ upload: 1, peer: 9, rendition: 0, seq: 5, offsetBytes: 0,
                               lengthBytes: 0xffffffff, partial });

test('a partial upload sends only bytes that arrived, in order, then the rest once stored', async () => {
  const h = harness();
  const bytes = new Uint8Array(kSize).map((_, i) => i & 0xff);
  const source = { size: kSize, received: 0, read: (b, e) => bytes.subarray(b, e) };
  h.setReady(() => source.received);
  h.store.setArriving(0, 5, source);
  h.transfers.serve(action(true));
  await sleep(20);
  assert.equal(h.sent.length, 0, 'nothing has arrived: nothing is sent');
  source.received = 40_000;
  await sleep(30);
  assert.equal(h.sent.reduce((s, f) => s + f.length, 0), 40_000);
  source.received = 70_000;
  await sleep(30);
  h.store.put(0, 5, bytes);  // whole: from now on the stored copy is the source
  h.store.clearArriving(0, 5, source);
  h.setReady(() => kSize);
  for (let i = 0; i < 50 && !h.done(); ++i) await sleep(10);
  assert.deepEqual(h.done(), ['uploadDone', 1, kSize]);
  let at = 0;
  for (const f of h.sent) {
    assert.equal(f.offset, at, 'in order, no gap, no overlap');
    assert.ok(f.offset + f.length <= f.readyAtSend, 'never a byte that had not arrived');
    assert.equal(f.size, kSize);
    at += f.length;
  }
  assert.equal(at, kSize);
});

test('a partial upload without a source waits until the client stops it', async () => {
  const h = harness();
  h.transfers.serve(action(true));
  await sleep(30);
  assert.equal(h.done(), undefined, 'still waiting for a download of the segment');
  h.transfers.stopUpload(1);
  for (let i = 0; i < 20 && !h.done(); ++i) await sleep(5);
  assert.deepEqual(h.done(), ['uploadDone', 1, 0]);
  assert.equal(h.sent.length, 0);
});

test('a whole-segment upload of a segment not held ends at once with nothing sent', async () => {
  const h = harness();
  h.transfers.serve(action(false));
  for (let i = 0; i < 20 && !h.done(); ++i) await sleep(5);
  assert.deepEqual(h.done(), ['uploadDone', 1, 0]);
});
