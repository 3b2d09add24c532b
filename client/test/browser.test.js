// The demo page in headless Chromium: hls.js plays a real H.264 stream through the cdnmesh
// fragment loader and the wasm client (CDN only: no services here), and window.cdnmeshStats
// reports it. Skipped when ffmpeg or Chromium is missing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serveStatic } from './static-server.js';

const kChromium = '/usr/bin/chromium';
const repo = fileURLToPath(new URL('../..', import.meta.url));
const available = existsSync(kChromium) && existsSync('/usr/bin/ffmpeg');

function makeMedia() {
  const dir = mkdtempSync(join(tmpdir(), 'cdnmesh-media-'));
  execFileSync('ffmpeg', ['-loglevel', 'error', '-f', 'lavfi', '-i', 'testsrc=size=320x180:rate=25',
    '-t', '12', '-pix_fmt', 'yuv420p', '-c:v', 'libx264', '-profile:v', 'main', '-g', '25',
    '-sc_threshold', '0', '-f', 'hls', '-hls_time', '1', '-hls_list_size', '0',
    '-hls_playlist_type', 'vod', '-hls_segment_filename', join(dir, 'seg%d.ts'), join(dir, 'index.m3u8')]);
  const lines = readdirSync(dir).filter((f) => f.endsWith('.ts')).map((f) =>
    `${f} ${createHash('sha256').update(readFileSync(join(dir, f))).digest('hex')}`);
  writeFileSync(join(dir, 'index.m3u8.sha256'), lines.join('\n') + '\n');
  return dir;
}

test('hls.js plays through the cdnmesh loader in Chromium', { skip: !available && 'no chromium/ffmpeg' }, async () => {
  const server = await serveStatic({ '/media/': makeMedia(), '/': repo });
  const require = createRequire(new URL('../../web/package.json', import.meta.url));
  const { chromium } = require('playwright-core');
  const browser = await chromium.launch({ executablePath: kChromium,
                                          args: ['--allow-loopback-in-peer-connection', '--autoplay-policy=no-user-gesture-required'] });
  try {
    const page = await browser.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    const query = `services=${server.url}&playlist=${server.url}/media/index.m3u8`;
    await page.goto(`${server.url}/client/demo/index.html?${query}`);
    await page.waitForFunction(() => document.querySelector('video').currentTime > 3 &&
                               window.cdnmeshStats?.core?.playedUs > 2e6, null, { timeout: 30_000 });
    const stats = await page.evaluate(() => window.cdnmeshStats);
    assert.deepEqual(errors, []);
    assert.ok(stats.bytesFromCdn > 0, 'segments came through the host');
    assert.equal(stats.stalls, 0);
    assert.ok(stats.startupDelayMs !== null, 'the client saw playback start');
  } finally {
    await browser.close();
    await server.close();
  }
});
