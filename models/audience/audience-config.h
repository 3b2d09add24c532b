// Configuration of the audience: when viewers arrive, how long they stay, what they watch and
// with which device, NAT and ISP.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "core/common/time.h"
#include "core/common/types.h"

namespace cdnmesh {

/// Arrival processes.
enum class ArrivalKind {
  kConstant,    ///< Poisson arrivals at `rate_per_s` between start_us and end_us
  kFlashCrowd,  ///< `viewers` arrivals over [start_us, start_us + ramp_us], triangular density
  kCsv,         ///< Poisson arrivals at the piecewise-constant rate of `curve`
  kEvenlySpaced,  ///< `viewers` arrivals at start_us + i * ramp_us / viewers, i = 0, 1, ...
};

/// When viewers arrive. Viewers named by `initial_viewers` are present from the start (joined
/// uniformly over the first `initial_join_window_us`) in addition to the arrival process.
struct ArrivalConfig {
  ArrivalKind kind = ArrivalKind::kFlashCrowd;
  double rate_per_s = 1.0;        ///< kConstant
  TimeUs start_us = 0;            ///< kConstant, kFlashCrowd, kEvenlySpaced
  TimeUs end_us = 0;              ///< kConstant: last arrival time (0 = end of the run)
  std::int64_t viewers = 1000;    ///< kFlashCrowd, kEvenlySpaced: number of arrivals
  DurationUs ramp_us = 120 * kUsPerSecond;  ///< kFlashCrowd, kEvenlySpaced: arrival window
  double peak_fraction = 0.3;     ///< kFlashCrowd: where in the window the density peaks, [0,1]
  std::string csv_path;           ///< kCsv: file with columns time_s, rate_per_s
  /// kCsv: (time, arrivals per second) points, rate constant until the next point; loaded by sim.
  std::vector<std::pair<TimeUs, double>> curve;
  std::int64_t initial_viewers = 0;
  DurationUs initial_join_window_us = 10 * kUsPerSecond;
};

/// Session lengths.
enum class SessionKind {
  kUntilEnd,     ///< viewers stay until the run ends
  kExponential,  ///< mean `mean_us`
  kLognormal,    ///< median `median_us`, shape `sigma`
};

/// How long viewers stay.
struct SessionConfig {
  SessionKind kind = SessionKind::kUntilEnd;
  DurationUs mean_us = 1800 * kUsPerSecond;
  DurationUs median_us = 1200 * kUsPerSecond;
  double sigma = 0.8;
  DurationUs min_us = 10 * kUsPerSecond;  ///< shorter draws are raised to this
};

/// VOD start positions.
enum class VodStartKind {
  kBeginning,    ///< everyone starts at the first segment
  kUniform,      ///< uniform over the title
  kExponential,  ///< exponential with mean `mean_us` of media time, clamped to the title
};

/// Where VOD viewers start in the title.
struct VodStartConfig {
  VodStartKind kind = VodStartKind::kBeginning;
  DurationUs mean_us = 300 * kUsPerSecond;
};

/// The catalog: `titles` pieces of content (live channels or VOD titles) with Zipf popularity.
struct CatalogConfig {
  int titles = 1;
  double zipf_exponent = 0.8;  ///< P(title i) proportional to 1 / i^s, i = 1..titles
};

/// The whole audience.
struct AudienceConfig {
  ArrivalConfig arrivals;
  SessionConfig session;
  /// Device mix, indexed by DeviceClass (normalized).
  std::array<double, kDeviceClassCount> device_mix = {0.45, 0.15, 0.3, 0.1};
  /// NAT mix, indexed by NatType (normalized).
  std::array<double, kNatTypeCount> nat_mix = {0.25, 0.35, 0.25, 0.15};
  VodStartConfig vod_start;
  CatalogConfig catalog;
  /// Safety cap on viewers created in one run (0 = none); arrivals beyond it are dropped.
  std::int64_t max_viewers = 0;
  /// Each client may start with a speed test of its uplink: the access capacity off by a factor
  /// uniform in [1 - e, 1 + e] (this e); negative (the default) = no speed test: the client
  /// knows nothing of its uplink until it has uploaded.
  double uplink_speed_test_error = -1;
};

}  // namespace cdnmesh
