// A player without a decoder for headless viewers: it follows a live HLS playlist the way
// hls.js does by default (start three segments behind the live edge, keep at most
// `maxBufferS` buffered ahead, load one fragment at a time) and plays at 1x only what it holds:
// when the playhead reaches the end of what has arrived, it stalls until the next segment is in.
// QoS is measured the way the browser pages measure a <video>: startup = first frame played
// after start, a stall = playing stopped for want of media.
import { createHash } from 'node:crypto';
import { parseMediaPlaylist } from './playlist.mjs';

export class HeadlessPlayer {
  /**
   * loadSegment(segment) -> Promise<Uint8Array>: the client under test fetches one segment.
   * onPosition(positionS): told every tick where the playhead is (media seconds).
   */
  constructor({ playlistUrl, loadSegment, onPosition = () => {}, maxBufferS = 30,
                liveSyncSegments = 3, tickMs = 100 }) {
    Object.assign(this, { playlistUrl, loadSegment, onPosition, maxBufferS, liveSyncSegments,
                          tickMs });
    this.segments = new Map();  // seq -> segment listed at some point
    this.nextSeq = null;        // next segment to load
    this.bufferedEndS = null;   // media time up to which segments have arrived (contiguous)
    this.positionS = null;
    this.playing = false;
    this.startedAtMs = null;
    this.stats = { startupMs: null, stalls: 0, stallMs: 0, played: [], loadErrors: 0 };
    this.stallStartMs = null;
    this.stopped = false;
  }

  async start() {
    this.startedAtMs = performance.now();
    await this.reloadPlaylist();
    const listed = [...this.segments.keys()].sort((a, b) => a - b);
    this.segmentDurationS = this.segments.get(listed[0]).durationS;
    this.nextSeq = Math.max(listed[0], listed[listed.length - 1] + 1 - this.liveSyncSegments);
    this.positionS = this.mediaStartS(this.nextSeq);
    this.bufferedEndS = this.positionS;
    this.lastTickMs = performance.now();
    this.ticker = setInterval(() => this.tick(), this.tickMs);
    this.reloader = setInterval(() => this.reloadPlaylist().catch(() => {}), 2000);
    this.loadLoop();
  }

  stop() {
    this.stopped = true;
    clearInterval(this.ticker);
    clearInterval(this.reloader);
    if (this.stallStartMs !== null) this.stats.stallMs += performance.now() - this.stallStartMs;
  }

  // Media time of a segment's start. The e2e stream's segments all last one target duration
  // (ffmpeg cuts at fixed keyframes), so time is the sequence number times that duration.
  mediaStartS(seq) {
    return seq * this.segmentDurationS;
  }

  async reloadPlaylist() {
    const response = await fetch(this.playlistUrl, { cache: 'no-store' });
    if (!response.ok) throw new Error(`playlist: HTTP ${response.status}`);
    const { segments } = parseMediaPlaylist(await response.text(), this.playlistUrl);
    for (const s of segments) if (!this.segments.has(s.seq)) this.segments.set(s.seq, s);
  }

  async loadLoop() {
    while (!this.stopped) {
      const segment = this.segments.get(this.nextSeq);
      if (!segment || this.bufferedEndS - this.positionS >= this.maxBufferS) {
        await new Promise((r) => setTimeout(r, 100));
        continue;
      }
      try {
        const bytes = await this.loadSegment(segment);
        if (this.stopped) return;
        const sha256 = createHash('sha256').update(bytes).digest('hex');
        this.stats.played.push({ seq: segment.seq, uri: segment.uri, sha256 });
        this.bufferedEndS = this.mediaStartS(segment.seq) + segment.durationS;
        ++this.nextSeq;
      } catch (error) {
        // As hls.js, try the same fragment again.
        if (++this.stats.loadErrors <= 3) console.error(`segment ${segment.seq}: ${error?.message ?? error}`);
        await new Promise((r) => setTimeout(r, 500));
      }
    }
  }

  tick() {
    const nowMs = performance.now();
    const elapsedS = (nowMs - this.lastTickMs) / 1000;
    this.lastTickMs = nowMs;
    if (this.playing) this.positionS = Math.min(this.positionS + elapsedS, this.bufferedEndS);
    const canPlay = this.bufferedEndS - this.positionS > 1e-3;
    if (canPlay && !this.playing) {
      this.playing = true;
      if (this.stats.startupMs === null) this.stats.startupMs = nowMs - this.startedAtMs;
      if (this.stallStartMs !== null) this.stats.stallMs += nowMs - this.stallStartMs;
      this.stallStartMs = null;
    } else if (!canPlay && this.playing) {
      this.playing = false;
      ++this.stats.stalls;
      this.stallStartMs = nowMs;
    }
    this.onPosition(this.positionS);
  }
}
