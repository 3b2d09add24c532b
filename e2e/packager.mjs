// The live origin's packaging step: ffmpeg encodes in real time into a staging directory; this
// publishes each segment the moment ffmpeg has closed it, with its SHA-256 digest, into the
// directory nginx serves:
//   <name>.ts                 the segment (written under a temporary name, then renamed)
//   index.m3u8.sha256         "<segment uri> <sha256 hex>" for every listed segment
//   index.m3u8                the live media playlist, a sliding window of `window` segments
//   digests.log               every segment ever published, "<seq> <uri> <hex>" (for the checks)
// The digest sidecar is renamed into place before the playlist that lists a new segment, so a
// client that sees a segment listed can always find its digest.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** Parses ffmpeg's own playlist: the segments it has closed, in order, with durations. */
export function parseFfmpegPlaylist(text) {
  const segments = [];
  let duration = null;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line.startsWith('#EXTINF:')) duration = parseFloat(line.slice(8));
    else if (line && !line.startsWith('#')) {
      segments.push({ uri: line, durationS: duration });
      duration = null;
    }
  }
  return segments;
}

function writeAtomic(file, data) {
  const tmp = `${file}.tmp`;
  fs.writeFileSync(tmp, data);
  fs.renameSync(tmp, file);
}

/** Publishes ffmpeg's segments from `stagingDir` into `publicDir` as a live stream. */
export class LivePackager {
  constructor({ stagingDir, publicDir, windowSegments = 24, targetDurationS = 2 }) {
    this.stagingDir = stagingDir;
    this.publicDir = publicDir;
    this.windowSegments = windowSegments;
    this.targetDurationS = targetDurationS;
    this.published = [];  // {seq, uri, durationS, sha256, bytes, publishedAtMs}
    this.timer = null;
    fs.mkdirSync(publicDir, { recursive: true });
  }

  start(pollMs = 100) {
    this.timer = setInterval(() => this.poll(), pollMs);
  }

  stop() {
    clearInterval(this.timer);
    this.timer = null;
  }

  /** Publishes whatever ffmpeg closed since the last poll; returns how many segments. */
  poll() {
    let text;
    try {
      text = fs.readFileSync(path.join(this.stagingDir, 'ffmpeg.m3u8'), 'utf8');
    } catch {
      return 0;  // ffmpeg has not closed its first segment yet
    }
    const closed = parseFfmpegPlaylist(text);
    let added = 0;
    for (let seq = this.published.length; seq < closed.length; ++seq) {
      this.publishSegment(seq, closed[seq]);
      ++added;
    }
    if (added > 0) this.writePlaylist();
    return added;
  }

  publishSegment(seq, { uri, durationS }) {
    const bytes = fs.readFileSync(path.join(this.stagingDir, uri));
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    writeAtomic(path.join(this.publicDir, uri), bytes);
    fs.appendFileSync(path.join(this.publicDir, 'digests.log'), `${seq} ${uri} ${sha256}\n`);
    this.published.push({ seq, uri, durationS, sha256, bytes: bytes.length,
                          publishedAtMs: Date.now() });
  }

  writePlaylist() {
    const listed = this.published.slice(-this.windowSegments);
    const digests = listed.map((s) => `${s.uri} ${s.sha256}\n`).join('');
    writeAtomic(path.join(this.publicDir, 'index.m3u8.sha256'), digests);
    const lines = ['#EXTM3U', '#EXT-X-VERSION:3',
                   `#EXT-X-TARGETDURATION:${Math.ceil(this.targetDurationS)}`,
                   `#EXT-X-MEDIA-SEQUENCE:${listed[0].seq}`];
    for (const s of listed) lines.push(`#EXTINF:${s.durationS.toFixed(6)},`, s.uri);
    writeAtomic(path.join(this.publicDir, 'index.m3u8'), `${lines.join('\n')}\n`);
    // Segments that left the window stay a while for late readers, then go (as on a CDN).
    const expired = this.published.length - 2 * this.windowSegments - 1;
    if (expired >= 0) fs.rmSync(path.join(this.publicDir, this.published[expired].uri),
                                { force: true });
  }
}
