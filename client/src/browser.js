// The browser viewer: hls.js playing through the cdnmesh loader, the <video> reported to the
// client, stats on window.cdnmeshStats. Used by client/demo and by the end-to-end harness.
import { loadCdnmesh } from './wasm.js';
import { CdnmeshHost } from './host.js';
import { makeFragmentLoader } from './hls-loader.js';
import { VideoReporter } from './video-reporter.js';

const kStatsMs = 500;
const kMinBufferAheadS = 2;

// hls.js's buffer target follows the urgent window the distributor configured (hls-loader.js).
function followUrgentWindow(hls, core, fixedS) {
  if (fixedS !== undefined || !core.urgentWindowUs) return;
  const targetS = Math.max(kMinBufferAheadS, core.urgentWindowUs / 1e6);
  hls.config.maxBufferLength = targetS;
  hls.config.maxMaxBufferLength = targetS;
}

/**
 * Starts playback of `options.playlistUrl` in `video`. options: {Hls (the hls.js class),
 * servicesUrl, playlistUrl, token, content, profile, seed, ladderBps, bufferAheadS, log}.
 * Returns {host, hls, stop()}.
 */
export async function startCdnmeshPlayer(video, options) {
  const wasm = await loadCdnmesh(options.wasmUrl);
  const host = new CdnmeshHost({ ...options, wasm, fetch: window.fetch.bind(window),
                                 WebSocket: window.WebSocket,
                                 RTCPeerConnection: window.RTCPeerConnection });
  await host.start();
  const reporter = new VideoReporter(video, host);
  const Hls = options.Hls;
  const patient = { maxTimeToFirstByteMs: 60_000, maxLoadTimeMs: 120_000, timeoutRetry: null,
                    errorRetry: { maxNumRetry: 6, retryDelayMs: 500, maxRetryDelayMs: 4000 } };
  const hls = new Hls({
    fLoader: makeFragmentLoader(host, Hls.DefaultConfig.loader, (f) => reporter.onFragment(f)),
    // hls.js asks just in time; prefetching ahead is the cdnmesh scheduler's job (hls-loader.js).
    maxBufferLength: options.bufferAheadS ?? 6,
    maxMaxBufferLength: options.bufferAheadS ?? 6,
    startLevel: 0,
    capLevelToPlayerSize: false,
    fragLoadPolicy: { default: patient },
  });
  hls.on(Hls.Events.MANIFEST_PARSED, () => { hls.currentLevel = 0; });  // one rendition, locked
  hls.on(Hls.Events.ERROR, (_e, data) => options.log?.(`hls.js ${data.type}: ${data.details}`));
  hls.loadSource(options.playlistUrl);
  hls.attachMedia(video);
  video.muted = true;  // autoplay without a gesture
  video.play().catch(() => {});
  const publish = () => {
    window.cdnmeshStats = host.stats();
    followUrgentWindow(hls, window.cdnmeshStats.core, options.bufferAheadS);
  };
  const timer = setInterval(publish, kStatsMs);
  publish();
  return {
    host, hls,
    stop() { clearInterval(timer); reporter.stop(); hls.destroy(); host.stop(); publish(); },
  };
}
