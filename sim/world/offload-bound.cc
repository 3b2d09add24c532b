#include "sim/world/offload-bound.h"

#include <algorithm>
#include <limits>

namespace cdnmesh {

double TheoreticalOffloadBound(const BoundInputs& inputs) {
  if (inputs.viewers <= 0 || inputs.bitrate_bps <= 0) return std::numeric_limits<double>::quiet_NaN();
  const double swarm_term = 1.0 - inputs.swarms / inputs.viewers;
  const double upload_term = inputs.upload_bps / inputs.bitrate_bps;
  return std::clamp(std::min(swarm_term, upload_term), 0.0, 1.0);
}

}  // namespace cdnmesh
