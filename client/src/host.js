// CdnmeshHost: owns one wasm Client and carries out its actions, in the browser and in node
// alike. Every input follows the same path (input -> drain actions -> carry them out -> rearm
// the NextWakeUpUs timer); the network, WebRTC and fetch are injected (options below), so node
// passes @roamhq/wrtc and tests pass in-process fakes.
import { nowUs } from './wasm.js';
import { PlaylistState } from './playlist.js';
import { SegmentStore, keyOf } from './segment-store.js';
import { CdnFetcher } from './cdn-fetcher.js';
import { PeerTransfers } from './peer-transfers.js';
import { Peers } from './peers.js';
import { Services } from './services.js';
import { summarize } from './host-stats.js';

const kPlaylistRetryMs = 1000;
const kMaxTimerMs = 2 ** 31 - 1;

export class CdnmeshHost {
  /**
   * options: {wasm (loadCdnmesh()), servicesUrl, playlistUrl, token, content, profile: {isp,
   * device, nat, latitudeDeg, longitudeDeg}, seed, ladderBps: [bps], fetch, WebSocket,
   * RTCPeerConnection, rtcConfig, onSegmentReady(rendition, seq, bytes), log(text)}
   */
  constructor(options) {
    this.options = options;
    this.wasm = options.wasm;
    this.log = options.log || (() => {});
    this.fetch = options.fetch || globalThis.fetch.bind(globalThis);
    this.counters = { cdnBytes: 0, p2pBytes: 0, uploadedBytes: 0, integrityFailures: 0,
                      discardedBytes: 0 };
    this.store = new SegmentStore(options.storeMaxBytes);
    this.playlist = new PlaylistState(options.playlistUrl, this.fetch);
    this.waiters = new Map();  // "rendition/seq" -> [resolve]
    this.client = null;
    this.timer = null;
    this.processing = false;
    this.stopped = false;
    this.reloading = false;
    const report = (kind, ...args) => this.onReport(kind, ...args);
    this.services = new Services({ servicesUrl: options.servicesUrl, fetch: this.fetch,
                                   WebSocket: options.WebSocket || globalThis.WebSocket,
                                   onFrame: (kind, f) => this.onServiceFrame(kind, f), log: this.log });
    this.peers = new Peers({ wasm: this.wasm, RTCPeerConnection: options.RTCPeerConnection,
                             rtcConfig: options.rtcConfig, report, log: this.log,
                             sendSignal: (f) => this.services.send('signaling', f),
                             onBytes: (peer, bytes) => this.onPeerBytes(peer, bytes) });
    const parts = { wasm: this.wasm, playlist: this.playlist, store: this.store, report,
                    stats: this.counters, log: this.log };
    this.transfers = new PeerTransfers({ ...parts, peers: this.peers });
    this.cdn = new CdnFetcher({ ...parts, fetch: this.fetch,
                                takePrefix: (t, n) => this.transfers.takePrefix(t, n) });
  }

  /** Loads the playlist (it describes the stream), builds the client and starts it. */
  async start() {
    const first = await this.playlist.reload();
    const o = this.options;
    const stream = this.playlist.streamDescription(o.content ?? 1, o.ladderBps || [2_000_000]);
    const invalid = this.wasm.Client.validateStream(stream);
    if (invalid) throw new Error(`stream: ${invalid}`);
    this.stream = stream;
    this.client = new this.wasm.Client(stream, { ...(o.profile || {}), seed: o.seed ?? 1,
                                                 authToken: o.token || '' });
    this.startedUs = nowUs();
    this.input((c, now) => c.start(now, stream.live ? 0 : first.firstSeq));
  }

  /** Leaves: the client says goodbye to the tracker and closes every channel. */
  stop() {
    if (!this.client || this.stopped) return;
    this.input((c, now) => c.stop(now));
    this.stopped = true;
    clearTimeout(this.timer);
    this.cdn.cancelAll();
    setTimeout(() => { this.peers.closeAll(); this.services.close(); }, 100);  // Leave goes out
  }

  // --- The player's side ---------------------------------------------------------------------

  /** The player's state: playheadUs and buffered [[startUs, endUs]] in the stream's media time. */
  reportPlayback({ playheadUs, buffered, playing, ended }) {
    const flat = buffered.flat();
    this.input((c, now) => c.onPlayback(now, playheadUs, flat, playing, ended));
  }

  /** The player needs segment (rendition, seq): resolves with its bytes once the client has it. */
  wantSegment(rendition, seq) {
    const held = this.store.get(rendition, seq);
    if (held) return Promise.resolve(held);
    return new Promise((resolve) => {
      const key = keyOf(rendition, seq);
      this.waiters.set(key, [...(this.waiters.get(key) || []), resolve]);
      this.input((c, now) => c.onPlayerWants(now, rendition, seq));
    });
  }

  /** Counters for display and records (host-stats.js). */
  stats() {
    return summarize(this);
  }

