#include "models/signaling/signaling.h"

namespace cdnmesh {

Signaling::Signaling(const SignalingConfig& config)
    : config_(config), traversal_draw_(ns3::CreateObject<ns3::UniformRandomVariable>()) {}

std::int64_t Signaling::AssignStreams(std::int64_t stream) {
  traversal_draw_->SetStream(stream);
  return 1;
}

ConnectOutcome Signaling::Connect(NatType a, NatType b, DurationUs peer_rtt_us) {
  ++attempts_;
  messages_ += 2 * static_cast<std::uint64_t>(config_.signaling_round_trips);
  ConnectOutcome outcome;
  const DurationUs offer_answer_us = config_.signaling_round_trips * 4 * config_.latency_us;
  const DurationUs ice_us = config_.ice_round_trips * peer_rtt_us;
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
  outcome.setup_us = offer_answer_us + ice_us + config_.dtls_round_trips * peer_rtt_us;
  return outcome;
}

}  // namespace cdnmesh
