// Test support: one Client driven by hand with a scripted clock and fake peers, configured
// and joined at t = 0; the test drains and inspects its actions itself.
#pragma once

#include <memory>
#include <vector>

#include "core/client/client.h"

namespace cdnmesh::testing {

/// The tracker id the client under test gets.
inline constexpr PeerId kSelf = 500;

/// A live stream of constant 4 s segments published since -120 s: at t = 0 the playlist lists
/// segments 20..29 and playback starts at 26.
inline StreamConfig LiveStream() {
  StreamConfig config;
  config.content = 7;
  config.size_jitter_ratio = 0.0;
  config.live_start_us = -120 * kUsPerSecond;
  return config;
}

/// The viewer under test.
inline ClientIdentity Viewer() {
  ClientIdentity identity;
  identity.content = 7;
  identity.seed = 5;
  return identity;
}

/// What the distributor sends: the lowest rung always, no CDN seeding (segments beyond the
/// urgent window wait for peers).
inline ClientConfig LeecherConfig() {
  ClientConfig c;
  c.abr = AbrKind::kBuffer;
  c.buffer_abr.reservoir_us = 600 * kUsPerSecond;
  c.scheduler.cdn_seeding_enabled = false;
  // Peer requests start beside the startup's urgent CDN fetches, so each test sees them at once.
  c.scheduler.urgent_preempt_fraction = 0;
  return c;
}

/// One client under test, configured (and joined) at t = 0, and every action it emitted.
struct Solo {
  Stream stream{LiveStream()};
  std::unique_ptr<Client> client;
  std::vector<ClientAction> all;  // every action drained so far
  TimeUs now_us = 0;

  explicit Solo(ClientConfig config, bool join = true) {
    client = std::make_unique<Client>(stream, Viewer());
    client->Start(now_us);
    client->OnPlaylist(now_us, Playlist{stream.FirstAvailable(0), stream.LastAvailable(0) + 1});
    protocol::ConfigResponse response;
    *response.config = config;
    response.session_token = {1, 2, 3};
    client->OnMessage(now_us, Endpoint::Service(EndpointKind::kDistributor), response);
    if (join) {
      protocol::SwarmJoined joined;
      joined.peer = kSelf;
      client->OnMessage(now_us, Endpoint::Service(EndpointKind::kTracker), joined);
    }
    Drain();
  }
  /// Moves the client's new actions into `all`; returns them.
  std::vector<ClientAction> Drain() {
    std::vector<ClientAction> out;
    client->DrainActions(&out);
    all.insert(all.end(), out.begin(), out.end());
    return out;
  }
  /// A message relayed by signaling.
  void FromSignaling(const protocol::Message& m) {
    client->OnMessage(now_us, Endpoint::Service(EndpointKind::kSignaling), m);
  }
  /// A message from `peer` over its data channel (if one is open).
  void FromPeer(PeerId peer, const protocol::Message& m) {
    client->OnMessage(now_us, Endpoint::Peer(peer), m);
  }
  /// `from` offers a connection with `session`.
  void Offer(PeerId from, std::uint64_t session) {
    protocol::SignalOffer offer;
    offer.from = from;
    offer.to = kSelf;
    offer.session_id = session;
    FromSignaling(offer);
  }
  /// `peer` offers and the channel opens: this client is the answering side.
  void Accept(PeerId peer) {
    Offer(peer, 1000 + peer);
    client->OnChannelOpen(now_us, peer);
  }
  /// The tracker lists `peers` (the client dials them).
  void List(const std::vector<PeerId>& peers) {
    protocol::PeerList list;
    list.content = 7;
    for (const PeerId p : peers) list.peers.emplace_back().peer = p;
    client->OnMessage(now_us, Endpoint::Service(EndpointKind::kTracker), list);
    Drain();
  }
  /// Completes every CDN fetch asked so far; returns the segments now held.
  std::vector<SegmentKey> CompleteCdnFetches() {
    Drain();
    std::vector<SegmentKey> held;
    const std::vector<ClientAction> asked = all;  // each completion may ask for more
    for (const ClientAction& a : asked) {
      if (a.type != ClientActionType::kFetchFromCdn) continue;
      const std::int64_t size = stream.SegmentSizeBytes(a.key);
      client->OnTransferDone(now_us, a.transfer, size);
      held.push_back(a.key);
    }
    Drain();
    return held;
  }
  /// Messages of type M this client sent (kSend, and the messages of fetches and cancels).
  template <typename M>
  std::vector<M> Sent() const {
    std::vector<M> found;
    for (const ClientAction& a : all) {
      if (const auto* m = std::get_if<M>(&a.message)) found.push_back(*m);
    }
    return found;
  }
  /// Actions of `type` emitted so far.
  int Count(ClientActionType type) const {
    int n = 0;
    for (const ClientAction& a : all) n += a.type == type;
    return n;
  }
};

}  // namespace cdnmesh::testing
