// Test helpers: streams with round numbers and a Player driven by a scripted fake clock.
#pragma once

#include <utility>

#include "core/common/time.h"
#include "core/player/player.h"
#include "core/stream/stream.h"

namespace cdnmesh::testing {

/// A VOD title of `segment_count` segments of `segment_duration_us` on the default ladder.
inline StreamConfig VodStreamConfig(SegmentSeq segment_count,
                                    DurationUs segment_duration_us = 4 * kUsPerSecond) {
  StreamConfig config;
  config.live = false;
  config.vod_segment_count = segment_count;
  config.segment_duration_us = segment_duration_us;
  config.size_jitter_ratio = 0.0;
  return config;
}

/// A live stream whose segment 0 starts encoding at `live_start_us`.
inline StreamConfig LiveStreamConfig(TimeUs live_start_us = 0,
                                     DurationUs segment_duration_us = 4 * kUsPerSecond) {
  StreamConfig config;
  config.live = true;
  config.live_start_us = live_start_us;
  config.segment_duration_us = segment_duration_us;
  config.playlist_window_segments = 5;
  config.size_jitter_ratio = 0.0;
  return config;
}

/// A player plus the clock that drives it; time only moves when the script says so.
class PlayerHarness {
 public:
  /// Builds the stream from `stream_config` and a player on it with `player_config`.
  PlayerHarness(StreamConfig stream_config, PlayerConfig player_config)
      : stream_(std::move(stream_config)), player_(stream_, player_config) {}

  /// Starts the session at `now_us` with the playhead at `start_seq`.
  void StartAt(TimeUs now_us, SegmentSeq start_seq = 0) {
    now_us_ = now_us;
    player_.Start(now_us, start_seq);
  }
  /// Moves the clock to `now_us` and tells the player.
  void AdvanceTo(TimeUs now_us) {
    now_us_ = now_us;
    player_.AdvanceTo(now_us);
  }
  /// Moves the clock to `now_us`, then delivers segment `seq` at rendition `rendition`.
  void ArriveAt(TimeUs now_us, SegmentSeq seq, RenditionIndex rendition = 0) {
    AdvanceTo(now_us);
    player_.OnSegmentBuffered(now_us, SegmentKey{rendition, seq});
  }
  /// Current fake time in microseconds.
  TimeUs now_us() const { return now_us_; }
  /// The player under test.
  Player& player() { return player_; }
  /// The stream it plays.
  const Stream& stream() const { return stream_; }

 private:
  Stream stream_;
  Player player_;
  TimeUs now_us_ = 0;
};

}  // namespace cdnmesh::testing
