// The whole client on real sockets: a headless node peer (client/node/peer.js, its own process,
// @roamhq/wrtc) and the demo page in Chromium (hls.js) behind the fake services served over
// HTTP and WebSocket; the browser plays segments it got from the node peer over WebRTC.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { existsSync, readFileSync, mkdtempSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadCdnmesh } from '../src/wasm.js';
import { FakeNet, kOrigin } from './fake-services.js';
import { serveFakeNet } from './socket-services.js';
import { serveStatic } from './static-server.js';
import { haveFfmpeg, makeH264Vod, filesUnder } from './media.js';

const kChromium = '/usr/bin/chromium';
const repo = fileURLToPath(new URL('../..', import.meta.url));
const available = existsSync(kChromium) && haveFfmpeg;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const kConfig = { cdnSeeding: false, urgentWindowUs: 1_000_000, p2pWindowUs: 20_000_000,
                  minBufferUs: 500_000 };

test('a browser viewer plays segments from a node peer', { skip: !available && 'no chromium/ffmpeg', timeout: 90_000 }, async (t) => {
  const wasm = await loadCdnmesh();
  const net = new FakeNet(wasm, filesUnder(makeH264Vod(30), kOrigin), kConfig);
  const services = await serveFakeNet(net);
  const pages = await serveStatic({ '/': repo });
  const statsFile = join(mkdtempSync(join(tmpdir(), 'cdnmesh-peer-')), 'stats.json');
  const peer = spawn(process.execPath, [join(repo, 'client/node/peer.js'), '--services', services.url,
    '--playlist', `${services.url}/live/index.m3u8`, '--token', 'test', '--duration-s', '40',
    '--stats-out', statsFile], { stdio: 'inherit' });
  const peerExit = new Promise((resolve) => peer.on('exit', resolve));
  const require = createRequire(new URL('../../web/package.json', import.meta.url));
  const { chromium } = require('playwright-core');
  await sleep(5000);  // the node peer holds the first seconds when the browser arrives
  let browser = null;
  try {
    browser = await chromium.launch({ executablePath: kChromium,
      args: ['--allow-loopback-in-peer-connection', '--autoplay-policy=no-user-gesture-required'] });
    const context = await browser.newContext();
    await context.grantPermissions(['microphone', 'camera']);  // host ICE candidates on loopback
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    const query = `services=${services.url}&playlist=${services.url}/live/index.m3u8&token=test`;
    await page.goto(`${pages.url}/client/demo/index.html?${query}`);
    await page.waitForFunction(() => window.cdnmeshStats?.bytesFromPeers > 0 &&
                               document.querySelector('video').currentTime > 3, null, { timeout: 35_000 });
    await sleep(3000);
    const stats = await page.evaluate(() => window.cdnmeshStats);
    const { core, ...summary } = stats;
    t.diagnostic(`browser: ${JSON.stringify(summary)}`);
    assert.deepEqual(errors, []);
    assert.equal(stats.integrityFailures, 0);
    assert.equal(stats.stalls, 0);
    assert.ok(stats.core.connectionsOpened >= 1);
  } catch (e) {
    peer.kill();  // a failed check must not leave the peer and the servers holding the runner
    throw e;
  } finally {
    if (browser) await browser.close();
    await peerExit;
    await services.close();
    await pages.close();
  }
  assert.equal(peer.exitCode, 0, 'the node peer ran to the end');
  const peerStats = JSON.parse(readFileSync(statsFile, 'utf8'));
  t.diagnostic(`node peer: uploaded ${peerStats.bytesUploaded}, from CDN ${peerStats.bytesFromCdn}`);
  assert.ok(peerStats.bytesUploaded > 0, `node peer uploaded ${peerStats.bytesUploaded}`);
});
