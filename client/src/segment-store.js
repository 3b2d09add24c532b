// The host's segment bytes: what the player gets and what uploads are served from. Only bytes
// from the CDN or verified against the playlist's digest are put here.
export const keyOf = (rendition, seq) => `${rendition}/${seq}`;

/** Segment bytes by (rendition, seq), oldest dropped beyond `maxBytes`. */
export class SegmentStore {
  constructor(maxBytes = 256 * 1024 * 1024) {
    this.maxBytes = maxBytes;
    this.bytes = 0;
    this.map = new Map();  // insertion order = age
    this.arriving = new Map();  // key -> source of a segment still arriving
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

  // Segments still arriving, which the client may relay before they are whole
  // (scheduler.relay_after_bytes): `source` is {size, received, read(begin, end)}, its first
  // `received` bytes readable. Unverified bytes: the final receiver checks the whole segment.
  setArriving(rendition, seq, source) { this.arriving.set(keyOf(rendition, seq), source); }
  clearArriving(rendition, seq, source) {
    const key = keyOf(rendition, seq);
    if (this.arriving.get(key) === source) this.arriving.delete(key);
  }
  getArriving(rendition, seq) { return this.arriving.get(keyOf(rendition, seq)); }
}
