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
  // Its epoch goes with it: entries naming it elsewhere no longer match, even if it returns.
  pairs_.erase(peer);
}

SignalingRelay::PeerPairs& SignalingRelay::PairsOf(PeerId peer) {
  auto [it, inserted] = pairs_.try_emplace(peer);
  if (inserted) it->second.epoch = next_epoch_++;
  return it->second;
}

void SignalingRelay::AllowPairs(PeerId recipient, const PeerId* listed, std::size_t count) {
  assert(max_pairs_per_peer_ > 0);
  PeerPairs& mine = PairsOf(recipient);  // node-based map: stays valid while others are added
  for (std::size_t i = 0; i < count; ++i) {
    if (listed[i] == recipient) continue;
    const Partner partner{listed[i], PairsOf(listed[i]).epoch};
    std::vector<Partner>& list = mine.partners;
    auto it = std::find_if(list.begin(), list.end(),
                           [&](const Partner& p) { return p.id == partner.id; });
    if (it != list.end()) list.erase(it);  // listed again: it becomes the newest
    if (list.size() >= max_pairs_per_peer_) list.erase(list.begin());
    list.push_back(partner);
  }
}

bool SignalingRelay::Lists(PeerId peer, PeerId partner) const {
  const auto mine = pairs_.find(peer);
  const auto theirs = pairs_.find(partner);
  if (mine == pairs_.end() || theirs == pairs_.end()) return false;
  const std::uint32_t epoch = theirs->second.epoch;
  const std::vector<Partner>& list = mine->second.partners;
  return std::any_of(list.begin(), list.end(),
                     [&](const Partner& p) { return p.id == partner && p.epoch == epoch; });
}

bool SignalingRelay::PairAllowed(PeerId a, PeerId b) const { return Lists(a, b) || Lists(b, a); }

void AllowListedPairs(const OutgoingList& tracker_out, SignalingRelay* relay) {
  for (const Outgoing& o : tracker_out) {
    const auto* list = std::get_if<protocol::PeerList>(&o.message);
    if (list == nullptr) continue;
    std::vector<PeerId> ids;
    ids.reserve(list->peers.size());
    for (const protocol::PeerDescriptor& d : list->peers) ids.push_back(d.peer);
    relay->AllowPairs(o.to, ids.data(), ids.size());
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
