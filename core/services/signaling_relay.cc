#include "core/services/signaling_relay.h"

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
  ++stats_.relayed;
  out->push_back(Outgoing{to, message});
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
