// Order statistics of `count` iid uniforms on [0, 1), produced lazily in increasing order with
// O(1) memory: the minimum of m uniforms on [x, 1) is x + (1 - x) * (1 - U^(1/m)). Mapping the
// sequence through a quantile function gives sorted iid draws of any continuous distribution.
#pragma once

#include <cstdint>

namespace cdnmesh {

/// Lazily generated sorted sample of `count` iid Uniform[0, 1) values.
class SortedUniformSequence {
 public:
  /// A sequence of `count` values (negative counts as 0).
  explicit SortedUniformSequence(std::int64_t count);
  /// Writes the next (non-decreasing) value in [0, 1] using one Uniform(0, 1) draw `u`;
  /// returns false, consuming nothing, once all `count` values were produced.
  bool Next(double u, double* value);
  /// How many values are still to come.
  std::int64_t Remaining() const { return m_remaining; }

 private:
  std::int64_t m_remaining;
  double m_last = 0.0;
};

}  // namespace cdnmesh
