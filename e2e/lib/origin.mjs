// The origin and CDN of an e2e run: ffmpeg encodes a test stream live (in real time) into a
// staging directory, the packager publishes it with digests, and nginx serves it — together
// with the pages, the wasm client and the npm packages the pages import — and proxies /v1/ to
// the services, so a page talks to one origin.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { LivePackager } from '../packager.mjs';
import { start, waitForHttp } from './processes.mjs';

export const repoDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The ffmpeg arguments of the test stream: one H.264/AAC rendition in MPEG-TS segments. */
export function ffmpegArgs({ stagingDir, segmentS, videoKbps, durationS }) {
  const fps = 25;
  return ['-hide_banner', '-loglevel', 'warning', '-re',
    '-f', 'lavfi', '-i', `testsrc2=size=640x360:rate=${fps}`,
    '-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000',
    '-t', String(durationS),
    '-c:v', 'libx264', '-preset', 'veryfast', '-tune', 'zerolatency', '-pix_fmt', 'yuv420p',
    '-profile:v', 'main', '-b:v', `${videoKbps}k`, '-maxrate', `${videoKbps}k`,
    '-bufsize', `${videoKbps}k`, '-g', String(fps * segmentS), '-keyint_min', String(fps * segmentS),
    '-sc_threshold', '0', '-c:a', 'aac', '-b:a', '64k', '-ac', '1',
    '-f', 'hls', '-hls_time', String(segmentS), '-hls_list_size', '0', '-hls_flags', 'temp_file',
    '-hls_segment_filename', path.join(stagingDir, 'seg%05d.ts'),
    path.join(stagingDir, 'ffmpeg.m3u8')];
}

function nginxConfig({ runDir, publicDir, port, servicesPort, cdnRateKbytes }) {
  const rate = cdnRateKbytes > 0 ? `limit_rate ${cdnRateKbytes}k;` : '';
  const user = process.getuid && process.getuid() === 0 ? 'user root;' : '';
  const proxy = servicesPort ? `
    location /v1/ {
      proxy_pass http://127.0.0.1:${servicesPort};
      proxy_http_version 1.1;
      proxy_set_header Upgrade $http_upgrade;
      proxy_set_header Connection $connection_upgrade;
      proxy_read_timeout 1h;
      proxy_buffering off;
    }` : '';
  return `${user}
worker_processes 1;
daemon off;
error_log ${runDir}/nginx-error.log warn;
pid ${runDir}/nginx.pid;
events { worker_connections 4096; }
http {
  types { application/vnd.apple.mpegurl m3u8; video/mp2t ts; text/html html;
          text/javascript js mjs; application/wasm wasm; text/plain sha256 log;
          application/json json; text/css css; }
  default_type application/octet-stream;
  log_format cdn '$msec $status $body_bytes_sent $request_time "$request_uri"';
  access_log ${runDir}/nginx-access.log cdn;
  client_body_temp_path ${runDir}/nginx-tmp/body;
  proxy_temp_path ${runDir}/nginx-tmp/proxy;
  fastcgi_temp_path ${runDir}/nginx-tmp/fastcgi;
  uwsgi_temp_path ${runDir}/nginx-tmp/uwsgi;
  scgi_temp_path ${runDir}/nginx-tmp/scgi;
  map $http_upgrade $connection_upgrade { default upgrade; '' close; }
  sendfile on;
  server {
    listen 127.0.0.1:${port};
    location /live/ { alias ${publicDir}/; add_header Cache-Control no-cache; ${rate} }
    # The pages and what they import, at their repository paths (they import relatively).
    location /client/ { root ${repoDir}; }
    location /web/node_modules/ { root ${repoDir}; }
    location /e2e/pages/ { root ${repoDir}; }${proxy}
  }
}
`;
}

/** Starts ffmpeg, the packager and nginx; resolves once the first segment is served. */
export async function startOrigin({ runDir, port, servicesPort, segmentS = 2, videoKbps = 800,
                                    durationS, windowSegments = 24, cdnRateKbytes = 0 }) {
  const stagingDir = path.join(runDir, 'staging');
  const publicDir = path.join(runDir, 'live');
  for (const dir of [stagingDir, publicDir, path.join(runDir, 'nginx-tmp')]) {
    fs.mkdirSync(dir, { recursive: true });
  }
  const ffmpeg = start('ffmpeg', 'ffmpeg', ffmpegArgs({ stagingDir, segmentS, videoKbps,
                                                         durationS }), { logDir: runDir });
  const packager = new LivePackager({ stagingDir, publicDir, windowSegments,
                                      targetDurationS: segmentS });
  packager.start();
  const conf = path.join(runDir, 'nginx.conf');
  fs.writeFileSync(conf, nginxConfig({ runDir, publicDir, port, servicesPort, cdnRateKbytes }));
  const nginx = start('nginx', 'nginx', ['-e', `${runDir}/nginx-error.log`, '-c', conf],
                      { logDir: runDir });
  const base = `http://127.0.0.1:${port}`;
  await waitForHttp(`${base}/live/index.m3u8`, 30000);
  return { ffmpeg, nginx, packager, base, playlistUrl: `${base}/live/index.m3u8` };
}

/** The stream's segments as the packager published them, and their mean bitrate. */
export function publishedStream(packager) {
  const segments = packager.published;
  const bytes = segments.reduce((sum, s) => sum + s.bytes, 0);
  const seconds = segments.reduce((sum, s) => sum + s.durationS, 0);
  return { segments: segments.length, bitrateBps: seconds > 0 ? (8 * bytes) / seconds : 0 };
}
