// The demo page in headless Chromium: hls.js plays a real H.264 stream through the cdnmesh
// fragment loader and the wasm client (CDN only: no services here), and window.cdnmeshStats
// reports it. Skipped when ffmpeg or Chromium is missing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { serveStatic } from './static-server.js';
import { haveFfmpeg, makeH264Vod } from './media.js';

const kChromium = '/usr/bin/chromium';
const repo = fileURLToPath(new URL('../..', import.meta.url));
const available = existsSync(kChromium) && haveFfmpeg;

test('hls.js plays through the cdnmesh loader in Chromium', { skip: !available && 'no chromium/ffmpeg' }, async () => {
  const server = await serveStatic({ '/media/': makeH264Vod(), '/': repo });
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
