// CDN downloads (kFetchFromCdn): fetch() with the body read as a stream so core sees progress
// (OnTransferProgress) and completion (OnTransferDone) or failure (OnTransferFailed).

/** Runs CDN transfers for a host; `report(kind, ...args)` feeds the client. */
export class CdnFetcher {
  constructor({ fetch, playlist, store, report, stats }) {
    this.fetch = fetch;
    this.playlist = playlist;
    this.store = store;
    this.report = report;
    this.stats = stats;
    this.active = new Map();  // transfer -> AbortController
  }

  start(action) {
    const url = this.playlist.segmentUrl(action.seq);
    const controller = new AbortController();
    this.active.set(action.transfer, controller);
    this.run(action, url, controller).catch(() => {});
  }

  async run(action, url, controller) {
    let received = 0;
    let source = null;
    try {
      if (!url) throw new Error(`no URL for segment ${action.seq}`);
      const response = await this.fetch(url, { signal: controller.signal });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const total = Number(response.headers.get('content-length')) || 0;
      // With a known size the body lands in one buffer that relays can read while it arrives
      // (a body longer than content-length, e.g. a compressed response, is collected in chunks
      // and not relayed).
      let buffer = total > 0 ? new Uint8Array(total) : null;
      const chunks = [];
      if (buffer) {
        source = { size: total, received: 0, read: (begin, end) => buffer.subarray(begin, end) };
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
      if (!this.active.delete(action.transfer)) return;
      const bytes = buffer || concat(chunks, received);
      this.store.put(action.rendition, action.seq, bytes);
      this.stats.cdnBytes += received;
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

/** One Uint8Array from chunks. */
export function concat(chunks, totalBytes) {
  const out = new Uint8Array(totalBytes);
  let at = 0;
  for (const c of chunks) { out.set(c, at); at += c.byteLength; }
  return out;
}
