#include "models/topology/propagation.h"

#include <cmath>

namespace cdnmesh {

DurationUs PropagationDelayUs(const PropagationConfig& config, double distance_km) {
  if (!(config.stretch > 0) || !(config.km_per_ms > 0) || !(distance_km > 0)) return 0;
  return static_cast<DurationUs>(
      std::llround(distance_km * config.stretch / config.km_per_ms * 1000.0));
}

DurationUs PropagationDelayUs(const PropagationConfig& config, const Vec3& a, const Vec3& b) {
  if (!(config.stretch > 0)) return 0;  // skips the distance on the hot path
  return PropagationDelayUs(config, ChordToKm(ChordBetween(a, b)));
}

}  // namespace cdnmesh
