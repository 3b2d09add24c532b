// Adaptive bitrate: one interface, two policies (throughput EWMA in the manner of hls.js, and
// buffer-based in the manner of BBA).
#pragma once

#include <cstdint>
#include <memory>

#include "core/common/result.h"
#include "core/common/time.h"
#include "core/common/types.h"
#include "core/stream/stream.h"

namespace cdnmesh {

/// What an ABR policy sees when asked for the next segment's rendition.
struct AbrContext {
  TimeUs now_us = 0;
  DurationUs buffer_ahead_us = 0;  ///< contiguous buffered media ahead of the playhead
  RenditionIndex current = 0;      ///< rendition of the last requested segment
};

/// An ABR policy. Owned by the viewer's session; deterministic, no clock, no randomness.
class AbrPolicy {
 public:
  virtual ~AbrPolicy() = default;
  /// A completed download of `bytes` that took `duration_us` (request to last byte).
  virtual void OnDownloadSample(TimeUs now_us, std::int64_t bytes, DurationUs duration_us) = 0;
  /// The rendition to request next.
  virtual RenditionIndex ChooseRendition(const AbrContext& context) = 0;
  /// The current bandwidth estimate in bits per second (policy-specific; 0 if none).
  virtual std::int64_t EstimatedThroughputBps() const = 0;
};

/// Throughput policy settings (defaults follow hls.js).
struct ThroughputAbrConfig {
  double fast_half_life_s = 3.0;                ///< fast EWMA half-life, in seconds of download
  double slow_half_life_s = 9.0;                ///< slow EWMA half-life
  std::int64_t default_estimate_bps = 500'000;  ///< estimate before enough samples
  double min_sample_weight_s = 0.001;           ///< download time until the estimate is trusted
  double bandwidth_factor = 0.95;               ///< safety factor to stay on / go down
  double bandwidth_up_factor = 0.7;             ///< safety factor to switch up
};

/// Buffer-based policy settings (BBA-0: linear map from buffer level to bitrate).
struct BufferAbrConfig {
  DurationUs reservoir_us = 8 * kUsPerSecond;  ///< below: lowest rendition
  DurationUs cushion_us = 16 * kUsPerSecond;   ///< reservoir + cushion and above: highest
};

/// Checks throughput policy settings; the error names the offending field.
Status ValidateThroughputAbrConfig(const ThroughputAbrConfig& config);
/// Checks buffer-based policy settings; the error names the offending field.
Status ValidateBufferAbrConfig(const BufferAbrConfig& config);

/// Creates the hls.js-style throughput policy for `stream` (which must outlive it).
std::unique_ptr<AbrPolicy> MakeThroughputAbr(const Stream& stream, ThroughputAbrConfig config);
/// Creates the buffer-based policy for `stream` (which must outlive it).
std::unique_ptr<AbrPolicy> MakeBufferAbr(const Stream& stream, BufferAbrConfig config);

}  // namespace cdnmesh
