// The progress line on stderr: simulated time, wall time, events per second and ETA. On a
// terminal it is redrawn in place (after the first couple of seconds); otherwise a line is
// appended every few seconds. Either way a final line ends it.
#pragma once

#include <chrono>
#include <cstdint>

#include "core/common/time.h"

namespace cdnmesh {

/// Reports progress of one run. Reads the wall clock (sim/ may; core/ never does).
class ProgressReporter {
 public:
  /// `enabled` false makes every call a no-op.
  ProgressReporter(bool enabled, DurationUs duration_us, std::int64_t expected_viewers);
  /// Called periodically from the simulation with its clock and counters.
  void Update(TimeUs now_us, std::uint64_t events, std::size_t live_viewers);
  /// Prints the final line.
  void Finish(TimeUs now_us, std::uint64_t events, std::size_t live_viewers);
  /// Wall seconds since construction.
  double ElapsedSeconds() const;

 private:
  void Print(TimeUs now_us, std::uint64_t events, std::size_t live_viewers, bool final_line);

  bool enabled_;
  bool tty_;
  DurationUs duration_us_;
  std::int64_t expected_viewers_;
  std::chrono::steady_clock::time_point start_;
  double last_print_s_ = -1e9;  ///< wall seconds of the last line (none yet)
};

}  // namespace cdnmesh
