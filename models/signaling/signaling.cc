#include "models/signaling/signaling.h"

#include <algorithm>

namespace cdnmesh {

Signaling::Signaling(const SignalingConfig& config)
    : config_(config), traversal_draw_(ns3::CreateObject<ns3::UniformRandomVariable>()) {}

std::int64_t Signaling::AssignStreams(std::int64_t stream) {
  traversal_draw_->SetStream(stream);
  return 1;
}

ConnectOutcome Signaling::Connect(NatType a, NatType b, DurationUs peer_rtt_us) {
  ++attempts_;
  ConnectOutcome outcome;
  // The offer and its answer are real messages through the relay; further round trips
  // (trickled candidates) are charged here.
  const int extra_round_trips = std::max(0, config_.signaling_round_trips - 1);
  messages_ += 2 * static_cast<std::uint64_t>(extra_round_trips);
  // Widened before multiplying: round trips are ints, latencies microseconds.
  const DurationUs offer_answer_us = DurationUs{extra_round_trips} * 4 * config_.latency_us;
  const DurationUs ice_us = DurationUs{config_.ice_round_trips} * peer_rtt_us;
  if (!NatPairConnectable(a, b)) {
    ++nat_failures_;
    outcome.failure = ConnectFailure::kNatIncompatible;
    outcome.setup_us = offer_answer_us + ice_us;
    return outcome;
  }
  if (traversal_draw_->GetValue() >= config_.traversal_success_probability) {
    ++traversal_failures_;
    outcome.failure = ConnectFailure::kTraversal;
    outcome.setup_us = offer_answer_us + ice_us;
    return outcome;
  }
  outcome.setup_us = offer_answer_us + ice_us + DurationUs{config_.dtls_round_trips} * peer_rtt_us;
  return outcome;
}

}  // namespace cdnmesh
