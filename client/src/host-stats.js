// What a host exposes about its session: bytes by source (as the host received them), QoS and
// mesh counters (from the wasm client), integrity failures.

/** A flat summary plus the client's own counters under `core`. */
export function summarize(host) {
  const h = host.counters;
  const core = host.client ? host.client.stats() : {};
  const delivered = h.cdnBytes + h.p2pBytes;
  return {
    peerId: host.client ? host.client.peerId() : -1,
    bytesFromCdn: h.cdnBytes,
    bytesFromPeers: h.p2pBytes,
    bytesUploaded: h.uploadedBytes,
    p2pShare: delivered > 0 ? h.p2pBytes / delivered : 0,
    integrityFailures: h.integrityFailures,
    discardedBytes: h.discardedBytes,
    peersBanned: core.peersBanned ?? 0,
    stalls: core.stallCount ?? 0,
    stallTimeMs: (core.stallTimeUs ?? 0) / 1000,
    startupDelayMs: core.startupDelayUs >= 0 ? core.startupDelayUs / 1000 : null,
    playerState: core.playerState,
    connectionsOpen: core.connectionsOpen ?? 0,
    core,
  };
}
