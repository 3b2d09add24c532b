// A non-homogeneous Poisson process with a piecewise-constant rate, generated lazily by
// inverting the cumulative rate: each arrival consumes one unit-mean exponential "hazard" draw,
// spent across the pieces in time order. Zero-rate pieces get no arrivals and cost nothing.
#pragma once

#include <cstddef>
#include <utility>
#include <vector>

#include "core/common/time.h"

namespace cdnmesh {

/// Arrival times (microseconds) of a Poisson process with a piecewise-constant rate.
class PiecewisePoissonProcess {
 public:
  /// `points` are (time µs, arrivals per second): the rate holds from a point's time until the
  /// next point's (the last until `end_us`), is 0 before the first point, and negative rates
  /// count as 0. Points are sorted by time here; no arrival is produced at or after `end_us`.
  PiecewisePoissonProcess(std::vector<std::pair<TimeUs, double>> points, TimeUs end_us);
  /// Writes the next arrival time in µs (fractional, non-decreasing) using one draw of a
  /// unit-mean exponential `unit_hazard`; returns false when no arrival remains before end_us.
  bool Next(double unit_hazard, double* time_us);
  /// Expected number of arrivals over the whole process (integral of the rate).
  double ExpectedCount() const;

 private:
  /// A span [start_us, end_us) with a constant rate in arrivals per µs.
  struct Piece {
    double start_us;
    double end_us;
    double rate_per_us;
  };
  std::vector<Piece> m_pieces;
  std::size_t m_piece = 0;  ///< index of the piece holding m_now_us
  double m_now_us = 0.0;    ///< time of the last arrival (or the start of m_piece)
};

}  // namespace cdnmesh
