// Time in cdnmesh's core: integer microseconds passed in by the host with every input.
// The core never reads a clock; the ns-3 adapter converts Simulator::Now(), a real client
// converts steady_clock.
#pragma once

#include <cstdint>
#include <limits>

namespace cdnmesh {

/// A point in time, in microseconds since an arbitrary epoch chosen by the host.
using TimeUs = std::int64_t;
/// A span of time in microseconds.
using DurationUs = std::int64_t;

/// "Never": used as a wake-up time when the core wants no timer.
inline constexpr TimeUs kNever = std::numeric_limits<TimeUs>::max();

inline constexpr DurationUs kUsPerMs = 1'000;
inline constexpr DurationUs kUsPerSecond = 1'000'000;

/// One microsecond in seconds: the resolution of every duration.
inline constexpr double kSecondsPerUs = 1e-6;

/// Largest duration a scenario may give, in seconds (~31.7 years). Sums of a few such durations
/// stay far inside both int64 microseconds (2.9e5 years) and ns-3's int64 nanoseconds (292 years).
inline constexpr double kMaxScenarioDurationS = 1e9;

/// Converts seconds (possibly fractional) to microseconds, rounding to nearest. Saturates at
/// the int64 limits (and gives 0 for NaN) instead of overflowing: converting an out-of-range
/// double to an integer is undefined behaviour.
constexpr DurationUs SecondsToUs(double seconds) {
  const double us = seconds * 1e6 + (seconds >= 0 ? 0.5 : -0.5);
  if (!(us == us)) return 0;  // NaN
  // 2^63 is exactly representable; every double below it converts without overflow.
  if (us >= 9223372036854775808.0) return std::numeric_limits<DurationUs>::max();
  if (us <= -9223372036854775808.0) return std::numeric_limits<DurationUs>::min();
  return static_cast<DurationUs>(us);
}
/// Converts microseconds to seconds.
constexpr double UsToSeconds(DurationUs us) { return static_cast<double>(us) / 1e6; }

}  // namespace cdnmesh
