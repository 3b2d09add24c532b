// The host's segment bytes: what the player gets and what uploads are served from. Only bytes
// from the CDN or verified against the playlist's digest are put here.
export const keyOf = (rendition, seq) => `${rendition}/${seq}`;

/** Segment bytes by (rendition, seq), oldest dropped beyond `maxBytes`. */
export class SegmentStore {
  constructor(maxBytes = 256 * 1024 * 1024) {
    this.maxBytes = maxBytes;
    this.bytes = 0;
    this.map = new Map();  // insertion order = age
  }
  put(rendition, seq, data) {
    const key = keyOf(rendition, seq);
    if (this.map.has(key)) return;
    this.map.set(key, data);
    this.bytes += data.byteLength;
    for (const [oldKey, old] of this.map) {
      if (this.bytes <= this.maxBytes || oldKey === key) break;
      this.map.delete(oldKey);
      this.bytes -= old.byteLength;
    }
  }
  get(rendition, seq) { return this.map.get(keyOf(rendition, seq)); }
}
