// The QoS record of one viewing session, as the player observed it.
#pragma once

#include <cstdint>
#include <vector>

#include "core/common/time.h"
#include "core/common/types.h"

namespace cdnmesh {

/// What a viewer experienced; filled by Player, read by metrics.
struct QosRecord {
  TimeUs session_start_us = 0;        ///< when Start() was called
  TimeUs playback_start_us = kNever;  ///< when the first frame played (kNever if it never did)
  int stall_count = 0;                ///< rebuffering events after startup
  DurationUs stall_time_us = 0;       ///< total time stalled after startup
  DurationUs played_us = 0;           ///< media time played (watch time)
  int bitrate_switches = 0;           ///< changes of rendition between consecutive played segments
  int live_resyncs = 0;  ///< live: jumps forward because the awaited segment left the playlist
  /// Media time played per rendition index (sized to the ladder).
  std::vector<DurationUs> played_us_per_rendition;

  /// Startup delay (playback start - session start), or -1 if playback never started.
  DurationUs startup_delay_us() const {
    return playback_start_us == kNever ? -1 : playback_start_us - session_start_us;
  }
};

}  // namespace cdnmesh
