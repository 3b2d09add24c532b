// hls.js integration: a fragment loader (hls.js `fLoader`) that hands fragment requests to the
// cdnmesh host (level -> rendition, sn -> seq) and resolves when the client has the segment,
// from the CDN or from peers. Init segments and anything without a sequence number go to
// hls.js's default loader.
//
// Two decision makers, reconciled: the cdnmesh scheduler prefetches ahead of the reported
// playhead (peers first, the CDN when a segment becomes urgent); hls.js's buffer target is set
// to the urgent window (browser.js), so it asks only for segments the client is about to need
// anyway. A fragment hls.js asks for that the client neither holds nor fetches is fetched at
// once (Client::OnPlayerWants). Single-rendition streams: hls.js is locked to level 0 and the
// client's ladder has one rung (multi-rendition would lock hls.js to the client's rendition).

function emptyStats() {
  const t = { start: 0, first: 0, end: 0 };
  return { aborted: false, loaded: 0, retry: 0, total: 0, chunkCount: 0, bwEstimate: 0,
           loading: { ...t }, parsing: { start: 0, end: 0 }, buffering: { ...t } };
}

/** A loader class bound to `host`; `DefaultLoader` is Hls.DefaultConfig.loader. */
export function makeFragmentLoader(host, DefaultLoader, onFragment) {
  return class CdnmeshFragmentLoader {
    constructor(config) {
      this.config = config;
      this.stats = emptyStats();
      this.context = null;
      this.inner = null;
      this.done = false;
    }

    load(context, config, callbacks) {
      const frag = context.frag;
      this.context = context;
      if (!frag || typeof frag.sn !== 'number') {  // init segment: plain HTTP
        this.inner = new DefaultLoader(this.config);
        this.stats = this.inner.stats;
        return this.inner.load(context, config, callbacks);
      }
      onFragment?.(frag);
      this.stats.loading.start = performance.now();
      host.wantSegment(frag.level, frag.sn).then((bytes) => {
        if (this.done || this.stats.aborted) return;
        this.done = true;
        const now = performance.now();
        Object.assign(this.stats, { loaded: bytes.byteLength, total: bytes.byteLength, chunkCount: 1 });
        this.stats.loading.first = now;
        this.stats.loading.end = now;
        // A copy: hls.js may transfer the buffer to its worker, and the store keeps serving it.
        callbacks.onSuccess({ url: context.url, data: bytes.slice().buffer }, this.stats, context, null);
      });
    }

    abort() {
      if (this.inner) return this.inner.abort();
      this.stats.aborted = true;  // the client keeps the segment if it arrives: nothing to undo
    }

    destroy() {
      this.inner?.destroy();
      this.done = true;
    }
  };
}