  // --- Inputs --------------------------------------------------------------------------------

  input(apply) {
    if (!this.client || (this.stopped && !this.processing)) return;
    apply(this.client, nowUs());
    this.process();
  }

  onServiceFrame(kind, frame) {
    this.input((c, now) => {
      const m = c.onServiceFrame(now, kind, frame);
      if (m.error) return this.log(`${kind}: undecodable frame: ${m.error}`);
      if (m.type === 'ConfigResponse') this.services.configure(m);
      if (m.type === 'SignalOffer' || m.type === 'SignalAnswer') this.peers.incomingSignal(m);
      if (m.type === 'ServiceError') this.log(`${kind}: ServiceError ${m.code}: ${m.text}`);
    });
  }

  onPeerBytes(peer, bytes) {
    this.input((c, now) => {
      const result = c.onPeerBytes(now, peer, bytes);
      for (const data of result.messages) this.transfers.onData(peer, data);
      if (result.error) {
        this.log(`peer ${peer}: bad stream: ${result.error}`);
        this.peers.close(peer);
        this.transfers.dropPeer(peer);
      }
    });
  }

  onReport(kind, a, b, c2) {
    this.input((c, now) => {
      switch (kind) {
        case 'progress': return c.onTransferProgress(now, a, b, c2 || 0);
        case 'done': return c.onTransferDone(now, a, b);
        case 'failed': return c.onTransferFailed(now, a, b);
        case 'misbehaved': return c.onPeerMisbehaved(now, a);
        case 'uploadDone': return c.onUploadDone(now, a, b);
        case 'open': return c.onChannelOpen(now, a);
        case 'closed': this.transfers.dropPeer(a); return c.onChannelClosed(now, a);
        case 'connectFailed': return c.onConnectFailed(now, a);
        default: return this.log(`unknown report ${kind}`);
      }
    });
  }

  // --- Outputs -------------------------------------------------------------------------------

  // Drains until empty: carrying out an action may feed another input synchronously.
  process() {
    if (this.processing) return;
    this.processing = true;
    try {
      for (let actions = this.client.drainActions(); actions.length;
           actions = this.client.drainActions()) {
        for (const action of actions) this.carryOut(action);
        this.transfers.forgetCancelled();  // a CDN fetch continues one of this batch only
      }
    } finally {
      this.processing = false;
    }
    this.rearm();
  }

  carryOut(a) {
    switch (a.type) {
      case 'send': return this.send(a);
      case 'open_signaling': return this.services.openSignaling(a.peer, this.client.sessionTokenHex());
      case 'connect': return void this.peers.connect(a.peer);
      case 'disconnect': this.transfers.dropPeer(a.peer); return this.peers.close(a.peer);
      case 'fetch_cdn': return this.cdn.start(a);
      case 'fetch_peer': return this.transfers.fetch(a);
      case 'cancel_fetch': if (!this.cdn.cancel(a.transfer)) this.transfers.cancel(a); return;
      case 'serve_upload': return this.transfers.serve(a);
      case 'stop_upload': return this.transfers.stopUpload(a.upload);
      case 'reload_playlist': return void this.reloadPlaylist();
      case 'segment_ready': return this.segmentReady(a);
      default: return this.log(`unknown action ${a.type}`);
    }
  }

  send(a) {
    const m = a.message;
    if (a.to === 'peer') return void this.peers.send(a.peer, a.frame);
    if (m.type === 'SignalOffer' || m.type === 'SignalAnswer') {
      return void this.peers.outgoingSignal(a).catch((e) => this.log(`signal: ${e}`));
    }
    this.services.send(a.to, a.frame);
  }

  async reloadPlaylist() {
    if (this.reloading || this.stopped) return;
    this.reloading = true;
    try {
      const p = await this.playlist.reload();
      this.reloading = false;
      this.input((c, now) => c.onPlaylist(now, p.firstSeq, p.endSeq, p.ended));
    } catch (e) {
      this.reloading = false;
      this.log(`playlist: ${e}`);
      setTimeout(() => this.reloadPlaylist(), kPlaylistRetryMs);  // the client waits for one
    }
  }

  segmentReady(a) {
    const bytes = this.store.get(a.rendition, a.seq);
    if (!bytes) return this.log(`segment ${a.seq} ready but not stored`);
    this.options.onSegmentReady?.(a.rendition, a.seq, bytes);
    const key = keyOf(a.rendition, a.seq);
    for (const resolve of this.waiters.get(key) || []) resolve(bytes);
    this.waiters.delete(key);
  }

  rearm() {
    clearTimeout(this.timer);
    const next = this.client.nextWakeUpUs();
    if (next < 0 || this.stopped) return;
    const delayMs = Math.min(kMaxTimerMs, Math.max(0, (next - nowUs()) / 1000));
    this.timer = setTimeout(() => this.input((c, now) => c.onTick(now)), delayMs);
  }
}
