// Join times of an audience: the initial viewers (uniform over the initial join window) merged
// in time order with the arrival process (constant-rate Poisson, flash crowd with a triangular
// density, Poisson at a CSV rate curve, or evenly spaced as an experiment's join schedule). Generated lazily, one join time per Next() call, in
// O(1) memory (plus the curve); randomness from ns-3 streams fixed by AssignStreams.
#pragma once

#include <cstdint>
#include <optional>

#include "core/common/time.h"
#include "models/audience/audience-config.h"
#include "models/audience/piecewise-poisson-process.h"
#include "models/audience/sorted-uniform-sequence.h"
#include "ns3/ptr.h"
#include "ns3/random-variable-stream.h"

namespace cdnmesh {

/// Sorted join times (µs) of initial viewers and the arrival process, before the run ends.
class ArrivalProcess {
 public:
  /// Number of ns-3 random streams AssignStreams uses.
  static constexpr std::int64_t kStreamCount = 3;

  /// Arrivals of `config`; none at or after `run_end_us`.
  ArrivalProcess(const ArrivalConfig& config, TimeUs run_end_us);
  /// Assigns kStreamCount random streams starting at `stream`; returns kStreamCount.
  std::int64_t AssignStreams(std::int64_t stream);
  /// Writes the next join time in µs (non-decreasing); false when none remains before run end.
  bool Next(TimeUs* join_us);
  /// Expected number of join times before run end (initial viewers included).
  double ExpectedCount() const;

 private:
  std::optional<TimeUs> DrawInitial();
  std::optional<TimeUs> DrawProcess();
  std::optional<TimeUs> DrawFlashCrowd();
  std::optional<TimeUs> DrawPoisson();
  std::optional<TimeUs> DrawEvenlySpaced();
  double ExpectedInitial() const;
  double ExpectedFlashCrowd() const;
  double ExpectedEvenlySpaced() const;

  ArrivalConfig m_config;  ///< copy without the (possibly large) curve
  TimeUs m_run_end_us;
  SortedUniformSequence m_initial;
  SortedUniformSequence m_flash;
  PiecewisePoissonProcess m_poisson;
  ns3::Ptr<ns3::UniformRandomVariable> m_initial_uniform;
  ns3::Ptr<ns3::UniformRandomVariable> m_flash_uniform;
  ns3::Ptr<ns3::ExponentialRandomVariable> m_poisson_hazard;
  std::int64_t m_evenly_spaced_drawn = 0;  ///< kEvenlySpaced: arrivals returned so far
  bool m_primed = false;  ///< whether the two next candidates below were drawn
  std::optional<TimeUs> m_next_initial_us;
  std::optional<TimeUs> m_next_process_us;
};

/// Quantile of the triangular distribution on [0, 1] with its mode at `mode` in [0, 1].
double TriangularQuantile(double p, double mode);
/// Cumulative distribution of the triangular distribution on [0, 1] with its mode at `mode`.
double TriangularCdf(double x, double mode);

}  // namespace cdnmesh
