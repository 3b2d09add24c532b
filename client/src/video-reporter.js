// Reports a <video> element's playback to the host (OnPlayback) every 250 ms and on media
// events. hls.js's media time is the stream's PTS timeline; core's media time is seq x segment
// duration, so times are shifted by the offset of the last fragment hls.js loaded
// (frag.start - frag.sn x duration).
const kReportMs = 250;
const kEvents = ['playing', 'waiting', 'pause', 'seeked', 'ended', 'stalled', 'canplay'];

export class VideoReporter {
  constructor(video, host) {
    this.video = video;
    this.host = host;
    this.offsetS = null;  // media time of core's t = 0, in video seconds
    this.waiting = false;
    this.onEvent = (e) => {
      if (e.type === 'waiting') this.waiting = true;
      if (e.type === 'playing') this.waiting = false;
      this.report();
    };
    for (const e of kEvents) video.addEventListener(e, this.onEvent);
    this.timer = setInterval(() => this.report(), kReportMs);
  }

  /** A fragment hls.js requested: fixes the time offset. */
  onFragment(frag) {
    const durationS = this.host.stream.segmentDurationUs / 1e6;
    this.offsetS = frag.start - frag.sn * durationS;
  }

  toCoreUs(videoS) { return Math.max(0, Math.round((videoS - this.offsetS) * 1e6)); }

  report() {
    if (this.offsetS === null || !this.host.client) return;
    const v = this.video;
    const buffered = [];
    for (let i = 0; i < v.buffered.length; i++) {
      buffered.push([this.toCoreUs(v.buffered.start(i)), this.toCoreUs(v.buffered.end(i))]);
    }
    const playing = !v.paused && !v.ended && !this.waiting && v.readyState >= 3;
    this.host.reportPlayback({ playheadUs: this.toCoreUs(v.currentTime), buffered, playing,
                               ended: v.ended });
  }

  stop() {
    clearInterval(this.timer);
    for (const e of kEvents) this.video.removeEventListener(e, this.onEvent);
  }
}
