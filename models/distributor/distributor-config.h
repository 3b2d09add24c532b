// Configuration of the distributor: the per-viewer client configuration handed out at join.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/common/time.h"
#include "core/common/types.h"
#include "models/peer/peer-config.h"

namespace cdnmesh {

/// A configuration for the viewers that match every condition given (an empty condition
/// matches all). `config` is complete: the scenario's base config with the override applied.
struct DistributorOverride {
  std::optional<DeviceClass> device;
  std::optional<std::string> isp;  ///< ISP name
  PeerConfig config;
};

/// The distributor service.
struct DistributorConfig {
  /// One-way latency between a viewer and the distributor.
  DurationUs latency_us = 40'000;
  /// Overrides in order; the first that matches a viewer wins, else the base config.
  std::vector<DistributorOverride> overrides;
};

}  // namespace cdnmesh
