// Propagation delay from geography: great-circle distance x routing stretch / signal speed. One
// definition for both fidelities (the flow topology's path latencies and the packet network's
// link delays).
#pragma once

#include "core/common/time.h"
#include "core/matching/geo.h"
#include "models/topology/topology-config.h"

namespace cdnmesh {

/// One-way delay in us over `distance_km` of great circle, rounded to whole us (0 when the
/// stretch is 0).
DurationUs PropagationDelayUs(const PropagationConfig& config, double distance_km);
/// One-way delay in us between the unit vectors of two locations.
DurationUs PropagationDelayUs(const PropagationConfig& config, const Vec3& a, const Vec3& b);

}  // namespace cdnmesh
