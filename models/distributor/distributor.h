// The distributor service: hands each joining viewer the client configuration meant for it
// (the scenario's base config, or the first override matching its device class and ISP).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/common/types.h"
#include "models/distributor/distributor-config.h"

namespace cdnmesh {

/// Resolves per-viewer configurations and counts requests. One per run.
class Distributor {
 public:
  /// `base` is the scenario's client config; `isp_names` index ISP ids (for override matching).
  Distributor(DistributorConfig config, PeerConfig base, std::vector<std::string> isp_names);

  /// The configuration for a viewer of `device` in `isp`; counts one request.
  const PeerConfig& ConfigFor(DeviceClass device, IspId isp);
  /// One-way latency between a viewer and the service.
  DurationUs latency_us() const { return config_.latency_us; }
  /// Requests served so far.
  std::uint64_t requests() const { return requests_; }

 private:
  DistributorConfig config_;
  PeerConfig base_;
  std::vector<std::string> isp_names_;
  std::uint64_t requests_ = 0;
};

}  // namespace cdnmesh
