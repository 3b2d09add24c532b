#include "core/stream/stream.h"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <limits>
#include <string>

#include "core/common/random.h"

namespace cdnmesh {

Status ValidateStreamConfig(const StreamConfig& config) {
  if (config.ladder.empty()) return Error{"ladder: at least one rendition is required"};
  if (config.ladder.size() > 64) return Error{"ladder: at most 64 renditions are supported"};
  for (std::size_t i = 0; i < config.ladder.size(); ++i) {
    const auto& r = config.ladder[i];
    if (r.bitrate_bps <= 0) {
      return Error{"ladder[" + std::to_string(i) + "].bitrate_bps: must be > 0"};
    }
    if (i > 0 && r.bitrate_bps <= config.ladder[i - 1].bitrate_bps) {
      return Error{"ladder[" + std::to_string(i) + "].bitrate_bps: must exceed the previous rung"};
    }
  }
  if (config.segment_duration_us <= 0) return Error{"segment_duration_us: must be > 0"};
  if (!(config.size_jitter_ratio >= 0.0 && config.size_jitter_ratio < 1.0)) {
    return Error{"size_jitter_ratio: must be in [0, 1)"};
  }
  if (config.live && config.playlist_window_segments < 1) {
    return Error{"playlist_window_segments: must be >= 1 for a live stream"};
  }
  if (!config.live && config.vod_segment_count < 1) {
    return Error{"vod_segment_count: must be >= 1 for a VOD stream"};
  }
  return {};
}

Stream::Stream(StreamConfig config) : config_(std::move(config)) {
  assert(ValidateStreamConfig(config_).ok());
}

std::int64_t Stream::SegmentSizeBytes(SegmentKey key) const {
  const double nominal_bytes = static_cast<double>(config_.ladder[key.rendition].bitrate_bps) *
                               UsToSeconds(config_.segment_duration_us) / 8.0;
  const double u = BitsToUnitDouble(
      HashKeys(config_.size_seed, key.rendition, static_cast<std::uint64_t>(key.seq)));
  const double factor = 1.0 + config_.size_jitter_ratio * (2.0 * u - 1.0);
  return std::max<std::int64_t>(1, std::llround(nominal_bytes * factor));
}

SegmentSeq Stream::LastAvailable(TimeUs now_us) const {
  if (!config_.live) return config_.vod_segment_count - 1;
  if (now_us < config_.live_start_us) return -1;
  // Segment s is complete at live_start + (s + 1) * duration.
  return (now_us - config_.live_start_us) / config_.segment_duration_us - 1;
}

SegmentSeq Stream::FirstAvailable(TimeUs now_us) const {
  if (!config_.live) return 0;
  return std::max<SegmentSeq>(0, LastAvailable(now_us) - config_.playlist_window_segments + 1);
}

bool Stream::IsAvailable(SegmentSeq seq, TimeUs now_us) const {
  return seq >= FirstAvailable(now_us) && seq <= LastAvailable(now_us) && seq >= 0;
}

TimeUs Stream::AvailableAtUs(SegmentSeq seq) const {
  if (!config_.live) return 0;
  return config_.live_start_us + (seq + 1) * config_.segment_duration_us;
}

SegmentSeq Stream::EndSeq() const {
  return config_.live ? std::numeric_limits<SegmentSeq>::max() : config_.vod_segment_count;
}

}  // namespace cdnmesh
