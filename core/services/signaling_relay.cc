#include "core/services/signaling_relay.h"

#include <algorithm>
#include <cassert>

namespace cdnmesh {
namespace {

// The (from, to) of a relayable message, or false for any other message.
bool RelayEnds(const protocol::Message& message, PeerId* from, PeerId* to) {
  return std::visit(
      [&](const auto& m) {
        using M = std::decay_t<decltype(m)>;
        if constexpr (std::is_same_v<M, protocol::SignalOffer> ||
                      std::is_same_v<M, protocol::SignalAnswer> ||
                      std::is_same_v<M, protocol::IceCandidate>) {
          *from = m.from;
          *to = m.to;
          return true;
        } else {
          return false;
        }
      },
      message);
}

}  // namespace

Status SignalingRelay::OnConnect(TimeUs now_us, PeerId peer,
                                 const std::vector<std::uint8_t>& token) {
  Status status = tokens_.Check(now_us, token);
  if (status.ok()) connected_.insert(peer);
  return status;
}

void SignalingRelay::OnMessage(TimeUs /*now_us*/, PeerId from, const protocol::Message& message,
                               OutgoingList* out) {
  PeerId claimed = kInvalidPeer;
  PeerId to = kInvalidPeer;
  if (!RelayEnds(message, &claimed, &to)) {
    return Refuse(from, protocol::ServiceErrorCode::kBadRequest, "not a signaling message", out);
  }
  if (connected_.count(from) == 0 || claimed != from) {
    return Refuse(from, protocol::ServiceErrorCode::kUnauthorized, "sender not connected", out);
  }
  if (connected_.count(to) == 0) {
    if (const auto* offer = std::get_if<protocol::SignalOffer>(&message)) {
      // Declined on the recipient's behalf: the offerer frees its slot at once.
      ++stats_.refused;
      protocol::SignalAnswer decline;
      decline.from = to;
      decline.to = from;
      decline.session_id = offer->session_id;
      decline.accepted = false;
      out->push_back(Outgoing{from, decline});
      return;
    }
    return Refuse(from, protocol::ServiceErrorCode::kUnknownPeer, "recipient not connected", out);
  }
  if (!PairAllowed(from, to)) {
    return Refuse(from, protocol::ServiceErrorCode::kUnauthorized,
                  "recipient not matched with the sender by the tracker", out);
  }
  ++stats_.relayed;
  out->push_back(Outgoing{to, message});
}

void SignalingRelay::OnDisconnect(PeerId peer) {
  connected_.erase(peer);
  auto it = partners_.find(peer);
  if (it == partners_.end()) return;
  for (const PeerId partner : it->second) {
    auto other = partners_.find(partner);
    if (other == partners_.end()) continue;
    std::vector<PeerId>& list = other->second;
    list.erase(std::remove(list.begin(), list.end(), peer), list.end());
    if (list.empty()) partners_.erase(other);
  }
  partners_.erase(peer);
}

void SignalingRelay::AllowPair(PeerId a, PeerId b) {
  if (a == b) return;
  AddPartner(a, b);
  AddPartner(b, a);
}

// An evicted partner may still list `peer` on its side: such stale ids are bounded by the cap
// and harmless, since ids are not reused and a relay needs both ends connected.
void SignalingRelay::AddPartner(PeerId peer, PeerId partner) {
  std::vector<PeerId>& list = partners_[peer];
  auto it = std::find(list.begin(), list.end(), partner);
  if (it != list.end()) list.erase(it);  // listed again: it becomes the newest
  assert(max_pairs_per_peer_ > 0);
  if (list.size() >= max_pairs_per_peer_) list.erase(list.begin());
  list.push_back(partner);
}

bool SignalingRelay::PairAllowed(PeerId a, PeerId b) const {
  const auto has = [this](PeerId peer, PeerId partner) {
    auto it = partners_.find(peer);
    return it != partners_.end() &&
           std::find(it->second.begin(), it->second.end(), partner) != it->second.end();
  };
  return has(a, b) || has(b, a);
}

void AllowListedPairs(const OutgoingList& tracker_out, SignalingRelay* relay) {
  for (const Outgoing& o : tracker_out) {
    const auto* list = std::get_if<protocol::PeerList>(&o.message);
    if (list == nullptr) continue;
    for (const protocol::PeerDescriptor& d : list->peers) relay->AllowPair(o.to, d.peer);
  }
}

void SignalingRelay::Refuse(PeerId to, protocol::ServiceErrorCode code, const char* text,
                            OutgoingList* out) {
  ++stats_.refused;
  protocol::ServiceError error;
  error.code = code;
  error.text = text;
  out->push_back(Outgoing{to, std::move(error)});
}

}  // namespace cdnmesh
