#include "models/distributor/distributor.h"

#include <utility>

namespace cdnmesh {

Distributor::Distributor(DistributorConfig config, PeerConfig base,
                         std::vector<std::string> isp_names)
    : config_(std::move(config)), base_(std::move(base)), isp_names_(std::move(isp_names)) {}

const PeerConfig& Distributor::ConfigFor(DeviceClass device, IspId isp) {
  ++requests_;
  for (const DistributorOverride& o : config_.overrides) {
    if (o.device && *o.device != device) continue;
    if (o.isp && (isp >= isp_names_.size() || *o.isp != isp_names_[isp])) continue;
    return o.config;
  }
  return base_;
}

}  // namespace cdnmesh
