// The signaling service as a sans-I/O object: relays WebRTC offers, answers and ICE candidates
// between connected clients. A client is connected once the host opened its connection with a
// valid session token; a message is relayed only from its true sender (`from` of the message
// must be the connection's id) to a connected recipient, else the sender gets a ServiceError.
#pragma once

#include <cstdint>
#include <unordered_set>
#include <vector>

#include "core/services/outgoing.h"
#include "core/services/session_token.h"

namespace cdnmesh {

/// Counters of the relay.
struct SignalingStats {
  std::uint64_t relayed = 0;  ///< messages passed on
  std::uint64_t refused = 0;  ///< messages answered with ServiceError
};

/// One signaling relay. Not thread-safe.
class SignalingRelay {
 public:
  /// `tokens` must outlive the relay.
  explicit SignalingRelay(const SessionTokens& tokens) : tokens_(tokens) {}

  /// The client `peer` opened its connection presenting `token`; error if the token is bad.
  Status OnConnect(TimeUs now_us, PeerId peer, const std::vector<std::uint8_t>& token);
  /// The connection of `peer` closed.
  void OnDisconnect(PeerId peer) { connected_.erase(peer); }
  /// Handles one message from the connection of `from`.
  void OnMessage(TimeUs now_us, PeerId from, const protocol::Message& message, OutgoingList* out);

  /// Counters.
  const SignalingStats& stats() const { return stats_; }
  /// Connected clients.
  std::size_t connected() const { return connected_.size(); }

 private:
  void Refuse(PeerId to, protocol::ServiceErrorCode code, const char* text, OutgoingList* out);

  const SessionTokens& tokens_;
  std::unordered_set<PeerId> connected_;
  SignalingStats stats_;
};

}  // namespace cdnmesh
