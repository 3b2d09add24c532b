// WebRTC connection set-up as the signaling service sees it: an offer/answer relayed through the
// service, then ICE connectivity checks and the DTLS handshake on the peer-to-peer path. Whether
// traversal works follows core's NAT-pair table and a configured success probability.
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
};

/// The result of one connection attempt.
struct ConnectOutcome {
  ConnectFailure failure = ConnectFailure::kNone;
  DurationUs setup_us = 0;  ///< from the offer to open data channel, or to giving up
};

/// Decides connection set-ups and counts them. One per run.
class Signaling {
 public:
  /// `config` must be valid (probability in [0, 1], round trips >= 0).
  explicit Signaling(const SignalingConfig& config);
  /// ns-3 convention: assigns random streams starting at `stream`; returns how many were used.
  std::int64_t AssignStreams(std::int64_t stream);

  /// ICE and DTLS between viewers with NAT types `a` and `b` whose direct path has round-trip
  /// time `peer_rtt_us`, once the offer and answer went through the relay as messages. Signaling
  /// round trips beyond that first one cost 4 x latency each (A->S->B->S->A); ICE and DTLS
  /// cost their round trips on the direct path. A failure is known after ICE.
  ConnectOutcome Connect(NatType a, NatType b, DurationUs peer_rtt_us);

  /// Connection attempts so far.
  std::uint64_t attempts() const { return attempts_; }
  /// Attempts that failed because of the NAT pair.
  std::uint64_t nat_failures() const { return nat_failures_; }
  /// Attempts that failed traversal for other reasons.
  std::uint64_t traversal_failures() const { return traversal_failures_; }
  /// Messages relayed by the service (2 per signaling round trip and attempt).
  std::uint64_t messages() const { return messages_; }

 private:
  SignalingConfig config_;
  ns3::Ptr<ns3::UniformRandomVariable> traversal_draw_;
  std::uint64_t attempts_ = 0;
  std::uint64_t nat_failures_ = 0;
  std::uint64_t traversal_failures_ = 0;
  std::uint64_t messages_ = 0;
};

}  // namespace cdnmesh
