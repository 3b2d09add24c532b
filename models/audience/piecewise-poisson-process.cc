#include "models/audience/piecewise-poisson-process.h"

#include <algorithm>

namespace cdnmesh {

PiecewisePoissonProcess::PiecewisePoissonProcess(std::vector<std::pair<TimeUs, double>> points,
                                                 TimeUs end_us) {
  std::stable_sort(points.begin(), points.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  for (std::size_t i = 0; i < points.size(); ++i) {
    const TimeUs start = points[i].first;
    const TimeUs stop = i + 1 < points.size() ? std::min(points[i + 1].first, end_us) : end_us;
    const double rate_per_us = std::max(points[i].second, 0.0) / static_cast<double>(kUsPerSecond);
    if (stop <= start || !(rate_per_us > 0.0)) continue;  // empty span, zero rate or NaN
    m_pieces.push_back({static_cast<double>(start), static_cast<double>(stop), rate_per_us});
  }
  if (!m_pieces.empty()) m_now_us = m_pieces.front().start_us;
}

bool PiecewisePoissonProcess::Next(double unit_hazard, double* time_us) {
  double hazard = std::max(unit_hazard, 0.0);
  while (m_piece < m_pieces.size()) {
    const Piece& piece = m_pieces[m_piece];
    m_now_us = std::max(m_now_us, piece.start_us);
    const double available = (piece.end_us - m_now_us) * piece.rate_per_us;
    if (hazard < available) {
      m_now_us += hazard / piece.rate_per_us;
      if (m_now_us < piece.end_us) {
        *time_us = m_now_us;
        return true;
      }
      hazard = 0.0;  // rounding pushed it to the piece's end: arrive at the next piece's start
    } else {
      hazard -= available;
    }
    m_now_us = piece.end_us;
    ++m_piece;
  }
  return false;
}

double PiecewisePoissonProcess::ExpectedCount() const {
  double count = 0.0;
  for (const Piece& piece : m_pieces) count += (piece.end_us - piece.start_us) * piece.rate_per_us;
  return count;
}

}  // namespace cdnmesh
