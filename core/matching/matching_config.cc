#include "core/matching/matching_config.h"

#include <cmath>
#include <string>

namespace cdnmesh {
namespace {

bool IsNonNegative(double value) { return std::isfinite(value) && value >= 0.0; }
bool IsPositive(double value) { return std::isfinite(value) && value > 0.0; }
Status Prefixed(const char* prefix, const Status& status) {
  if (status.ok()) return status;
  return Error{std::string(prefix) + status.message()};
}

}  // namespace

Status ValidateLocalityConfig(const LocalityConfig& config) {
  if (!IsNonNegative(config.supply_headroom) || config.supply_headroom > 100.0) {
    return Error{"supply_headroom: must be in [0, 100]"};
  }
  return {};
}

Status ValidateNearestPolicyConfig(const NearestPolicyConfig& config) {
  if (config.max_cells_opened < 1) return Error{"max_cells_opened: must be >= 1"};
  return {};
}

Status ValidateHybridPolicyConfig(const HybridPolicyConfig& config) {
  const struct {
    const char* name;
    double value;
  } weights[] = {
      {"isp_weight", config.isp_weight},           {"distance_weight", config.distance_weight},
      {"capacity_weight", config.capacity_weight}, {"position_weight", config.position_weight},
      {"device_weight", config.device_weight},     {"nat_weight", config.nat_weight}};
  double sum = 0.0;
  for (const auto& weight : weights) {
    if (!IsNonNegative(weight.value)) return Error{std::string(weight.name) + ": must be >= 0"};
    sum += weight.value;
  }
  if (sum <= 0.0) return Error{"isp_weight..nat_weight: at least one weight must be > 0"};
  if (!IsPositive(config.distance_scale_km)) return Error{"distance_scale_km: must be > 0"};
  if (config.capacity_half_bps <= 0) return Error{"capacity_half_bps: must be > 0"};
  if (!IsPositive(config.position_scale_segments)) {
    return Error{"position_scale_segments: must be > 0"};
  }
  if (config.pool_multiplier < 1 || config.pool_multiplier > 64) {
    return Error{"pool_multiplier: must be in [1, 64]"};
  }
  if (config.max_cells_opened < 1) return Error{"max_cells_opened: must be >= 1"};
  return {};
}

Status ValidateMatchingConfig(const MatchingConfig& config) {
  if (Status s = ValidateLocalityConfig(config.locality); !s.ok()) return Prefixed("locality.", s);
  if (Status s = ValidateNearestPolicyConfig(config.nearest); !s.ok())
    return Prefixed("nearest.", s);
  return Prefixed("hybrid.", ValidateHybridPolicyConfig(config.hybrid));
}

}  // namespace cdnmesh
