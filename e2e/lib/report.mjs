// What an e2e run reports: per viewer and in total, bytes from each source, offload, startup,
// stalls, segments played and whether every one was intact; and the CDN's own count of the
// segment bytes it served (nginx's access log), to check the clients' accounting against.
import fs from 'node:fs';

/** Segment bytes nginx served with status 200 or 206 (playlists and pages excluded). */
export function cdnSegmentBytes(accessLogPath) {
  let bytes = 0;
  let requests = 0;
  for (const line of fs.readFileSync(accessLogPath, 'utf8').split('\n')) {
    const m = line.match(/^\S+ (\d{3}) (\d+) \S+ "([^"]*)"$/);
    if (!m || !/\.ts(\?|$)/.test(m[3]) || (m[1] !== '200' && m[1] !== '206')) continue;
    bytes += Number(m[2]);
    ++requests;
  }
  return { bytes, requests };
}

/** The packager's digest of every published segment: Map seq -> sha256 hex. */
export function publishedDigests(digestLogPath) {
  const digests = new Map();
  for (const line of fs.readFileSync(digestLogPath, 'utf8').split('\n')) {
    const [seq, , hex] = line.trim().split(/\s+/);
    if (hex) digests.set(Number(seq), hex);
  }
  return digests;
}

function ratio(part, whole) {
  return whole > 0 ? part / whole : null;
}

/** One viewer's row from its raw stats. */
export function viewerRow(viewer, stats, digests) {
  const bytes = stats.bytes ?? { cdn: 0, p2p: 0, uploaded: 0 };
  const played = stats.played ?? [];
  const corrupted = played.filter((p) => digests.get(Number(p.seq)) !== p.sha256);
  return {
    name: viewer.name, kind: viewer.kind, joinS: viewer.joinS,
    cdnBytes: bytes.cdn, p2pBytes: bytes.p2p, uploadedBytes: bytes.uploaded,
    offload: ratio(bytes.p2p, bytes.cdn + bytes.p2p),
    startupMs: stats.startupMs ?? null, stalls: stats.stalls ?? null,
    stallMs: stats.stallMs ?? null, segmentsPlayed: played.length,
    corruptedPlayed: corrupted.length, error: stats.error ?? null,
    extra: stats.extra ?? null,
  };
}

/** Totals over viewers. */
export function totals(rows, cdn) {
  const sum = (key) => rows.reduce((s, r) => s + (r[key] ?? 0), 0);
  const startups = rows.map((r) => r.startupMs).filter((v) => v !== null).sort((a, b) => a - b);
  const watchedMs = rows.reduce((s, r) => s + (r.watchedMs ?? 0), 0);
  return {
    viewers: rows.length,
    cdnBytes: sum('cdnBytes'), p2pBytes: sum('p2pBytes'), uploadedBytes: sum('uploadedBytes'),
    offload: ratio(sum('p2pBytes'), sum('cdnBytes') + sum('p2pBytes')),
    cdnServedSegmentBytes: cdn.bytes, cdnSegmentRequests: cdn.requests,
    startupMedianMs: startups.length ? startups[Math.floor(startups.length / 2)] : null,
    stalls: sum('stalls'), stallMs: sum('stallMs'),
    rebufferRatio: ratio(sum('stallMs'), watchedMs),
    segmentsPlayed: sum('segmentsPlayed'), corruptedPlayed: sum('corruptedPlayed'),
    viewersStarted: rows.filter((r) => r.startupMs !== null).length,
  };
}

const pct = (v) => (v === null || v === undefined ? 'n/a' : `${(100 * v).toFixed(1)} %`);
const mb = (v) => (v / 1e6).toFixed(2);
const ms = (v) => (v === null || v === undefined ? 'n/a' : v.toFixed(0));

/** A Markdown table of one run. */
export function markdown(label, rows, total) {
  const lines = [`### ${label}`, '',
    '| viewer | kind | joined (s) | CDN (MB) | peers (MB) | uploaded (MB) | offload | startup (ms) | stalls | stalled (ms) | segments | corrupted |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|'];
  for (const r of rows) {
    lines.push(`| ${r.name} | ${r.kind} | ${r.joinS.toFixed(1)} | ${mb(r.cdnBytes)} | ${mb(r.p2pBytes)} | ${mb(r.uploadedBytes)} | ${pct(r.offload)} | ${ms(r.startupMs)} | ${r.stalls ?? 'n/a'} | ${ms(r.stallMs)} | ${r.segmentsPlayed} | ${r.corruptedPlayed} |`);
  }
  lines.push(`| **all ${total.viewers}** | | | ${mb(total.cdnBytes)} | ${mb(total.p2pBytes)} | ${mb(total.uploadedBytes)} | **${pct(total.offload)}** | ${ms(total.startupMedianMs)} (median) | ${total.stalls} | ${ms(total.stallMs)} | ${total.segmentsPlayed} | ${total.corruptedPlayed} |`,
    '', `CDN's own count (nginx access log): ${mb(total.cdnServedSegmentBytes)} MB of segments in ${total.cdnSegmentRequests} requests; rebuffer ratio ${pct(total.rebufferRatio)}.`, '');
  return lines.join('\n');
}
