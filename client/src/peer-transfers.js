// Segment transfers over peer data channels. Downloads (kFetchFromPeer): the Request frame goes
// out, Data frames come back and are assembled; a complete segment is checked against the
// playlist's SHA-256 digest before it is stored, reported done and handed to the player; a
// mismatch fails the transfer and bans the peer. Uploads (kServeUpload): Data frames of at most
// 16 KiB from the store, paced by the channel's bufferedAmount (polled: the low-water event
// is unreliable in @roamhq/wrtc); a partial upload (pipelined relaying) reads a segment still
// arriving from the store's arriving sources, each byte once it is here.
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
    this.cancelled = new Map();  // transfer -> download, cancelled in the current batch
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

  // Forgets a download; a relay reading it waits for another source or the client's stop.
  forget(transfer) {
    const d = this.downloads.get(transfer);
    if (!d) return false;
    this.downloads.delete(transfer);
    if (d.source) this.store.clearArriving(d.rendition, d.seq, d.source);
    return true;
  }

  cancel(action) {
    const d = this.downloads.get(action.transfer);
    if (!this.forget(action.transfer)) return;
    if (d.buffer && d.received > 0) this.cancelled.set(action.transfer, d);
    if (action.notifyPeer && action.frame) this.peers.send(action.peer, action.frame);
  }

  /**
   * The first `bytes` of download `transfer`, cancelled in this batch, for the CDN fetch that
   * continues it: {bytes, peer}, or null when it did not receive that many. Frames arrive in
   * order, so the first `received` bytes are contiguous.
   */
  takePrefix(transfer, bytes) {
    const d = this.cancelled.get(transfer);
    this.cancelled.delete(transfer);
    if (!d || bytes <= 0 || d.received < bytes || bytes >= d.buffer.byteLength) return null;
    return { bytes: d.buffer.slice(0, bytes), peer: d.peer };
  }

  /** The batch is done: what no CDN fetch continued is dropped. */
  forgetCancelled() { this.cancelled.clear(); }

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
    if (!d.buffer) {
      const buffer = new Uint8Array(size);
      d.buffer = buffer;
      // Frames come in order on the channel: the first `received` bytes can be relayed on.
      d.source = { size, received: 0, read: (begin, end) => buffer.subarray(begin, end) };
      this.store.setArriving(d.rendition, d.seq, d.source);
    }
    d.buffer.set(data.payload, data.offsetBytes);
    d.received += data.payload.byteLength;
    d.source.received = d.received;
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
    const why = this.playlist.checkSegment(d.seq, d.buffer, (b) => this.wasm.sha256Hex(b));
    if (why) return this.reject(transfer, d, why);
    this.store.put(d.rendition, d.seq, d.buffer);
    this.forget(transfer);
    this.stats.p2pBytes += d.received;
    this.report('done', transfer, d.received);
  }

  // Bad bytes: the transfer fails, and the sender is banned unless we merely lack a digest.
  reject(transfer, d, why) {
    this.forget(transfer);
    this.log(`peer ${d.peer} segment ${d.seq}: ${why}`);
    this.report('failed', transfer, d.received);
    if (why === 'no digest to check against') return;
    this.stats.integrityFailures += 1;
    this.report('misbehaved', d.peer);
  }

  /** The channel with `peer` closed: its downloads are the client's to fail (OnChannelClosed). */
  dropPeer(peer) {
    for (const [t, d] of [...this.downloads]) if (d.peer === peer) this.forget(t);
    for (const u of this.uploads.values()) if (u.peer === peer) u.stopped = true;
  }

  // --- Uploads -----------------------------------------------------------------------------

  serve(action) {
    const upload = { peer: action.peer, stopped: false };
    this.uploads.set(action.upload, upload);
    this.stream(action, upload).catch((e) => this.log(`upload ${action.upload}: ${e}`));
  }

  // A held segment, or (a partial upload) one still arriving: its bytes so far.
  readable(action) {
    const bytes = this.store.get(action.rendition, action.seq);
    if (bytes) {
      return { size: bytes.byteLength, received: bytes.byteLength,
               read: (begin, end) => bytes.subarray(begin, end) };
    }
    return action.partial ? this.store.getArriving(action.rendition, action.seq) : undefined;
  }

  // Sends the range as its bytes are here. A partial upload whose source is gone or not far
  // enough waits: for the bytes, for another download of the segment, or for the client's
  // kStopUpload (it stops relays whose segment is neither held nor arriving).
  async stream(action, upload) {
    let sent = 0;
    let size = 0;
    for (let at = action.offsetBytes; !upload.stopped;) {
      const source = this.readable(action);
      if (!source && !action.partial) break;
      if (source && size && source.size !== size) break;  // sources disagree on the size: stop
      if (source) size = source.size;
      const end = Math.min(action.offsetBytes + action.lengthBytes, size);
      if (source && at >= end) break;
      if (!source || at >= source.received ||
          this.peers.bufferedAmount(action.peer) > kHighWaterBytes) {
        await sleep(kPollMs);
        continue;
      }
      const chunk = source.read(at, Math.min(end, source.received, at + kChunkBytes));
      const frame = this.wasm.encodeData(action.rendition, action.seq, at, size, chunk);
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
