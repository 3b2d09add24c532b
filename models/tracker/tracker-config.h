// Configuration of the tracker (matching service) and of the signaling service.
#pragma once

#include <string>

#include "core/common/time.h"
#include "core/matching/matching_config.h"

namespace cdnmesh {

/// The tracker: which matching policy, how many candidates per answer, how far away it is.
struct TrackerConfig {
  /// Policy name for MakeMatchingPolicy: random, same_isp, nearest, capacity, position, hybrid.
  std::string policy = "hybrid";
  MatchingConfig matching;
  /// Candidates returned per announce (K).
  int peers_per_request = 20;
  /// One-way latency between a viewer and the tracker.
  DurationUs latency_us = 30'000;
};

/// WebRTC connection set-up: an offer/answer exchange relayed by the signaling service, then
/// ICE connectivity checks and the DTLS handshake directly between the two peers.
struct SignalingConfig {
  /// One-way latency between a viewer and the signaling service.
  DurationUs latency_us = 30'000;
  /// Round trips through the signaling service (offer/answer, trickled candidates).
  int signaling_round_trips = 1;
  /// Round trips of ICE connectivity checks on the peer-to-peer path.
  int ice_round_trips = 1;
  /// Round trips of the DTLS handshake on the peer-to-peer path.
  int dtls_round_trips = 2;
  /// Probability that traversal succeeds for a NAT pair core deems connectable.
  double traversal_success_probability = 0.95;
  /// How long after ICE starts a failed attempt (NAT pair, traversal, a peer gone) is known:
  /// ICE learns a failure only when its checks time out. 15 s: libwebrtc declares a candidate
  /// pair that never became writable timed out after CONNECTION_WRITE_TIMEOUT = 15 s.
  /// 0 = the earlier model: a failure is known right after the ICE round trips.
  DurationUs ice_failure_timeout_us = 15 * kUsPerSecond;
};

}  // namespace cdnmesh
