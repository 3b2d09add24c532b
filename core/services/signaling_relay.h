// The signaling service as a sans-I/O object: relays WebRTC offers, answers and ICE candidates
// between connected clients. A client is connected once the host opened its connection with a
// valid session token; a message is relayed only from its true sender (`from` of the message
// must be the connection's id) to a connected recipient, and only between two peers the tracker
// listed to each other (AllowPair), else the sender gets a ServiceError. Without the pair rule a
// client could signal any peer id it guesses, bypassing matching.
#pragma once

#include <cstdint>
#include <unordered_map>
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
  /// Peers remembered as listed to a peer by default: the newest win, so a peer that announces
  /// for hours holds bounded memory (256 ids = about 13 peer lists of 20).
  static constexpr std::size_t kDefaultMaxPairsPerPeer = 256;

  /// `tokens` must outlive the relay; each peer remembers at most `max_pairs_per_peer` (> 0)
  /// partners, the oldest forgotten first.
  explicit SignalingRelay(const SessionTokens& tokens,
                          std::size_t max_pairs_per_peer = kDefaultMaxPairsPerPeer)
      : tokens_(tokens), max_pairs_per_peer_(max_pairs_per_peer) {}

  /// The client `peer` opened its connection presenting `token`; error if the token is bad.
  Status OnConnect(TimeUs now_us, PeerId peer, const std::vector<std::uint8_t>& token);
  /// The connection of `peer` closed (or its tracker session ended): it is no longer connected
  /// and every pair it belongs to is forgotten.
  void OnDisconnect(PeerId peer);
  /// The tracker listed `b` to `a` (or `a` to `b`): the two may signal each other, both ways.
  void AllowPair(PeerId a, PeerId b) { AllowPairs(a, &b, 1); }
  /// The tracker listed `count` peers `listed[0..count)` to `recipient`.
  void AllowPairs(PeerId recipient, const PeerId* listed, std::size_t count);
  /// True when `a` and `b` may signal each other.
  bool PairAllowed(PeerId a, PeerId b) const;
  /// Handles one message from the connection of `from`.
  void OnMessage(TimeUs now_us, PeerId from, const protocol::Message& message, OutgoingList* out);

  /// Counters.
  const SignalingStats& stats() const { return stats_; }
  /// Connected clients.
  std::size_t connected() const { return connected_.size(); }

 private:
  void Refuse(PeerId to, protocol::ServiceErrorCode code, const char* text, OutgoingList* out);
  /// A partner as listed: its id and its epoch then (a stale epoch means it left since).
  struct Partner {
    PeerId id;
    std::uint32_t epoch;
  };
  /// Pair state of one peer: an epoch drawn when it first appears, and the peers listed to it,
  /// oldest first (small: a linear scan of one contiguous list beats a set).
  struct PeerPairs {
    std::uint32_t epoch = 0;
    std::vector<Partner> partners;
  };
  PeerPairs& PairsOf(PeerId peer);
  bool Lists(PeerId peer, PeerId partner) const;

  const SessionTokens& tokens_;
  std::size_t max_pairs_per_peer_;
  std::unordered_set<PeerId> connected_;
  /// A pair is kept on the recipient's side only, so listing costs one list per PeerList, and a
  /// peer's departure forgets its pairs everywhere at once by dropping its epoch.
  std::unordered_map<PeerId, PeerPairs> pairs_;
  std::uint32_t next_epoch_ = 1;
  SignalingStats stats_;
};

/// Allows every pair a tracker answer lists: each PeerList in `tracker_out` pairs its recipient
/// with every peer it names. Every host of a tracker and a relay calls this on the tracker's
/// answers, so the pair rule is the same in simulation and production.
void AllowListedPairs(const OutgoingList& tracker_out, SignalingRelay* relay);

}  // namespace cdnmesh
