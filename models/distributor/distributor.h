// The scenario's distributor settings as core's DistributorService configuration: overrides
// name ISPs, the service matches ISP ids.
#pragma once

#include <string>
#include <vector>

#include "core/services/distributor_service.h"
#include "models/distributor/distributor-config.h"

namespace cdnmesh {

/// Rules for DistributorService from the scenario's overrides; `isp_names` index ISP ids. An
/// override naming an ISP that does not exist matches nobody.
DistributorServiceConfig MakeDistributorServiceConfig(const DistributorConfig& config,
                                                      const PeerConfig& base,
                                                      const std::vector<std::string>& isp_names);

}  // namespace cdnmesh
