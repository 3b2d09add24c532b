// Headless Chromium viewers driven by playwright-core: one browser, one context per viewer (its
// own storage and permissions, as separate people), each page playing the stream for real.
import { createRequire } from 'node:module';

const require = createRequire(new URL('../../web/package.json', import.meta.url));
const { chromium } = require('playwright-core');

export const chromiumPath = process.env.CDNMESH_CHROMIUM ?? '/usr/bin/chromium';

/** Launches Chromium with WebRTC on loopback and autoplay allowed. */
export function launchBrowser() {
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: ['--allow-loopback-in-peer-connection', '--autoplay-policy=no-user-gesture-required',
           '--no-sandbox', '--disable-dev-shm-usage', '--mute-audio'],
  });
}

/** Opens `url` in a new context of `browser`; console lines go to `log`. */
export async function openViewer(browser, url, log) {
  const context = await browser.newContext();
  // WebRTC host candidates on loopback are only gathered with media permission granted.
  await context.grantPermissions(['microphone', 'camera']);
  const page = await context.newPage();
  page.on('console', (message) => log(`console.${message.type()}: ${message.text()}`));
  page.on('pageerror', (error) => log(`pageerror: ${error.message}`));
  await page.goto(url);
  return { context, page };
}

/** The page's stats (window.e2eStats()), or an error record if the page cannot give them. */
export async function viewerStats(viewer) {
  try {
    return await viewer.page.evaluate(() => window.e2eStats());
  } catch (error) {
    return { error: error.message };
  }
}
