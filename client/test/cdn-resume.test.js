// The host's side of a CDN fetch that continues a cancelled peer download (kFetchFromCdn with
// offset_bytes): the peer download's first bytes are kept for the batch, the CDN is asked for
// the rest with a Range header, progress counts from the segment's first byte, and the whole is
// checked against the playlist's digest because part of it came from a peer. A CDN that ignores
// the range sends the whole segment, which is used instead.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { CdnFetcher, rangeStart } from '../src/cdn-fetcher.js';
import { PeerTransfers } from '../src/peer-transfers.js';
import { PlaylistState } from '../src/playlist.js';
import { SegmentStore } from '../src/segment-store.js';

const kSize = 50_000;
const kPrefix = 20_000;
const segment = new Uint8Array(kSize).map((_, i) => (i * 7) & 0xff);
const sha256Hex = (bytes) => createHash('sha256').update(bytes).digest('hex');
const wasm = { sha256Hex };
// The playlist's own check, over a fixed URL and digest (`digest` null: the sidecar lacks it).
const makePlaylist = (digest) => ({ segmentUrl: (seq) => `http://cdn.test/seg${seq}.ts`,
                                    digestOf: () => digest,
                                    checkSegment: PlaylistState.prototype.checkSegment });

// A CDN that serves `segment`, honouring Range unless `ignoreRange`.
function cdn({ ignoreRange = false } = {}) {
  const requests = [];
  const fetch = async (url, init = {}) => {
    const range = init.headers && init.headers.Range;
    requests.push({ url, range });
    const match = /^bytes=(\d+)-$/.exec(range || '');
    if (!match || ignoreRange) {
      return new Response(segment, { status: 200, headers: { 'content-length': String(kSize) } });
    }
    const from = Number(match[1]);
    return new Response(segment.slice(from), {
      status: 206,
      headers: { 'content-length': String(kSize - from),
                 'content-range': `bytes ${from}-${kSize - 1}/${kSize}` } });
  };
  return { fetch, requests };
}

// A peer download of segment 5 that received `bytes` (of `source`), then was cancelled.
function cancelledDownload(transfers, bytes, source = segment) {
  transfers.fetch({ transfer: 7, peer: 9, rendition: 0, seq: 5, frame: {} });
  transfers.onData(9, { rendition: 0, seq: 5, offsetBytes: 0, segmentSizeBytes: kSize,
                        payload: source.slice(0, bytes) });
  transfers.cancel({ transfer: 7, peer: 9, notifyPeer: false });
}

function host(server, playlist = makePlaylist(sha256Hex(segment))) {
  const store = new SegmentStore();
  const reports = [];
  const stats = { cdnBytes: 0, p2pBytes: 0, integrityFailures: 0, discardedBytes: 0 };
  const report = (...args) => reports.push(args);
  const peers = { send: () => true, bufferedAmount: () => 0 };
  const transfers = new PeerTransfers({ wasm, peers, playlist, store, report, stats, log: () => {} });
  const fetcher = new CdnFetcher({ fetch: server.fetch, playlist, store, report, stats, wasm,
                                   takePrefix: (t, n) => transfers.takePrefix(t, n) });
  const finished = async () => {
    for (let i = 0; i < 100; ++i) {
      const end = reports.find((r) => r[0] === 'done' || r[0] === 'failed');
      if (end) return end;
      await new Promise((r) => setTimeout(r, 5));
    }
    return null;
  };
  return { store, reports, stats, transfers, fetcher, finished };
}

const resumeAction = { transfer: 8, rendition: 0, seq: 5, sizeBytes: kSize, offsetBytes: kPrefix,
                       resumes: 7 };

test('the CDN sends only the rest; the segment is the peer prefix plus it, counted from byte 0', async () => {
  const server = cdn();
  const h = host(server);
  cancelledDownload(h.transfers, kPrefix);
  h.fetcher.start(resumeAction);
  assert.deepEqual(await h.finished(), ['done', 8, kSize]);
  assert.equal(server.requests[0].range, `bytes=${kPrefix}-`);
  assert.deepEqual(h.store.get(0, 5), segment);
  assert.equal(h.stats.cdnBytes, kSize - kPrefix);
  assert.equal(h.stats.p2pBytes, kPrefix);
  const progress = h.reports.filter((r) => r[0] === 'progress' && r[1] === 8);
  assert.ok(progress.length > 0 && progress.every((r) => r[2] > kPrefix && r[3] === kSize));
});

test('a CDN that ignores the range sends the whole segment, which replaces the prefix', async () => {
  const server = cdn({ ignoreRange: true });
  const h = host(server);
  cancelledDownload(h.transfers, kPrefix);
  h.fetcher.start(resumeAction);
  assert.deepEqual(await h.finished(), ['done', 8, kSize]);
  assert.deepEqual(h.store.get(0, 5), segment);
  assert.equal(h.stats.cdnBytes, kSize);
  assert.equal(h.stats.p2pBytes, 0);
});

test('a prefix that does not match the digest fails the fetch and names the peer', async () => {
  const h = host(cdn());
  const forged = segment.map((b) => b ^ 0x55);
  cancelledDownload(h.transfers, kPrefix, forged);
  h.fetcher.start(resumeAction);
  assert.deepEqual(await h.finished(), ['failed', 8, kSize]);
  assert.ok(h.reports.some((r) => r[0] === 'misbehaved' && r[1] === 9));
  assert.equal(h.store.get(0, 5), undefined);
  assert.equal(h.stats.integrityFailures, 1);
});

test('without a digest yet a resumed segment fails, and its peer is not blamed', async () => {
  const h = host(cdn(), makePlaylist(null));
  cancelledDownload(h.transfers, kPrefix);
  h.fetcher.start(resumeAction);
  assert.deepEqual(await h.finished(), ['failed', 8, kSize]);
  assert.ok(!h.reports.some((r) => r[0] === 'misbehaved'));
  assert.equal(h.stats.integrityFailures, 0);
});

test('a prefix is kept for the batch only, and only as far as it arrived', () => {
  const h = host(cdn());
  cancelledDownload(h.transfers, kPrefix);
  assert.equal(h.transfers.takePrefix(7, kPrefix + 1), null, 'more than arrived');
  cancelledDownload(h.transfers, kPrefix);
  h.transfers.forgetCancelled();
  assert.equal(h.transfers.takePrefix(7, kPrefix), null, 'the batch is over');
  cancelledDownload(h.transfers, kPrefix);
  assert.deepEqual(h.transfers.takePrefix(7, kPrefix).bytes, segment.slice(0, kPrefix));
});

test('Content-Range start', () => {
  assert.equal(rangeStart('bytes 100-199/200'), 100);
  assert.equal(rangeStart('bytes 0-9/*'), 0);
  assert.equal(rangeStart('bytes */200'), -1);
  assert.equal(rangeStart(null), -1);
});
