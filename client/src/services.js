// The host's service connections: the distributor join (HTTP POST /v1/join, one frame each
// way), the tracker (WebSocket /v1/tracker) and signaling (WebSocket /v1/signaling?peer=&token=),
// one binary WebSocket message per frame. `fetch` and `WebSocket` are injected, so tests can
// put in-process fakes behind the same calls.

const kJoinAttempts = 5;
const kRetryMs = 1000;

function wsUrl(url) {
  return url.replace(/^http(s?):/, 'ws$1:');
}

/** Resolves a URL the ConfigResponse gave (may be empty or relative) against the services. */
function serviceUrl(given, servicesUrl, fallbackPath) {
  return wsUrl(new URL(given || fallbackPath, `${servicesUrl}/`).href);
}

class FrameSocket {
  constructor(WebSocketImpl, url, onFrame, onClose) {
    this.queue = [];
    this.open = false;
    this.ws = new WebSocketImpl(url);
    this.ws.binaryType = 'arraybuffer';
    this.ws.onopen = () => {
      this.open = true;
      for (const f of this.queue) this.ws.send(f);
      this.queue = [];
    };
    this.ws.onmessage = (event) => {
      if (typeof event.data !== 'string') onFrame(new Uint8Array(event.data));
    };
    this.ws.onclose = () => { this.open = false; onClose(); };
    this.ws.onerror = () => {};
  }
  send(frame) { if (this.open) this.ws.send(frame); else this.queue.push(frame); }
  close() { try { this.ws.close(); } catch { /* closing */ } }
}

export class Services {
  /** `onFrame(kind, bytes)` delivers a service frame; `log(text)`. */
  constructor({ servicesUrl, fetch, WebSocket, onFrame, log }) {
    Object.assign(this, { servicesUrl: servicesUrl.replace(/\/$/, ''), fetch, WebSocketImpl: WebSocket,
                          onFrame, log });
    this.trackerUrl = '';
    this.signalingUrl = '';
    this.tracker = null;
    this.signaling = null;
    this.closed = false;
  }

  /** The ConfigResponse named the tracker and signaling addresses. */
  configure(description) {
    this.trackerUrl = description.trackerUrl || '';
    this.signalingUrl = description.signalingUrl || '';
  }

  send(to, frame) {
    if (this.closed && to !== 'tracker') return;
    if (to === 'distributor') return this.join(frame);
    if (to === 'tracker') return this.trackerSocket().send(frame);
    if (to === 'signaling') {
      if (this.signaling) this.signaling.send(frame);
      else this.log('signaling frame before kOpenSignaling: dropped');
    }
  }

  // The client sends its JoinRequest once; a transport failure (no answer frame) is retried.
  async join(frame, attempt = 0) {
    try {
      const response = await this.fetch(`${this.servicesUrl}/v1/join`, {
        method: 'POST', headers: { 'content-type': 'application/octet-stream' }, body: frame });
      const body = new Uint8Array(await response.arrayBuffer());
      if (body.byteLength > 0 && response.status < 500) return this.onFrame('distributor', body);
      this.log(`join: HTTP ${response.status}`);
    } catch (e) {
      this.log(`join: ${e}`);
    }
    if (attempt + 1 < kJoinAttempts && !this.closed) {
      setTimeout(() => this.join(frame, attempt + 1), kRetryMs * 2 ** attempt);
    }
  }

  trackerSocket() {
    if (!this.tracker) {
      const url = serviceUrl(this.trackerUrl, this.servicesUrl, 'v1/tracker');
      // A lost tracker socket is opened again by the next send (the tracker answers a forgotten
      // peer's Announce with kUnknownPeer, and the client joins again).
      const socket = new FrameSocket(this.WebSocketImpl, url, (f) => this.onFrame('tracker', f), () => {
        this.log('tracker socket closed');
        if (this.tracker === socket) this.tracker = null;
      });
      this.tracker = socket;
    }
    return this.tracker;
  }

  /** kOpenSignaling: presents the peer id and the session token. */
  openSignaling(peer, tokenHex) {
    if (this.signaling || this.closed) return;
    const base = serviceUrl(this.signalingUrl, this.servicesUrl, 'v1/signaling');
    const url = `${base}${base.includes('?') ? '&' : '?'}peer=${peer}&token=${tokenHex}`;
    const socket = new FrameSocket(this.WebSocketImpl, url, (f) => this.onFrame('signaling', f), () => {
      this.log('signaling socket closed');
      if (this.signaling !== socket) return;
      this.signaling = null;
      setTimeout(() => this.openSignaling(peer, tokenHex), kRetryMs);  // same peer, same token
    });
    this.signaling = socket;
  }

  close() {
    this.closed = true;
    this.tracker?.close();
    this.signaling?.close();
  }
}
