// The clients an e2e run can put in front of the same stream and audience. Each says how to
// start its services, which page a browser viewer opens, and how to start a headless viewer.
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { repoDir } from './origin.mjs';
import { freePort, start, waitFor, waitForHttp } from './processes.mjs';

const servicesBin = process.env.CDNMESH_SERVICES_BIN ??
  path.join(repoDir, 'build/services/cdnmesh-services');
const contentId = 1;

/** cdnmesh: its services behind nginx's /v1/, core's client in wasm in every viewer. */
function cdnmesh() {
  let keyFile = null;
  return {
    name: 'cdnmesh',
    label: 'cdnmesh (real)',
    async startServices(runDir, originPort, opts = {}) {
      if (!fs.existsSync(servicesBin)) {
        throw new Error(`${servicesBin} is missing: build it with scripts/build.sh`);
      }
      keyFile = path.join(runDir, 'publisher.key');
      fs.writeFileSync(keyFile, `e2e-publisher-key-${process.pid}-${Date.now()}\n`, { mode: 0o600 });
      const port = await freePort();
      // Viewers reach the services through nginx (/v1/), as they reach the stream: one origin.
      const proc = start('services', servicesBin, ['--port', String(port),
        '--publisher-key-file', keyFile, '--seed', '1',
        '--public-url', `ws://127.0.0.1:${originPort}`,
        ...(opts.relayAfterBytes === undefined ? []
          : ['--client-relay-after-bytes', String(opts.relayAfterBytes)])], { logDir: runDir });
      await waitForHttp(`http://127.0.0.1:${port}/healthz`, 15000);
      return { port, proc };
    },
    token() {
      return execFileSync(servicesBin, ['mint-token', '--key-file', keyFile, '--content',
        String(contentId), '--ttl-s', '3600'], { encoding: 'utf8' }).trim();
    },
    browserUrl({ origin, isp }) {
      const q = new URLSearchParams({ playlist: origin.playlistUrl, services: origin.base,
                                      token: this.token(), content: String(contentId),
                                      isp: String(isp) });
      return `${origin.base}/e2e/pages/cdnmesh.html?${q}`;
    },
    demoUrl({ origin }) {
      const q = new URLSearchParams({ playlist: origin.playlistUrl, services: origin.base,
                                      token: this.token(), content: String(contentId) });
      return `${origin.base}/client/demo/index.html?${q}`;
    },
    nodeArgs({ origin, isp, durationS, statsOut, corrupt }) {
      return [path.join(repoDir, 'client/node/peer.js'), '--services', origin.base,
        '--playlist', origin.playlistUrl, '--token', this.token(), '--content', String(contentId),
        '--isp', String(isp), '--duration-s', String(durationS), '--stats-out', statsOut,
        ...(corrupt ? ['--corrupt-uploads'] : [])];
    },
    // client/node/peer.js writes the host's own stats (client/src/host-stats.js).
    normalizeNodeStats(s) {
      return { client: 'cdnmesh', kind: 'node',
               bytes: { cdn: s.bytesFromCdn, p2p: s.bytesFromPeers, uploaded: s.bytesUploaded },
               startupMs: s.startupDelayMs, stalls: s.stalls, stallMs: s.stallTimeMs,
               played: s.played,
               extra: { peersBanned: s.peersBanned, integrityFailures: s.integrityFailures,
                        core: s.core } };
    },
  };
}

/** p2p-media-loader with its local WebSocket BitTorrent tracker; `highDemandS` tunes it. */
function p2pml({ highDemandS = null } = {}) {
  let trackerUrl = null;
  const tuning = highDemandS ? { high_demand_s: String(highDemandS) } : {};
  return {
    name: highDemandS ? 'p2pml-tuned' : 'p2pml',
    label: highDemandS ? `p2p-media-loader (highDemandTimeWindow ${highDemandS} s)`
                       : 'p2p-media-loader (defaults)',
    async startServices(runDir) {
      const port = await freePort();
      const proc = start('bt-tracker', process.execPath,
        [path.join(repoDir, 'e2e/bt-tracker.mjs'), '--port', String(port)], { logDir: runDir });
      await waitFor('bt-tracker', () => fs.readFileSync(path.join(runDir, 'bt-tracker.log'),
        'utf8').includes('listening'), 15000);
      trackerUrl = `ws://127.0.0.1:${port}`;
      return { port, proc };
    },
    browserUrl({ origin }) {
      const q = new URLSearchParams({ playlist: origin.playlistUrl, tracker: trackerUrl, ...tuning });
      return `${origin.base}/e2e/pages/p2pml.html?${q}`;
    },
    normalizeNodeStats: (s) => s,
    nodeArgs({ origin, durationS, statsOut, name }) {
      return [path.join(repoDir, 'e2e/p2pml-peer.mjs'), '--playlist', origin.playlistUrl,
        '--tracker', trackerUrl, '--duration-s', String(durationS), '--stats-out', statsOut,
        '--name', name, ...(highDemandS ? ['--high-demand-s', String(highDemandS)] : [])];
    },
  };
}

export const clients = {
  cdnmesh: () => cdnmesh(),
  p2pml: () => p2pml(),
  'p2pml-tuned': () => p2pml({ highDemandS: 2 }),
};
