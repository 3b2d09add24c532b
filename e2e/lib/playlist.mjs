// Parsing of a live HLS media playlist and its digest sidecar, as the e2e viewers load them.

/** Segments of a media playlist: [{seq, uri, durationS}], plus the window and end flag. */
export function parseMediaPlaylist(text, baseUrl) {
  if (!text.startsWith('#EXTM3U')) throw new Error(`${baseUrl}: not an HLS playlist`);
  let seq = 0;
  let duration = null;
  let ended = false;
  const segments = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line.startsWith('#EXT-X-MEDIA-SEQUENCE:')) seq = parseInt(line.slice(22), 10);
    else if (line.startsWith('#EXTINF:')) duration = parseFloat(line.slice(8));
    else if (line === '#EXT-X-ENDLIST') ended = true;
    else if (line && !line.startsWith('#')) {
      segments.push({ seq, uri: line, url: new URL(line, baseUrl).href, durationS: duration });
      ++seq;
    }
  }
  return { segments, ended };
}

/** The digest sidecar: Map of segment uri -> sha256 hex. */
export function parseDigests(text) {
  const digests = new Map();
  for (const line of text.split('\n')) {
    const [uri, hex] = line.trim().split(/\s+/);
    if (uri && /^[0-9a-f]{64}$/.test(hex ?? '')) digests.set(uri, hex);
  }
  return digests;
}
