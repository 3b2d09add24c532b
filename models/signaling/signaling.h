// WebRTC connection set-up as the signaling service sees it: an offer/answer relayed through the
// service, then ICE connectivity checks and the DTLS handshake on the peer-to-peer path. Whether
// traversal works follows core's NAT-pair table and a configured success probability; a failed
// attempt is known only when ICE gives up (signaling.ice_failure_timeout_s).
#pragma once

#include <cstdint>

#include <ns3/ptr.h>
#include <ns3/random-variable-stream.h>

#include "core/common/time.h"
#include "core/common/types.h"
#include "models/tracker/tracker-config.h"

namespace cdnmesh {

/// Why a connection attempt failed.
enum class ConnectFailure : std::uint8_t {
  kNone,            ///< connected
  kNatIncompatible, ///< the NAT pair cannot hole-punch (core's table)
  kTraversal,       ///< ICE failed for another reason (configured probability)
  kPeerGone,        ///< nobody answers the checks: the other viewer has left
};

/// The result of one connection attempt.
struct ConnectOutcome {
  ConnectFailure failure = ConnectFailure::kNone;
  DurationUs setup_us = 0;  ///< from the offer to open data channel, or to giving up
  /// From the offer to the moment a failure of this attempt would be known (equal to setup_us
  /// when it failed): what an end waits if the other end leaves during the set-up.
  DurationUs failure_us = 0;
};

/// Decides connection set-ups and counts them. One per run.
class Signaling {
 public:
  /// `config` must be valid (probability in [0, 1], round trips and timeout >= 0).
  explicit Signaling(const SignalingConfig& config);
  /// ns-3 convention: assigns random streams starting at `stream`; returns how many were used.
  std::int64_t AssignStreams(std::int64_t stream);

  /// ICE and DTLS between viewers with NAT types `a` and `b` whose direct path has round-trip
  /// time `peer_rtt_us`, once the offer and answer went through the relay as messages. Signaling
  /// round trips beyond that first one cost 4 x latency each (A->S->B->S->A); ICE and DTLS
  /// cost their round trips on the direct path. A failure is known when ICE times out
  /// (ice_failure_timeout_us after it started; with 0, right after the ICE round trips).
  ConnectOutcome Connect(NatType a, NatType b, DurationUs peer_rtt_us);
  /// ICE from a viewer with NAT type `a` towards one that has already left: its checks go
  /// unanswered until ICE times out (kPeerGone, not a NAT failure). With a timeout of 0, the
  /// earlier model: an immediate failure against a symmetric NAT (a NAT or traversal failure).
  ConnectOutcome ConnectToDeparted(NatType a);
  /// An attempt that was succeeding lost its other end during the set-up: counted as a set-up
  /// towards a departed viewer that timed out (only with a timeout > 0).
  void NoteDepartedDuringSetup();

  /// Connection attempts so far.
  std::uint64_t attempts() const { return attempts_; }
  /// Attempts that failed because of the NAT pair.
  std::uint64_t nat_failures() const { return nat_failures_; }
  /// Attempts that failed traversal for other reasons.
  std::uint64_t traversal_failures() const { return traversal_failures_; }
  /// Attempts towards a viewer that had left (before or during the set-up).
  std::uint64_t departed_peers() const { return departed_peers_; }
  /// Failed attempts known only when ICE timed out (every failure, with a timeout > 0).
  std::uint64_t ice_timeouts() const { return ice_timeouts_; }
  /// Messages relayed by the service (2 per signaling round trip and attempt).
  std::uint64_t messages() const { return messages_; }

 private:
  DurationUs OfferAnswerUs();
  DurationUs FailureKnownUs(DurationUs ice_us) const;

  SignalingConfig config_;
  ns3::Ptr<ns3::UniformRandomVariable> traversal_draw_;
  std::uint64_t attempts_ = 0;
  std::uint64_t nat_failures_ = 0;
  std::uint64_t traversal_failures_ = 0;
  std::uint64_t departed_peers_ = 0;
  std::uint64_t ice_timeouts_ = 0;
  std::uint64_t messages_ = 0;
};

}  // namespace cdnmesh
