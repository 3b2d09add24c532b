// The three-way comparison: the real cdnmesh client, the simulated cdnmesh client (the same
// audience, stream and schedule in scenarios/e2e-loopback.yaml) and p2p-media-loader, from the
// reports of e2e/run.mjs and the simulator's summary.json. Writes Markdown to --out.
//   node e2e/compare.mjs --runs DIR --sim DIR/summary.json --out results/real/comparison.md
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';

const { values: args } = parseArgs({ options: {
  runs: { type: 'string' }, sim: { type: 'string' }, out: { type: 'string' },
  command: { type: 'string', default: 'scripts/e2e-compare.sh' },
} });
for (const key of ['runs', 'sim', 'out']) {
  if (!args[key]) { console.error(`compare: --${key} is required`); process.exit(2); }
}

const pct = (v, digits = 1) => (v === null || v === undefined ? 'n/a' : `${(100 * v).toFixed(digits)} %`);
const sec = (ms) => (ms === null || ms === undefined ? 'n/a' : `${(ms / 1000).toFixed(2)} s`);
const mb = (b) => (b === null || b === undefined ? 'n/a' : `${(b / 1e6).toFixed(1)} MB`);

function realColumn(report) {
  const t = report.total;
  const hours = report.rows.filter((r) => !r.corrupt).reduce((s, r) => s + r.watchedMs, 0) / 3.6e6;
  return { label: report.label, viewers: t.viewers, offload: t.offload, cdn: t.cdnBytes,
           p2p: t.p2pBytes, rebuffer: t.rebufferRatio,
           stallsPerHour: hours > 0 ? t.stalls / hours : null, startup: t.startupMedianMs,
           corrupted: t.corruptedPlayed, started: `${t.viewersStarted} of ${t.viewers}` };
}

function simColumn(summary) {
  const m = summary.metrics;
  return { label: 'cdnmesh (simulated)', viewers: m.viewers, offload: m.offload_ratio,
           cdn: m.cdn_bytes, p2p: m.p2p_bytes, rebuffer: m.rebuffer_ratio,
           stallsPerHour: m.stalls_per_viewer_hour, startup: m.startup_delay_p50_s * 1000,
           corrupted: null, started: `${m.viewers - m.viewers_never_started} of ${m.viewers}` };
}

const columns = [];
const order = ['cdnmesh', 'p2pml', 'p2pml-tuned'];
for (const name of order) {
  const file = path.join(args.runs, name, 'report.json');
  if (fs.existsSync(file)) columns.push(realColumn(JSON.parse(fs.readFileSync(file, 'utf8'))));
}
columns.splice(1, 0, simColumn(JSON.parse(fs.readFileSync(args.sim, 'utf8'))));

const rows = [
  ['viewers', (c) => String(c.viewers)],
  ['viewers that started playing', (c) => c.started],
  ['**offload** (peer bytes / all segment bytes)', (c) => `**${pct(c.offload)}**`],
  ['bytes from the CDN', (c) => mb(c.cdn)],
  ['bytes from peers', (c) => mb(c.p2p)],
  ['rebuffer ratio', (c) => pct(c.rebuffer, 2)],
  ['stalls per viewer-hour', (c) => (c.stallsPerHour === null ? 'n/a' : c.stallsPerHour.toFixed(1))],
  ['startup delay, median', (c) => sec(c.startup)],
  ['corrupted segments played', (c) => (c.corrupted === null ? '(not modelled)' : String(c.corrupted))],
];
const lines = [`| | ${columns.map((c) => c.label).join(' | ')} |`,
               `|---|${columns.map(() => '---:').join('|')}|`];
for (const [name, f] of rows) lines.push(`| ${name} | ${columns.map(f).join(' | ')} |`);

const reports = order.map((n) => path.join(args.runs, n, 'report.md')).filter((f) => fs.existsSync(f));
const first = JSON.parse(fs.readFileSync(path.join(args.runs, order.find((n) =>
  fs.existsSync(path.join(args.runs, n, 'report.json'))), 'report.json'), 'utf8'));
const o = first.options;
const text = `# Real cdnmesh client, simulated cdnmesh client, p2p-media-loader

Regenerate: \`${args.command}\` (about ${Math.ceil((3 * (o.prerollS + (o.browsers + o.nodePeers - 1) * o.joinIntervalS + o.watchS) + 60) / 60)} minutes).

Audience: ${o.browsers + o.nodePeers} viewers (${o.browsers} headless Chromium pages playing the
stream with hls.js, ${o.nodePeers} headless node viewers running the same client without a
decoder), joining one every ${o.joinIntervalS} s after a ${o.prerollS} s pre-roll and watching
until ${o.watchS} s after the last has joined, all on loopback in one network namespace.
Stream: ffmpeg live at 1x, ${o.segmentS} s segments of one H.264/AAC rendition
(${(first.stream.bitrateBps / 1e6).toFixed(2)} Mbit/s measured), a 24-segment live window,
served by nginx. The simulated column is \`scenarios/e2e-loopback.yaml\`: the same audience,
schedule, segment duration and bitrate.

${lines.join('\n')}

Offload counts segment bytes only; the real columns count what each viewer's client reports
(the totals are checked against nginx's own access log in every run). Rebuffer ratio = stalled
time / watched time. p2p-media-loader runs on its defaults (which load every segment within
\`highDemandTimeWindow\` = 15 s of the playhead from the CDN: at hls.js's default live latency of
three segments nothing is left for peers), and with that window cut to 2 s.

## Per viewer

${reports.map((f) => fs.readFileSync(f, 'utf8')).join('\n')}
`;
fs.mkdirSync(path.dirname(args.out), { recursive: true });
fs.writeFileSync(args.out, text);
console.log(text);
