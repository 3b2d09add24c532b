// Client: the connection manager. Offers go through the signaling service; the side that
// accepts reserves a slot; ICE and DTLS are the host's (kConnect); an open channel starts with
// a Handshake and the bitfields of what this viewer advertises. Simultaneous offers between two
// peers resolve in favour of the lower id's offer.
#include <algorithm>

#include "core/client/client.h"

namespace cdnmesh {

void Client::Dial(TimeUs now_us, PeerId peer, NatType nat) {
  const std::uint64_t session_id = rng_.NextU64();
  links_.Add(peer, LinkState::kOffered, session_id, now_us + config_.connect_timeout_us).nat = nat;
  protocol::SignalOffer offer;
  offer.from = id_;
  offer.to = peer;
  offer.session_id = session_id;
  Send(Endpoint::Service(EndpointKind::kSignaling), offer);
}

void Client::Decline(PeerId peer, std::uint64_t session_id) {
  protocol::SignalAnswer answer;
  answer.from = id_;
  answer.to = peer;
  answer.session_id = session_id;
  answer.accepted = false;
  Send(Endpoint::Service(EndpointKind::kSignaling), answer);
}

void Client::OnOffer(TimeUs now_us, const protocol::SignalOffer& m) {
  if (id_ == kInvalidPeer || m.to != id_ || m.from == id_ || !config_.scheduler.p2p_enabled ||
      IsBanned(m.from)) {
    return Decline(m.from, m.session_id);
  }
  if (PeerLink* link = links_.Find(m.from)) {
    // Both dialled at once: the lower id's offer wins, the other is declined by both sides.
    if (link->state != LinkState::kOffered || m.from > id_) return Decline(m.from, m.session_id);
    link->state = LinkState::kAnswered;
    link->session_id = m.session_id;
  } else if (links_.size() >= config_.max_connections) {
    return Decline(m.from, m.session_id);
  } else {
    links_.Add(m.from, LinkState::kAnswered, m.session_id, now_us + config_.connect_timeout_us);
  }
  protocol::SignalAnswer answer;
  answer.from = id_;
  answer.to = m.from;
  answer.session_id = m.session_id;
  Send(Endpoint::Service(EndpointKind::kSignaling), answer);
}

void Client::OnAnswer(TimeUs /*now_us*/, const protocol::SignalAnswer& m) {
  PeerLink* link = links_.Find(m.from);
  if (link == nullptr || link->state != LinkState::kOffered || link->session_id != m.session_id) {
    return;  // stale: timed out, or superseded by the other side's offer
  }
  if (!m.accepted) {
    ++stats_.offers_declined;
    links_.Remove(m.from);
    return;
  }
  link->state = LinkState::kConnecting;
  ClientAction connect;
  connect.type = ClientActionType::kConnect;
  connect.peer = m.from;
  connect.peer_nat = link->nat;
  Emit(connect);
}

void Client::OnChannelOpen(TimeUs now_us, PeerId peer) {
  if (!started_ || stopped_) return;
  const PeerLink* link = links_.Find(peer);
  if (link != nullptr && link->state == LinkState::kOpen) return;
  if (link == nullptr || link->state == LinkState::kOffered) {
    ClientAction close;  // a set-up this client gave up: close the channel it produced
    close.type = ClientActionType::kDisconnect;
    close.peer = peer;
    Emit(close);
    return;
  }
  links_.MarkOpen(peer);
  ++stats_.connections_opened;
  stats_.max_connections = std::max(stats_.max_connections, links_.open_count());
  scheduler_.OnPeerConnected(now_us, peer);
  SendAvailability(peer);
  Translate();
}

// A Handshake, then one Bitfield per rendition this viewer holds and advertises.
void Client::SendAvailability(PeerId peer) {
  protocol::Handshake handshake;
  handshake.version = protocol::kProtocolVersion;
  handshake.peer = id_;
  handshake.content = identity_.content;
  handshake.rendition = scheduler_.current_rendition();
  Send(Endpoint::Peer(peer), handshake);
  std::vector<protocol::Bitfield> maps;
  scheduler_.cache().ForEachKey([&](SegmentKey key) {
    if (!scheduler_.Advertises(key)) return;
    auto it = std::find_if(maps.begin(), maps.end(), [&](const protocol::Bitfield& b) {
      return b.rendition == key.rendition;
    });
    if (it == maps.end()) {
      maps.emplace_back();
      it = maps.end() - 1;
      it->rendition = key.rendition;
      it->first_seq = key.seq;  // keys come oldest first: the first is the lowest
    }
    const auto bit = static_cast<std::size_t>(key.seq - it->first_seq);
    if (bit >= 8 * protocol::kMaxBitfieldBytes) return;
    if (it->bits.size() <= bit / 8) it->bits.resize(bit / 8 + 1, 0);
    it->bits[bit / 8] = static_cast<std::uint8_t>(it->bits[bit / 8] | (1u << (bit % 8)));
  });
  for (protocol::Bitfield& map : maps) Send(Endpoint::Peer(peer), std::move(map));
}

void Client::OnConnectFailed(TimeUs /*now_us*/, PeerId peer) {
  if (!started_ || stopped_) return;
  const PeerLink* link = links_.Find(peer);
  if (link == nullptr || link->state == LinkState::kOpen) return;
  ++stats_.connect_failures;
  links_.Remove(peer);
}

void Client::OnChannelClosed(TimeUs now_us, PeerId peer) {
  if (!started_ || stopped_) return;
  const PeerLink* link = links_.Find(peer);
  if (link == nullptr) return;
  DropLink(now_us, peer, link->state == LinkState::kOpen);
  Translate();
}

void Client::DropLink(TimeUs now_us, PeerId peer, bool was_open) {
  links_.Remove(peer);
  if (!was_open) {
    ++stats_.connect_failures;
    return;
  }
  AdvanceSharing(now_us);
  StopUploadsTo(peer);
  ForgetDownloadsFrom(peer);
  scheduler_.OnPeerDisconnected(now_us, peer);
}

void Client::OnPeerMisbehaved(TimeUs now_us, PeerId peer) {
  if (!started_ || stopped_ || peer == kInvalidPeer || IsBanned(peer)) return;
  banned_.push_back(peer);
  ++stats_.peers_banned;
  if (const PeerLink* link = links_.Find(peer)) {
    const bool was_open = link->state == LinkState::kOpen;
    ClientAction close;
    close.type = ClientActionType::kDisconnect;
    close.peer = peer;
    Emit(close);
    DropLink(now_us, peer, was_open);
  }
  Translate();
}

bool Client::IsBanned(PeerId peer) const {
  return std::find(banned_.begin(), banned_.end(), peer) != banned_.end();
}

void Client::ExpireLinks(TimeUs now_us) {
  std::vector<PeerId> expired;
  links_.Expire(now_us, &expired);
  for (const PeerId peer : expired) {
    ++stats_.connect_failures;
    ClientAction close;
    close.type = ClientActionType::kDisconnect;
    close.peer = peer;
    Emit(close);
  }
}

}  // namespace cdnmesh
