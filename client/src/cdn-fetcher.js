// CDN downloads (kFetchFromCdn): fetch() with the body read as a stream so core sees progress
// (OnTransferProgress) and completion (OnTransferDone) or failure (OnTransferFailed). A fetch
// that continues a cancelled peer download asks for a byte range (kFetchFromCdn offset_bytes).

/** Runs CDN transfers for a host; `report(kind, ...args)` feeds the client. */
export class CdnFetcher {
  constructor({ fetch, playlist, store, report, stats, wasm, takePrefix }) {
    this.fetch = fetch;
    this.playlist = playlist;
    this.store = store;
    this.report = report;
    this.stats = stats;
    this.wasm = wasm;
    this.takePrefix = takePrefix;  // (transfer, bytes) -> {bytes, peer} | null
    this.active = new Map();  // transfer -> AbortController
  }

  start(action) {
    const url = this.playlist.segmentUrl(action.seq);
    const controller = new AbortController();
    this.active.set(action.transfer, controller);
    // A fetch that continues a peer download cancelled in this batch keeps that download's
    // first bytes and asks the CDN for the rest (without them, for the whole segment).
    const prefix = action.offsetBytes > 0 && this.takePrefix
      ? this.takePrefix(action.resumes, action.offsetBytes) : null;
    this.run(action, url, controller, prefix).catch(() => {});
  }

  // Progress and completion count the segment's bytes from its first, the kept ones included.
  async run(action, url, controller, prefix) {
    let received = 0;
    let kept = 0;  // of `received`, the peer's prefix
    let source = null;
    try {
      if (!url) throw new Error(`no URL for segment ${action.seq}`);
      const init = { signal: controller.signal };
      if (prefix) init.headers = { Range: `bytes=${prefix.bytes.byteLength}-` };
      const response = await this.fetch(url, init);
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      // A 206 from the prefix's end carries the rest; any other success the whole segment.
      if (prefix && response.status === 206 &&
          rangeStart(response.headers.get('content-range')) === prefix.bytes.byteLength) {
        kept = prefix.bytes.byteLength;
      }
      const length = Number(response.headers.get('content-length')) || 0;
      const total = length > 0 ? kept + length : 0;
      // With a known size the body lands in one buffer that relays can read while it arrives
      // (a body longer than content-length, e.g. a compressed response, is collected in chunks
      // and not relayed).
      let buffer = total > 0 ? new Uint8Array(total) : null;
      const chunks = [];
      if (kept > 0) {
        if (buffer) buffer.set(prefix.bytes, 0); else chunks.push(prefix.bytes);
        received = kept;
      }
      if (buffer) {
        source = { size: total, received, read: (begin, end) => buffer.subarray(begin, end) };
        this.store.setArriving(action.rendition, action.seq, source);
      }
      const reader = response.body.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        if (!this.active.has(action.transfer)) return;  // cancelled meanwhile
        if (buffer && received + value.byteLength > total) {
          chunks.push(buffer.slice(0, received));
          buffer = null;
          this.store.clearArriving(action.rendition, action.seq, source);
          source = null;
        }
        if (buffer) buffer.set(value, received); else chunks.push(value);
        received += value.byteLength;
        if (source) source.received = received;
        this.report('progress', action.transfer, received, total);
      }
      if (buffer && received !== total) throw new Error('body shorter than content-length');
      if (!this.active.has(action.transfer)) return;
      const bytes = buffer || concat(chunks, received);
      // The CDN is trusted; a peer's prefix is not: the whole is checked against the playlist,
      // and the peer is reported only when the digest says it sent wrong bytes.
      const why = kept > 0
        ? this.playlist.checkSegment(action.seq, bytes, (b) => this.wasm.sha256Hex(b)) : null;
      if (why) {
        if (why === 'digest mismatch') {
          this.stats.integrityFailures += 1;
          this.report('misbehaved', prefix.peer);
        }
        throw new Error(`resumed segment: ${why}`);
      }
      this.active.delete(action.transfer);
      this.store.put(action.rendition, action.seq, bytes);
      this.stats.cdnBytes += received - kept;
      this.stats.p2pBytes += kept;
      this.report('done', action.transfer, received);
    } catch (error) {
      if (!this.active.delete(action.transfer)) return;  // an abort we asked for
      this.report('failed', action.transfer, received);
    } finally {
      if (source) this.store.clearArriving(action.rendition, action.seq, source);
    }
  }

  cancel(transfer) {
    const controller = this.active.get(transfer);
    if (!controller) return false;
    this.active.delete(transfer);
    controller.abort();
    return true;
  }

  cancelAll() { for (const t of [...this.active.keys()]) this.cancel(t); }
}

/** The first byte of a Content-Range ("bytes 100-199/200"), or -1. */
export function rangeStart(header) {
  const match = /^bytes (\d+)-\d+\/(\d+|\*)$/.exec((header || '').trim());
  return match ? Number(match[1]) : -1;
}

/** One Uint8Array from chunks. */
export function concat(chunks, totalBytes) {
  const out = new Uint8Array(totalBytes);
  let at = 0;
  for (const c of chunks) { out.set(c, at); at += c.byteLength; }
  return out;
}
