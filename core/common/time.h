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

/// Converts seconds (possibly fractional) to microseconds, rounding to nearest.
constexpr DurationUs SecondsToUs(double seconds) {
  return static_cast<DurationUs>(seconds * 1e6 + (seconds >= 0 ? 0.5 : -0.5));
}
/// Converts microseconds to seconds.
constexpr double UsToSeconds(DurationUs us) { return static_cast<double>(us) / 1e6; }

}  // namespace cdnmesh
