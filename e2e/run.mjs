// One end-to-end run on loopback: a live origin (ffmpeg, packager, nginx), one client's services,
// and an audience of Chromium viewers and headless node viewers joining on a fixed schedule and
// watching until a common end. Writes <out>/<client>/report.json and report.md and prints the
// table. Run it inside a network namespace with only loopback up (e2e/run.sh does).
//   node e2e/run.mjs --client cdnmesh|p2pml|p2pml-tuned [--browsers 3] [--node-peers 12]
//        [--join-interval-s 3.3] [--watch-s 120] [--preroll-s 80] [--segment-s 4] [--corrupt-peer]
//        [--relay-after-bytes N] [--out DIR] [--check] [--demo --port P]
// --relay-after-bytes sets the cdnmesh client's scheduler.relay_after_bytes (through the
// services' ConfigResponse; without it the services' default): 0 relays whole segments only.
// --demo prints the URL of the demo page to open in a browser of this machine; run it with
// `node e2e/run.mjs` directly (outside a namespace) so that browser can reach the origin.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { launchBrowser, openViewer, viewerStats } from './lib/browsers.mjs';
import { clients } from './lib/clients.mjs';
import { startOrigin, publishedStream } from './lib/origin.mjs';
import { freePort, start, stopAll } from './lib/processes.mjs';
import { cdnSegmentBytes, markdown, publishedDigests, totals, viewerRow } from './lib/report.mjs';
import { checkRun } from './lib/checks.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function options() {
  const { values } = parseArgs({ options: {
    client: { type: 'string', default: 'cdnmesh' },
    browsers: { type: 'string', default: '3' }, 'node-peers': { type: 'string', default: '12' },
    'join-interval-s': { type: 'string', default: '3.3' }, 'watch-s': { type: 'string', default: '120' },
    'preroll-s': { type: 'string', default: '80' }, 'segment-s': { type: 'string', default: '4' },
    'video-kbps': { type: 'string', default: '800' },
    'relay-after-bytes': { type: 'string' },
    'corrupt-peer': { type: 'boolean', default: false }, check: { type: 'boolean', default: false },
    demo: { type: 'boolean', default: false }, port: { type: 'string', default: '0' },
    out: { type: 'string', default: `runs/e2e-${new Date().toISOString().replace(/[:.]/g, '-')}` },
  } });
  if (!clients[values.client]) {
    throw new Error(`--client: '${values.client}' is not one of ${Object.keys(clients).join(', ')}`);
  }
  const number = (key, min, max) => {
    const v = Number(values[key]);
    if (!Number.isFinite(v) || v < min || v > max) throw new Error(`--${key}: ${values[key]} is not in [${min}, ${max}]`);
    return v;
  };
  return { client: values.client, browsers: number('browsers', 0, 8),
           nodePeers: number('node-peers', 0, 100), joinIntervalS: number('join-interval-s', 0, 600),
           watchS: number('watch-s', 10, 3600), prerollS: number('preroll-s', 0, 600),
           segmentS: number('segment-s', 1, 10), videoKbps: number('video-kbps', 100, 20000),
           relayAfterBytes: values['relay-after-bytes'] === undefined ? undefined
             : number('relay-after-bytes', 0, 64 * 1024 * 1024),
           corruptPeer: values['corrupt-peer'], check: values.check, out: values.out,
           demo: values.demo, port: number('port', 0, 65535) };
}

/** Join order: browsers spread evenly among the node viewers; the first viewer is a browser. */
function audience(opts) {
  const count = opts.browsers + opts.nodePeers;
  const viewers = [];
  let browsersPlaced = 0;
  for (let i = 0; i < count; ++i) {
    const isBrowser = browsersPlaced < opts.browsers &&
      i >= Math.round((browsersPlaced * count) / Math.max(opts.browsers, 1));
    if (isBrowser) ++browsersPlaced;
    viewers.push({ index: i, kind: isBrowser ? 'browser' : 'node', joinS: i * opts.joinIntervalS,
                   name: `${isBrowser ? 'b' : 'n'}${i}` });
  }
  if (opts.corruptPeer) {
    const liar = viewers.find((v) => v.kind === 'node');
    if (!liar) throw new Error('--corrupt-peer needs at least one node viewer');
    liar.corrupt = true;
    liar.name += '-corrupt';
  }
  return viewers;
}

