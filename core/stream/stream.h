// A video stream: its bitrate ladder, its segments (duration, size per rendition) and, for live
// streams, the live edge and playlist window as functions of time.
#pragma once

#include <cstdint>
#include <vector>

#include "core/common/result.h"
#include "core/common/time.h"
#include "core/common/types.h"

namespace cdnmesh {

/// One rung of the bitrate ladder.
struct Rendition {
  std::int64_t bitrate_bps = 0;  ///< average encoded bitrate
  int height_px = 0;             ///< vertical resolution (informational)
};

/// Static description of a stream. Defaults: a 3-rung live ladder with 4 s segments.
struct StreamConfig {
  ContentId content = 0;
  /// Renditions in strictly ascending bitrate.
  std::vector<Rendition> ladder = {{800'000, 360}, {2'500'000, 720}, {5'000'000, 1080}};
  DurationUs segment_duration_us = 4 * kUsPerSecond;
  /// Segment sizes are uniform in bitrate*duration*(1 +/- size_jitter_ratio); 0 = constant.
  double size_jitter_ratio = 0.2;
  /// Seed of the deterministic per-segment size draw.
  std::uint64_t size_seed = 1;
  bool live = true;
  /// Live: the time at which segment 0 starts to be encoded (it is available one duration later).
  TimeUs live_start_us = 0;
  /// Live: number of segments listed in the playlist (older ones are gone from the CDN).
  int playlist_window_segments = 10;
  /// VOD: number of segments in the title.
  SegmentSeq vod_segment_count = 0;
};

/// Checks a StreamConfig; the error names the offending field.
Status ValidateStreamConfig(const StreamConfig& config);

/// Read-only view of a stream answering questions about segments at a given time.
class Stream {
 public:
  /// `config` must pass ValidateStreamConfig.
  explicit Stream(StreamConfig config);

  /// The static description.
  const StreamConfig& config() const { return config_; }
  /// Number of renditions in the ladder.
  int rendition_count() const { return static_cast<int>(config_.ladder.size()); }
  /// Bitrate of a rendition in bits per second.
  std::int64_t bitrate_bps(RenditionIndex r) const { return config_.ladder[r].bitrate_bps; }
  /// Duration of every segment.
  DurationUs segment_duration_us() const { return config_.segment_duration_us; }
  /// True for a live stream.
  bool live() const { return config_.live; }

  /// Size in bytes of a segment; deterministic in (size_seed, rendition, seq).
  std::int64_t SegmentSizeBytes(SegmentKey key) const;
  /// Newest segment fully available at `now_us`, or -1 if none yet. VOD: the last segment.
  SegmentSeq LastAvailable(TimeUs now_us) const;
  /// Oldest segment still listed at `now_us` (live: playlist window; VOD: 0).
  SegmentSeq FirstAvailable(TimeUs now_us) const;
  /// True when `seq` can be fetched from the CDN at `now_us`.
  bool IsAvailable(SegmentSeq seq, TimeUs now_us) const;
  /// Live: time at which `seq` becomes available. VOD: always 0 (the epoch).
  TimeUs AvailableAtUs(SegmentSeq seq) const;
  /// One past the last segment of a VOD title; for live, effectively unbounded.
  SegmentSeq EndSeq() const;
  /// Media time at which `seq` starts.
  DurationUs MediaStartUs(SegmentSeq seq) const { return seq * config_.segment_duration_us; }

 private:
  StreamConfig config_;
};

}  // namespace cdnmesh
