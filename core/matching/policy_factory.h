// Creates matching policies by name (as written in scenario files and service configuration).
#pragma once

#include <memory>
#include <string_view>
#include <vector>

#include "core/common/result.h"
#include "core/matching/matching_config.h"
#include "core/matching/policy.h"

namespace cdnmesh {

/// The accepted policy names: random, same_isp, nearest, capacity, position, hybrid.
const std::vector<std::string_view>& MatchingPolicyNames();

/// A new policy (owned by the caller) configured from `config`; an error for an unknown name
/// (listing the valid ones) or an invalid configuration (naming the field).
Result<std::unique_ptr<MatchingPolicy>> MakeMatchingPolicy(std::string_view name,
                                                           const MatchingConfig& config = {});

}  // namespace cdnmesh
