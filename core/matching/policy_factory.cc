#include "core/matching/policy_factory.h"

#include <string>

#include "core/matching/hybrid_policy.h"
#include "core/matching/simple_policies.h"

namespace cdnmesh {
namespace {

std::unique_ptr<MatchingPolicy> Create(std::string_view name, const MatchingConfig& config) {
  if (name == "random") return std::make_unique<RandomPolicy>();
  if (name == "same_isp") return std::make_unique<SameIspPolicy>(config.locality);
  if (name == "nearest") return std::make_unique<NearestPolicy>(config.nearest, config.locality);
  if (name == "capacity") return std::make_unique<CapacityPolicy>(config.capacity);
  if (name == "position") return std::make_unique<PositionPolicy>();
  if (name == "hybrid") return std::make_unique<HybridPolicy>(config.hybrid, config.locality);
  return nullptr;
}

}  // namespace

const std::vector<std::string_view>& MatchingPolicyNames() {
  static const std::vector<std::string_view> kNames = {"random",   "same_isp", "nearest",
                                                       "capacity", "position", "hybrid"};
  return kNames;
}

Result<std::unique_ptr<MatchingPolicy>> MakeMatchingPolicy(std::string_view name,
                                                           const MatchingConfig& config) {
  if (const Status valid = ValidateMatchingConfig(config); !valid.ok()) {
    return Error{valid.message()};
  }
  std::unique_ptr<MatchingPolicy> policy = Create(name, config);
  if (policy != nullptr) return Result<std::unique_ptr<MatchingPolicy>>(std::move(policy));
  std::string message = "policy: unknown matching policy '" + std::string(name) + "'; valid: ";
  for (std::size_t i = 0; i < MatchingPolicyNames().size(); ++i) {
    message += (i == 0 ? "" : ", ") + std::string(MatchingPolicyNames()[i]);
  }
  return Error{message};
}

}  // namespace cdnmesh
