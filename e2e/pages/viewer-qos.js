// What every e2e browser page measures of its own viewer, the same way whatever client loads
// the segments: startup delay (page start to the first frame played), stalls (the <video>
// waiting for media after it has started), and the SHA-256 of every fragment hls.js loaded,
// which the harness checks against the packager's digests. Exposed as window.e2eQos().
const pageStartMs = performance.now();

function toHex(buffer) {
  return [...new Uint8Array(buffer)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** Starts measuring `video` played by `hls` (an hls.js instance; `Hls` is its class). */
export function watchViewer(video, hls, Hls) {
  const qos = { startupMs: null, stalls: 0, stallMs: 0, played: [], errors: [] };
  let stallStartMs = null;
  video.addEventListener('playing', () => {
    const nowMs = performance.now();
    if (qos.startupMs === null) qos.startupMs = nowMs - pageStartMs;
    if (stallStartMs !== null) qos.stallMs += nowMs - stallStartMs;
    stallStartMs = null;
  });
  video.addEventListener('waiting', () => {
    if (qos.startupMs === null || stallStartMs !== null) return;
    ++qos.stalls;
    stallStartMs = performance.now();
  });
  hls.on(Hls.Events.FRAG_LOADED, (_event, data) => {
    // Copy now: hls.js hands the payload on to its transmuxer after this event.
    const copy = data.payload.slice(0);
    crypto.subtle.digest('SHA-256', copy).then((digest) => {
      qos.played.push({ seq: data.frag.sn, uri: data.frag.relurl, sha256: toHex(digest) });
    });
  });
  hls.on(Hls.Events.ERROR, (_event, data) => {
    if (qos.errors.length < 20) qos.errors.push(`${data.type}/${data.details}${data.fatal ? ' (fatal)' : ''}`);
  });
  window.e2eQos = () => ({
    ...qos,
    stallMs: qos.stallMs + (stallStartMs !== null ? performance.now() - stallStartMs : 0),
    playheadS: video.currentTime,
  });
}
