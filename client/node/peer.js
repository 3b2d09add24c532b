#!/usr/bin/env node
// A headless cdnmesh viewer: the same wasm client and host as the browser, WebRTC from
// @roamhq/wrtc, and a player that plays only what it has (client/src/headless-player.js).
//   node client/node/peer.js --services http://127.0.0.1:PORT --playlist http://.../index.m3u8 \
//     --token TOKEN --duration-s 60 --isp 0 --stats-out file.json
// Other flags: --content N (default 1), --seed N, --device N, --nat N, --bitrate-bps N,
// --verbose, --corrupt-uploads (tests only: flips a byte of every segment it serves).
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

// node 20 has a WebSocket client only behind a flag: run again with it.
if (typeof globalThis.WebSocket === 'undefined') {
  const child = spawn(process.execPath, ['--experimental-websocket', '--no-warnings',
                                         ...process.argv.slice(1)], { stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
} else {
  await main();
}

async function main() {
  const { values } = parseArgs({ options: {
    services: { type: 'string' }, playlist: { type: 'string' }, token: { type: 'string', default: '' },
    'duration-s': { type: 'string', default: '60' }, isp: { type: 'string', default: '0' },
    'stats-out': { type: 'string' }, content: { type: 'string', default: '1' },
    seed: { type: 'string' }, device: { type: 'string', default: '0' }, nat: { type: 'string', default: '0' },
    'bitrate-bps': { type: 'string', default: '2000000' }, verbose: { type: 'boolean', default: false },
    'corrupt-uploads': { type: 'boolean', default: false },
  } });
  if (!values.services || !values.playlist) {
    console.error('usage: peer.js --services URL --playlist URL [--token T] [--duration-s S] ' +
                  '[--isp N] [--stats-out FILE]');
    process.exit(2);
  }
  const { runHeadlessPeer } = await import('./run-peer.js');
  const require = createRequire(new URL('../../web/package.json', import.meta.url));
  const stats = await runHeadlessPeer({
    servicesUrl: values.services, playlistUrl: values.playlist, token: values.token,
    content: Number(values.content), seed: Number(values.seed ?? (process.pid % 100000)),
    profile: { isp: Number(values.isp), device: Number(values.device), nat: Number(values.nat) },
    ladderBps: [Number(values['bitrate-bps'])], durationS: Number(values['duration-s']),
    RTCPeerConnection: require('@roamhq/wrtc').RTCPeerConnection,
    corruptUploads: values['corrupt-uploads'],
    log: values.verbose ? (t) => console.error(`[peer] ${t}`) : () => {},
  });
  const text = JSON.stringify(stats, null, 2);
  if (values['stats-out']) writeFileSync(values['stats-out'], text);
  else console.log(text);
  process.exit(0);  // wrtc keeps native handles alive
}
