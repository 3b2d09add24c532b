// WebRTC for the host: one RTCPeerConnection and one data channel (label `cdnmesh`, ordered,
// reliable, binary) per peer. Non-trickle ICE: the offerer's SignalOffer carries its SDP after
// gathering completes; the answerer's SignalAnswer carries its SDP once the client accepts
// (docs/real-client.md). The RTCPeerConnection constructor is injected (browser's own, or
// @roamhq/wrtc's in node).
import { utf8, fromUtf8 } from './wasm.js';

const kGatherTimeoutMs = 5000;

function gathered(pc) {
  if (pc.iceGatheringState === 'complete') return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, kGatherTimeoutMs);  // send what we have
    pc.addEventListener('icegatheringstatechange', () => {
      if (pc.iceGatheringState === 'complete') { clearTimeout(timer); resolve(); }
    });
  });
}

export class Peers {
  /** `report(kind, peer)` feeds the client: 'open', 'closed', 'connectFailed'; `onBytes(peer, u8)`. */
  constructor({ wasm, RTCPeerConnection, rtcConfig, sendSignal, report, onBytes, log }) {
    Object.assign(this, { wasm, RTCPeerConnection, sendSignal, report, onBytes, log });
    this.rtcConfig = rtcConfig || { iceServers: [] };
    this.links = new Map();   // peer -> {pc, dc, role, sessionId, answerSdp, open}
    this.offers = new Map();  // peer -> {sessionId, sdp} of offers received, until answered
  }

  /** A SignalOffer/SignalAnswer the client wants sent: fill in the SDP, then send. */
  async outgoingSignal(action) {
    const m = action.message;
    if (m.type === 'SignalOffer') return this.offer(m);
    if (m.type === 'SignalAnswer' && m.accepted) return this.answer(m);
    this.offers.delete(m.to);
    this.sendSignal(action.frame);  // a refusal carries no SDP
  }

  async offer(m) {
    this.close(m.to);
    const pc = new this.RTCPeerConnection(this.rtcConfig);
    const link = { pc, dc: null, role: 'offerer', sessionId: m.sessionId, answerSdp: null, open: false };
    this.links.set(m.to, link);
    this.attach(m.to, link, pc.createDataChannel('cdnmesh', { ordered: true }));
    await pc.setLocalDescription(await pc.createOffer());
    await gathered(pc);
    if (this.links.get(m.to) !== link) return;  // superseded meanwhile
    this.sendSignal(this.wasm.encodeSignalOffer(m.from, m.to, m.sessionId,
                                                utf8(pc.localDescription.sdp)));
  }

  async answer(m) {
    const offer = this.offers.get(m.to);
    this.offers.delete(m.to);
    if (!offer || offer.sessionId !== m.sessionId) return this.log(`no offer from ${m.to}`);
    this.close(m.to);  // glare: our own offer, if any, lost
    const pc = new this.RTCPeerConnection(this.rtcConfig);
    const link = { pc, dc: null, role: 'answerer', sessionId: m.sessionId, open: false };
    this.links.set(m.to, link);
    pc.ondatachannel = (event) => this.attach(m.to, link, event.channel);
    this.watch(m.to, link);
    try {
      await pc.setRemoteDescription({ type: 'offer', sdp: fromUtf8(offer.sdp) });
      await pc.setLocalDescription(await pc.createAnswer());
      await gathered(pc);
    } catch (e) {
      this.log(`answer to ${m.to}: ${e}`);
    }
    if (this.links.get(m.to) !== link) return;
    const sdp = pc.localDescription ? utf8(pc.localDescription.sdp) : new Uint8Array();
    this.sendSignal(this.wasm.encodeSignalAnswer(m.from, m.to, m.sessionId, sdp, true));
  }

  /** A signaling message arrived (described by the wasm): keep what WebRTC needs. */
  incomingSignal(m) {
    if (m.type === 'SignalOffer') this.offers.set(m.from, { sessionId: m.sessionId, sdp: m.sdp });
    if (m.type === 'SignalAnswer' && m.accepted) {
      const link = this.links.get(m.from);
      if (link && link.role === 'offerer' && link.sessionId === m.sessionId) link.answerSdp = m.sdp;
    }
  }

  /** kConnect: apply the answer; the channel's open (or a failure) is reported later. */
  async connect(peer) {
    const link = this.links.get(peer);
    if (!link || !link.answerSdp) return this.report('connectFailed', peer);
    this.watch(peer, link);
    try {
      await link.pc.setRemoteDescription({ type: 'answer', sdp: fromUtf8(link.answerSdp) });
    } catch (e) {
      this.log(`connect ${peer}: ${e}`);
      this.drop(peer, link, 'connectFailed');
    }
  }

  watch(peer, link) {
    link.pc.onconnectionstatechange = () => {
      const state = link.pc.connectionState;
      if (state === 'failed' || state === 'closed') {
        this.drop(peer, link, link.open ? 'closed' : 'connectFailed');
      }
    };
  }

  attach(peer, link, dc) {
    link.dc = dc;
    dc.binaryType = 'arraybuffer';
    dc.onopen = () => {
      if (this.links.get(peer) !== link) return;
      link.open = true;
      this.report('open', peer);
    };
    dc.onclose = () => this.drop(peer, link, link.open ? 'closed' : 'connectFailed');
    if (dc.readyState === 'open') queueMicrotask(() => dc.onopen());  // opened before we looked
    dc.onmessage = (event) => {
      if (this.links.get(peer) === link) this.onBytes(peer, new Uint8Array(event.data));
    };
  }

  // The link ended on its own: tell the client once.
  drop(peer, link, kind) {
    if (this.links.get(peer) !== link) return;
    this.links.delete(peer);
    this.shut(link);
    this.report(kind, peer);
  }

  /** kDisconnect (the client's own decision: nothing is reported back). */
  close(peer) {
    const link = this.links.get(peer);
    if (!link) return;
    this.links.delete(peer);
    this.shut(link);
  }

  shut(link) {
    try { link.dc?.close(); } catch { /* already closed */ }
    try { link.pc.close(); } catch { /* already closed */ }
  }

  closeAll() { for (const peer of [...this.links.keys()]) this.close(peer); }

  /** Sends a frame on the open channel with `peer`; false when there is none. */
  send(peer, frame) {
    const link = this.links.get(peer);
    if (!link || !link.open || link.dc.readyState !== 'open') return false;
    try { link.dc.send(frame); } catch { return false; }
    return true;
  }

  bufferedAmount(peer) { return this.links.get(peer)?.dc?.bufferedAmount ?? 0; }
}
