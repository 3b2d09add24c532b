#include "models/audience/sorted-uniform-sequence.h"

#include <algorithm>
#include <cmath>

namespace cdnmesh {

SortedUniformSequence::SortedUniformSequence(std::int64_t count)
    : m_remaining(std::max<std::int64_t>(count, 0)) {}

bool SortedUniformSequence::Next(double u, double* value) {
  if (m_remaining <= 0) return false;
  // 1 - u^(1/m), computed without cancellation for large m; u <= 0 gives a gap of 1.
  const double gap = u > 0.0 ? -std::expm1(std::log(u) / static_cast<double>(m_remaining)) : 1.0;
  m_last = std::min(1.0, m_last + (1.0 - m_last) * std::clamp(gap, 0.0, 1.0));
  --m_remaining;
  *value = m_last;
  return true;
}

}  // namespace cdnmesh
