// Media playlist loading for the host: the HLS fields core needs (#EXT-X-MEDIA-SEQUENCE,
// segment count, #EXT-X-ENDLIST, durations, URIs) and the `<playlist>.sha256` digest sidecar
// (docs/real-client.md: one line `<segment uri> <sha256 hex>` per listed segment).

const kKeptBehindSegments = 64;  // URLs and digests kept for segments that left the playlist

/** Parses a media playlist: {mediaSequence, targetDurationS, ended, segments: [{seq, uri, durationS}]}. */
export function parseMediaPlaylist(text, baseUrl) {
  const lines = text.split(/\r?\n/).map((l) => l.trim());
  if (lines[0] !== '#EXTM3U') throw new Error('playlist: missing #EXTM3U');
  let mediaSequence = 0;
  let targetDurationS = 0;
  let ended = false;
  let pendingDurationS = null;
  const segments = [];
  for (const line of lines) {
    if (line.startsWith('#EXT-X-MEDIA-SEQUENCE:')) mediaSequence = parseInt(line.slice(22), 10);
    else if (line.startsWith('#EXT-X-TARGETDURATION:')) targetDurationS = parseFloat(line.slice(22));
    else if (line === '#EXT-X-ENDLIST') ended = true;
    else if (line.startsWith('#EXTINF:')) pendingDurationS = parseFloat(line.slice(8));
    else if (line && !line.startsWith('#') && pendingDurationS !== null) {
      segments.push({ seq: mediaSequence + segments.length, uri: line,
                      url: new URL(line, baseUrl).href, durationS: pendingDurationS });
      pendingDurationS = null;
    }
  }
  return { mediaSequence, targetDurationS, ended, segments };
}

/** The URL of a master playlist's first variant, or null for a media playlist. */
export function firstVariant(text, baseUrl) {
  const lines = text.split(/\r?\n/).map((l) => l.trim());
  const at = lines.findIndex((l) => l.startsWith('#EXT-X-STREAM-INF'));
  if (at < 0) return null;
  const uri = lines.slice(at + 1).find((l) => l && !l.startsWith('#'));
  return uri ? new URL(uri, baseUrl).href : null;
}

/** Parses a digest sidecar into Map(uri -> hex). Malformed lines are skipped. */
export function parseDigests(text) {
  const digests = new Map();
  for (const line of text.split(/\r?\n/)) {
    const [uri, hex] = line.trim().split(/\s+/);
    if (uri && /^[0-9a-f]{64}$/i.test(hex || '')) digests.set(uri, hex.toLowerCase());
  }
  return digests;
}

/** What the host knows of the playlist: segment URLs and digests by sequence number. */
export class PlaylistState {
  constructor(playlistUrl, fetchFn) {
    this.playlistUrl = playlistUrl;
    this.fetch = fetchFn;
    this.bySeq = new Map();  // seq -> {uri, url, durationS, digest?}
    this.last = null;        // the last parsed playlist
  }

  /** Loads the playlist and its sidecar; returns {firstSeq, endSeq, ended} for OnPlaylist. */
  async reload() {
    let text = await this.load(this.playlistUrl);
    const variant = firstVariant(text, this.playlistUrl);
    if (variant) {  // a master playlist: the client follows its first rendition (as hls.js level 0)
      this.playlistUrl = variant;
      text = await this.load(variant);
    }
    const parsed = parseMediaPlaylist(text, this.playlistUrl);
    const digests = await this.loadDigests();
    for (const s of parsed.segments) {
      const known = this.bySeq.get(s.seq) || {};
      this.bySeq.set(s.seq, { ...s, digest: digests.get(s.uri) || known.digest });
    }
    this.last = parsed;
    const oldest = (parsed.segments[0]?.seq ?? 0) - kKeptBehindSegments;  // live: forget the far past
    for (const seq of this.bySeq.keys()) if (seq < oldest) this.bySeq.delete(seq);
    const firstSeq = parsed.segments.length ? parsed.segments[0].seq : parsed.mediaSequence;
    return { firstSeq, endSeq: firstSeq + parsed.segments.length, ended: parsed.ended };
  }

  async load(url) {
    const response = await this.fetch(url, { cache: 'no-store' });
    if (!response.ok) throw new Error(`playlist: HTTP ${response.status}`);
    return response.text();
  }

  async loadDigests() {
    try {
      const response = await this.fetch(`${this.playlistUrl}.sha256`, { cache: 'no-store' });
      return response.ok ? parseDigests(await response.text()) : new Map();
    } catch {
      return new Map();  // no sidecar: peer segments cannot be verified, so none is accepted
    }
  }

  /** The stream description core needs, from the first load (the ladder is the host's option). */
  streamDescription(content, ladderBps) {
    const p = this.last;
    const durationS = p.segments.length ? p.segments[0].durationS : p.targetDurationS;
    return {
      content, ladderBps, live: !p.ended,
      segmentDurationUs: Math.round((durationS || p.targetDurationS) * 1e6),
      playlistWindowSegments: Math.max(1, p.segments.length),
      vodSegmentCount: p.ended ? p.mediaSequence + p.segments.length : 0,
    };
  }

  segmentUrl(seq) { return this.bySeq.get(seq)?.url; }
  digestOf(seq) { return this.bySeq.get(seq)?.digest; }

  /**
   * Whether `bytes` are segment `seq` as the packager published it: null when they are, else
   * why not ('no digest to check against' while the sidecar lacks it, or 'digest mismatch').
   */
  checkSegment(seq, bytes, sha256Hex) {
    const expected = this.digestOf(seq);
    if (!expected) return 'no digest to check against';
    return expected === sha256Hex(bytes) ? null : 'digest mismatch';
  }
}
