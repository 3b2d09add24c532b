// Real H.264 HLS test media made with ffmpeg (yuv420p, main profile: decodable by Chromium),
// with the digest sidecar the packaging step publishes.
import { mkdtempSync, readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const haveFfmpeg = existsSync('/usr/bin/ffmpeg');

/** A VOD stream of `seconds` in 1 s segments in a new directory; returns the directory. */
export function makeH264Vod(seconds = 12) {
  const dir = mkdtempSync(join(tmpdir(), 'cdnmesh-media-'));
  execFileSync('ffmpeg', ['-loglevel', 'error', '-f', 'lavfi', '-i', 'testsrc=size=320x180:rate=25',
    '-t', String(seconds), '-pix_fmt', 'yuv420p', '-c:v', 'libx264', '-profile:v', 'main', '-g', '25',
    '-sc_threshold', '0', '-f', 'hls', '-hls_time', '1', '-hls_list_size', '0',
    '-hls_playlist_type', 'vod', '-hls_segment_filename', join(dir, 'seg%d.ts'), join(dir, 'index.m3u8')]);
  const lines = readdirSync(dir).filter((f) => f.endsWith('.ts')).map((f) =>
    `${f} ${createHash('sha256').update(readFileSync(join(dir, f))).digest('hex')}`);
  writeFileSync(join(dir, 'index.m3u8.sha256'), lines.join('\n') + '\n');
  return dir;
}

/** The files of `dir` as a FakeNet file map under `${origin}/live/`. */
export function filesUnder(dir, origin) {
  const files = new Map();
  for (const f of readdirSync(dir)) files.set(`${origin}/live/${f}`, new Uint8Array(readFileSync(join(dir, f))));
  return files;
}
