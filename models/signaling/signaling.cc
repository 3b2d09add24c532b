#include "models/signaling/signaling.h"

#include <algorithm>

namespace cdnmesh {

Signaling::Signaling(const SignalingConfig& config)
    : config_(config), traversal_draw_(ns3::CreateObject<ns3::UniformRandomVariable>()) {}

std::int64_t Signaling::AssignStreams(std::int64_t stream) {
  traversal_draw_->SetStream(stream);
  return 1;
}

// The offer and its answer are real messages through the relay; further round trips (trickled
// candidates) are charged here.
DurationUs Signaling::OfferAnswerUs() {
  const int extra_round_trips = std::max(0, config_.signaling_round_trips - 1);
  messages_ += 2 * static_cast<std::uint64_t>(extra_round_trips);
  // Widened before multiplying: round trips are ints, latencies microseconds.
  return DurationUs{extra_round_trips} * 4 * config_.latency_us;
}

// ICE declares failure when its checks time out, never before its own round trips.
DurationUs Signaling::FailureKnownUs(DurationUs ice_us) const {
  return config_.ice_failure_timeout_us > 0 ? std::max(ice_us, config_.ice_failure_timeout_us)
                                            : ice_us;
}

ConnectOutcome Signaling::Connect(NatType a, NatType b, DurationUs peer_rtt_us) {
  ++attempts_;
  const DurationUs offer_answer_us = OfferAnswerUs();
  const DurationUs ice_us = DurationUs{config_.ice_round_trips} * peer_rtt_us;
  ConnectOutcome outcome;
  outcome.failure_us = offer_answer_us + FailureKnownUs(ice_us);
  if (!NatPairConnectable(a, b)) {
    ++nat_failures_;
    outcome.failure = ConnectFailure::kNatIncompatible;
  } else if (traversal_draw_->GetValue() >= config_.traversal_success_probability) {
    ++traversal_failures_;
    outcome.failure = ConnectFailure::kTraversal;
  } else {
    outcome.setup_us =
        offer_answer_us + ice_us + DurationUs{config_.dtls_round_trips} * peer_rtt_us;
    return outcome;
  }
  if (config_.ice_failure_timeout_us > 0) ++ice_timeouts_;
  outcome.setup_us = outcome.failure_us;
  return outcome;
}

ConnectOutcome Signaling::ConnectToDeparted(NatType a) {
  if (config_.ice_failure_timeout_us <= 0) return Connect(a, NatType::kSymmetric, 0);
  ++attempts_;
  ++departed_peers_;
  ++ice_timeouts_;
  ConnectOutcome outcome;
  outcome.failure = ConnectFailure::kPeerGone;
  outcome.failure_us = OfferAnswerUs() + FailureKnownUs(0);
  outcome.setup_us = outcome.failure_us;
  return outcome;
}

void Signaling::NoteDepartedDuringSetup() {
  if (config_.ice_failure_timeout_us <= 0) return;
  ++departed_peers_;
  ++ice_timeouts_;
}

}  // namespace cdnmesh