async function main() {
  const opts = options();
  const client = clients[opts.client]();
  const runDir = path.resolve(opts.out, client.name);
  fs.rmSync(runDir, { recursive: true, force: true });
  fs.mkdirSync(runDir, { recursive: true });
  const viewers = audience(opts);
  const lastJoinS = viewers.length ? viewers[viewers.length - 1].joinS : 0;
  const endS = lastJoinS + opts.watchS;

  const originPort = opts.port || await freePort();
  const services = await client.startServices(runDir, originPort, opts);
  const origin = await startOrigin({ runDir, port: originPort, servicesPort: services.port,
    segmentS: opts.segmentS, videoKbps: opts.videoKbps, durationS: opts.prerollS + endS + 30 });
  while (origin.packager.published.length * opts.segmentS < opts.prerollS) await sleep(200);

  if (opts.demo && client.demoUrl) {
    console.log(`demo: open ${client.demoUrl({ origin })} in a browser on this machine ` +
                `(the stream and the viewers run for ${Math.round(endS)} s)`);
  }
  const browserLog = fs.openSync(path.join(runDir, 'browsers.log'), 'a');
  const browser = opts.browsers > 0 ? await launchBrowser() : null;
  const t0 = performance.now();
  const nowS = () => (performance.now() - t0) / 1000;
  for (const v of viewers) {
    await sleep(Math.max(0, (v.joinS - nowS()) * 1000));
    v.joinS = nowS();
    const isp = 0;
    if (v.kind === 'browser') {
      v.viewer = await openViewer(browser, client.browserUrl({ origin, isp }),
                                  (line) => fs.writeSync(browserLog, `${v.name} ${line}\n`));
    } else {
      v.statsOut = path.join(runDir, `${v.name}.json`);
      v.proc = start(v.name, process.execPath, client.nodeArgs({ origin, isp, statsOut: v.statsOut,
        durationS: (endS - v.joinS).toFixed(1), name: v.name, corrupt: v.corrupt }), { logDir: runDir });
    }
  }
  await sleep(Math.max(0, (endS - nowS()) * 1000));
  for (const v of viewers.filter((x) => x.kind === 'browser')) v.stats = await viewerStats(v.viewer);
  await Promise.all(viewers.filter((x) => x.proc).map((x) => Promise.race([x.proc.exited, sleep(20000)])));
  for (const v of viewers.filter((x) => x.kind === 'node')) {
    try {
      v.stats = client.normalizeNodeStats(JSON.parse(fs.readFileSync(v.statsOut, 'utf8')));
    } catch (error) {
      v.stats = { error: `no stats: ${error.message}` };
    }
  }
  if (browser) await browser.close();
  await stopAll();
  origin.packager.stop();

  const digests = publishedDigests(path.join(runDir, 'live/digests.log'));
  const rows = viewers.map((v) => ({ ...viewerRow(v, v.stats, digests), corrupt: !!v.corrupt,
    watchedMs: Math.max(0, (endS - v.joinS) * 1000 - (v.stats.startupMs ?? 0)) }));
  const total = totals(rows.filter((r) => !r.corrupt), cdnSegmentBytes(path.join(runDir, 'nginx-access.log')));
  const stream = publishedStream(origin.packager);
  const report = { client: client.name, label: client.label, options: opts, stream, total, rows };
  fs.writeFileSync(path.join(runDir, 'report.json'), `${JSON.stringify(report, null, 1)}\n`);
  const md = markdown(client.label, rows, total);
  fs.writeFileSync(path.join(runDir, 'report.md'), md);
  console.log(md);
  if (opts.check) {
    const failures = checkRun(report);
    for (const f of failures) console.error(`e2e check failed: ${f}`);
    if (failures.length) process.exit(1);
    console.log(`e2e checks: all passed (${client.name})`);
  }
}

main().then(() => process.exit(0), async (error) => {
  console.error(`e2e: ${error.message}`);
  await stopAll();
  process.exit(1);
});
