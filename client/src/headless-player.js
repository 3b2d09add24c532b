// A player without video for headless peers: it plays only what it has. Playback starts at the
// client's start segment once that segment is ready, then the playhead advances at 1x while the
// segment under it is held; a missing segment stalls it until that segment arrives (live: or
// until it leaves the playlist; then it jumps to the live sync position, as hls.js does). It reports
// the playhead and buffered ranges (the runs of segments received) to the host every 250 ms.
const kReportMs = 250;
const kMaxRanges = 64;
const kLiveSyncSegments = 3;

export class HeadlessPlayer {
  /** `host` is a started CdnmeshHost; call onSegmentReady from its onSegmentReady option. */
  constructor(host) {
    this.host = host;
    this.held = new Set();  // seqs received (rendition ignored: single-rendition target)
    this.startSeq = null;
    this.playheadUs = 0;
    this.playing = false;
    this.ended = false;
    this.lastUs = 0;
    this.resyncs = 0;
    this.timer = setInterval(() => this.step(), kReportMs);
  }

  get durationUs() { return this.host.stream.segmentDurationUs; }

  onSegmentReady(rendition, seq) {
    this.held.add(seq);
    if (this.startSeq === null) {
      // Where the client placed its playhead (live: behind the edge; VOD: the start segment).
      this.startSeq = this.host.client.stats().playheadSeq;
      this.playheadUs = this.startSeq * this.durationUs;
    }
    this.step();
  }

  step() {
    const now = performance.now() * 1000;
    if (this.startSeq === null || this.ended) return this.report();
    if (this.playing) this.playheadUs = Math.min(this.playheadUs + (now - this.lastUs), this.contiguousEndUs());
    this.lastUs = now;
    const s = this.host.stream;
    if (!s.live && this.playheadUs >= s.vodSegmentCount * this.durationUs) {
      this.ended = true;
      this.playing = false;
    } else {
      this.playing = this.contiguousEndUs() > this.playheadUs;  // stalls on a missing segment
      if (!this.playing && s.live) this.resyncIfBehindPlaylist();
    }
    this.report();
  }

  // Like hls.js: a live player stalled on a segment the playlist no longer lists jumps back to
  // the live sync position (kLiveSyncSegments behind the newest).
  resyncIfBehindPlaylist() {
    const listed = this.host.playlist.last?.segments;
    if (!listed?.length) return;
    const first = listed[0].seq;
    if (Math.floor(this.playheadUs / this.durationUs) >= first) return;
    const target = Math.max(first, listed[listed.length - 1].seq - kLiveSyncSegments);
    this.playheadUs = target * this.durationUs;
    this.resyncs += 1;
  }

  contiguousEndUs() {
    let seq = Math.floor(this.playheadUs / this.durationUs);
    while (this.held.has(seq)) seq += 1;
    return Math.max(this.playheadUs, seq * this.durationUs);
  }

  bufferedRanges() {
    const seqs = [...this.held].sort((a, b) => a - b);
    const ranges = [];
    for (const seq of seqs) {
      const last = ranges[ranges.length - 1];
      if (last && last[1] === seq * this.durationUs) last[1] += this.durationUs;
      else ranges.push([seq * this.durationUs, (seq + 1) * this.durationUs]);
    }
    return ranges.slice(-kMaxRanges);
  }

  report() {
    if (this.startSeq === null) return;
    this.host.reportPlayback({ playheadUs: Math.round(this.playheadUs), buffered: this.bufferedRanges(),
                               playing: this.playing, ended: this.ended });
  }

  stop() { clearInterval(this.timer); }
}
