// Segment transfers over peer data channels. Downloads (kFetchFromPeer): the Request frame goes
// out, Data frames come back and are assembled; a complete segment is checked against the
// playlist's SHA-256 digest before it is stored, reported done and handed to the player; a
// mismatch fails the transfer and bans the peer. Uploads (kServeUpload): Data frames of at most
// 16 KiB from the store, paced by the channel's bufferedAmount (polled: the low-water event
// is unreliable in @roamhq/wrtc).
const kChunkBytes = 16 * 1024;
const kHighWaterBytes = 1024 * 1024;  // stop queueing above this much unsent
const kPollMs = 5;
const kMaxSegmentBytes = 64 * 1024 * 1024;  // a larger claimed size is a hostile peer's

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export class PeerTransfers {
  constructor({ wasm, peers, playlist, store, report, stats, log }) {
    Object.assign(this, { wasm, peers, playlist, store, report, stats, log });
    this.downloads = new Map();  // transfer -> {peer, rendition, seq, buffer, received}
    this.uploads = new Map();    // upload -> {stopped}
  }

  // --- Downloads ---------------------------------------------------------------------------

  fetch(action) {
    if (!this.peers.send(action.peer, action.frame)) {
      queueMicrotask(() => this.report('failed', action.transfer, 0));  // no channel
      return;
    }
    this.downloads.set(action.transfer, { peer: action.peer, rendition: action.rendition,
                                          seq: action.seq, buffer: null, received: 0 });
  }

  cancel(action) {
    if (!this.downloads.delete(action.transfer)) return;
    if (action.notifyPeer && action.frame) this.peers.send(action.peer, action.frame);
  }

  /** A Data frame from `peer` (a description from the wasm's reassembler). */
  onData(peer, data) {
    const entry = this.findDownload(peer, data.rendition, data.seq);
    if (!entry) { this.stats.discardedBytes += data.payload.byteLength; return; }
    const [transfer, d] = entry;
    const size = data.segmentSizeBytes;
    if (size <= 0 || size > kMaxSegmentBytes || data.offsetBytes + data.payload.byteLength > size ||
        (d.buffer && d.buffer.byteLength !== size)) {
      return this.reject(transfer, d, 'inconsistent Data sizes');
    }
    if (!d.buffer) d.buffer = new Uint8Array(size);
    d.buffer.set(data.payload, data.offsetBytes);
    d.received += data.payload.byteLength;
    this.report('progress', transfer, d.received, size);
    if (d.received >= size) this.complete(transfer, d);
  }

  findDownload(peer, rendition, seq) {
    let found = null;  // the newest request of that segment to that peer
    for (const entry of this.downloads) {
      const d = entry[1];
      if (d.peer === peer && d.rendition === rendition && d.seq === seq) found = entry;
    }
    return found;
  }

  complete(transfer, d) {
    const expected = this.playlist.digestOf(d.seq);
    const actual = this.wasm.sha256Hex(d.buffer);
    if (!expected || expected !== actual) {
      return this.reject(transfer, d, expected ? 'digest mismatch' : 'no digest to check against');
    }
    this.downloads.delete(transfer);
    this.store.put(d.rendition, d.seq, d.buffer);
    this.stats.p2pBytes += d.received;
    this.report('done', transfer, d.received);
  }

  // Bad bytes: the transfer fails, and the sender is banned unless we merely lack a digest.
  reject(transfer, d, why) {
    this.downloads.delete(transfer);
    this.log(`peer ${d.peer} segment ${d.seq}: ${why}`);
    this.report('failed', transfer, d.received);
    if (why === 'no digest to check against') return;
    this.stats.integrityFailures += 1;
    this.report('misbehaved', d.peer);
  }

  /** The channel with `peer` closed: its downloads are the client's to fail (OnChannelClosed). */
  dropPeer(peer) {
    for (const [t, d] of this.downloads) if (d.peer === peer) this.downloads.delete(t);
    for (const u of this.uploads.values()) if (u.peer === peer) u.stopped = true;
  }

  // --- Uploads -----------------------------------------------------------------------------

  serve(action) {
    const upload = { peer: action.peer, stopped: false };
    this.uploads.set(action.upload, upload);
    this.stream(action, upload).catch((e) => this.log(`upload ${action.upload}: ${e}`));
  }

  async stream(action, upload) {
    const bytes = this.store.get(action.rendition, action.seq);
    let sent = 0;
    const end = bytes ? Math.min(action.offsetBytes + action.lengthBytes, bytes.byteLength) : 0;
    for (let at = action.offsetBytes; bytes && at < end && !upload.stopped;) {
      if (this.peers.bufferedAmount(action.peer) > kHighWaterBytes) { await sleep(kPollMs); continue; }
      const chunk = bytes.subarray(at, Math.min(end, at + kChunkBytes));
      const frame = this.wasm.encodeData(action.rendition, action.seq, at, bytes.byteLength, chunk);
      if (!this.peers.send(action.peer, frame)) break;
      at += chunk.byteLength;
      sent += chunk.byteLength;
    }
    this.uploads.delete(action.upload);
    this.stats.uploadedBytes += sent;
    this.report('uploadDone', action.upload, sent);
  }

  stopUpload(upload) {
    const u = this.uploads.get(upload);
    if (u) u.stopped = true;
  }
}
