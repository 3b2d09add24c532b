#include "core/services/distributor_service.h"

#include <utility>

#include "core/common/random.h"

namespace cdnmesh {

DistributorService::DistributorService(DistributorServiceConfig config, const SessionTokens& tokens)
    : config_(std::move(config)), tokens_(tokens) {}

const ClientConfig& DistributorService::ConfigFor(DeviceClass device, IspId isp) const {
  for (const DistributorRule& rule : config_.rules) {
    if (rule.device && *rule.device != device) continue;
    if (rule.isp && *rule.isp != isp) continue;
    return rule.config;
  }
  return config_.base;
}

void DistributorService::OnMessage(TimeUs now_us, PeerId from, const protocol::Message& message,
                                   OutgoingList* out) {
  const auto* join = std::get_if<protocol::JoinRequest>(&message);
  if (join == nullptr) {
    protocol::ServiceError error;
    error.code = protocol::ServiceErrorCode::kBadRequest;
    error.text = "the distributor answers JoinRequest only";
    out->push_back(Outgoing{from, std::move(error)});
    return;
  }
  ++requests_;
  protocol::ConfigResponse answer;
  answer.tracker_url = config_.tracker_url;
  answer.signaling_url = config_.signaling_url;
  answer.session_token = tokens_.Issue(now_us, HashKeys(requests_, from, join->content));
  *answer.config = ConfigFor(join->profile.device, join->profile.isp);
  out->push_back(Outgoing{from, std::move(answer)});
}

}  // namespace cdnmesh
