// In-process fakes of the CDN and the services for node tests, behind the host's injected
// transport (fetch and WebSocket): the distributor answers every JoinRequest, the tracker lists
// every other peer on join and announce, signaling relays offers and answers by `to`. Frames
// are core's, built and read with the wasm module's codec.
import { createHash, randomBytes } from 'node:crypto';

export const kOrigin = 'http://fake.test';

/** A VOD stream of `count` segments of `durationS` and `sizeBytes` random bytes each. */
export function makeVodStream({ count = 20, durationS = 1, sizeBytes = 60_000 } = {}) {
  const files = new Map();
  const lines = ['#EXTM3U', '#EXT-X-VERSION:3', `#EXT-X-TARGETDURATION:${durationS}`,
                 '#EXT-X-MEDIA-SEQUENCE:0', '#EXT-X-PLAYLIST-TYPE:VOD'];
  const digests = [];
  const segments = [];
  for (let i = 0; i < count; i++) {
    const bytes = new Uint8Array(randomBytes(sizeBytes));
    const uri = `seg${i}.ts`;
    files.set(`${kOrigin}/live/${uri}`, bytes);
    lines.push(`#EXTINF:${durationS.toFixed(3)},`, uri);
    const hex = createHash('sha256').update(bytes).digest('hex');
    digests.push(`${uri} ${hex}`);
    segments.push({ uri, bytes, hex });
  }
  lines.push('#EXT-X-ENDLIST');
  const playlistUrl = `${kOrigin}/live/index.m3u8`;
  files.set(playlistUrl, new TextEncoder().encode(lines.join('\n') + '\n'));
  files.set(`${playlistUrl}.sha256`, new TextEncoder().encode(digests.join('\n') + '\n'));
  return { files, playlistUrl, segments };
}

/**
 * A live stream: `initial` segments published at once, then one every `durationS`; the
 * playlist lists the newest `window`. Call stop() to end publishing.
 */
export function makeLiveStream({ durationS = 1, window = 6, initial = 6, sizeBytes = 60_000 } = {}) {
  const files = new Map();
  const segments = [];
  const playlistUrl = `${kOrigin}/live/index.m3u8`;
  const publish = () => {
    const i = segments.length;
    const bytes = new Uint8Array(randomBytes(sizeBytes));
    const uri = `seg${i}.ts`;
    files.set(`${kOrigin}/live/${uri}`, bytes);
    segments.push({ uri, bytes, hex: createHash('sha256').update(bytes).digest('hex') });
    const listed = segments.slice(-window);
    const first = segments.length - listed.length;
    const lines = ['#EXTM3U', '#EXT-X-VERSION:3', `#EXT-X-TARGETDURATION:${durationS}`,
                   `#EXT-X-MEDIA-SEQUENCE:${first}`];
    for (const s of listed) lines.push(`#EXTINF:${durationS.toFixed(3)},`, s.uri);
    files.set(playlistUrl, new TextEncoder().encode(lines.join('\n') + '\n'));
    const sidecar = listed.map((s) => `${s.uri} ${s.hex}`).join('\n') + '\n';
    files.set(`${playlistUrl}.sha256`, new TextEncoder().encode(sidecar));
  };
  for (let i = 0; i < initial; i++) publish();
  const timer = setInterval(publish, durationS * 1000);
  return { files, playlistUrl, segments, stop: () => clearInterval(timer) };
}

export class FakeNet {
  /** `config`: ConfigResponse overrides (frames.h EncodeConfigResponse). */
  constructor(wasm, files, config = {}) {
    this.wasm = wasm;
    this.files = files;
    this.config = config;
    this.nextPeer = 100;
    this.trackers = new Map();   // peer -> socket
    this.signaling = new Map();  // peer -> socket
    this.cdnRequests = 0;
    this.failJoins = 0;  // answer this many joins with HTTP 503 first
    this.fetch = (url, init) => this.handleFetch(String(url), init);
    const net = this;
    this.WebSocket = class FakeWebSocket {
      constructor(url) {
        this.url = new URL(url);
        this.binaryType = 'blob';
        setTimeout(() => net.open(this), 0);
      }
      send(frame) { net.receive(this, new Uint8Array(frame)); }
      close() { net.closeSocket(this); }
    };
  }

  async handleFetch(url, init = {}) {
    if (url.endsWith('/v1/join')) {
      if (this.failJoins > 0 && this.failJoins--) return new Response('', { status: 503 });
      const frame = this.wasm.encodeConfigResponse({ sessionToken: new Uint8Array([7, 7]), ...this.config });
      return new Response(frame, { status: 200 });
    }
    if (init.signal?.aborted) throw new DOMException('aborted', 'AbortError');
    const bytes = this.files.get(url.split('?')[0]);
    if (!bytes) return new Response('not found', { status: 404 });
    if (url.endsWith('.ts')) this.cdnRequests += 1;
    return new Response(bytes.slice(), { status: 200, headers: { 'content-length': String(bytes.length) } });
  }

  open(socket) {
    if (socket.url.pathname === '/v1/signaling') {
      socket.peer = Number(socket.url.searchParams.get('peer'));
      this.signaling.set(socket.peer, socket);
    }
    socket.onopen?.();
  }

  deliver(socket, frame) {
    setTimeout(() => socket.onmessage?.({ data: frame.slice().buffer }), 0);
  }

  receive(socket, frame) {
    const m = this.wasm.decodeFrame(frame);
    if (socket.url.pathname === '/v1/signaling') {
      const target = this.signaling.get(m.to);
      if (target && (m.type === 'SignalOffer' || m.type === 'SignalAnswer')) this.deliver(target, frame);
      return;
    }
    if (m.type === 'JoinSwarm') {
      socket.peer = this.nextPeer++;
      this.trackers.set(socket.peer, socket);
      this.deliver(socket, this.wasm.encodeSwarmJoined(socket.peer, 30_000));
    }
    if (m.type === 'JoinSwarm' || m.type === 'Announce') {
      const others = [...this.trackers.keys()].filter((p) => p !== socket.peer);
      this.deliver(socket, this.wasm.encodePeerList(1, 0, others, this.trackers.size));
    }
    if (m.type === 'Leave') this.trackers.delete(socket.peer);
  }

  closeSocket(socket) {
    if (this.trackers.get(socket.peer) === socket) this.trackers.delete(socket.peer);
    if (this.signaling.get(socket.peer) === socket) this.signaling.delete(socket.peer);
    setTimeout(() => socket.onclose?.(), 0);
  }
}
