#include "models/distributor/distributor.h"

#include <algorithm>

namespace cdnmesh {

DistributorServiceConfig MakeDistributorServiceConfig(const DistributorConfig& config,
                                                      const PeerConfig& base,
                                                      const std::vector<std::string>& isp_names) {
  DistributorServiceConfig service;
  service.base = base;
  for (const DistributorOverride& o : config.overrides) {
    DistributorRule rule;
    rule.device = o.device;
    rule.config = o.config;
    if (o.isp) {
      const auto it = std::find(isp_names.begin(), isp_names.end(), *o.isp);
      if (it == isp_names.end()) continue;
      rule.isp = static_cast<IspId>(it - isp_names.begin());
    }
    service.rules.push_back(std::move(rule));
  }
  return service;
}

}  // namespace cdnmesh
