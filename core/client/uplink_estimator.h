// The client's estimate of its own upload capacity, learnt from the uploads it served: each
// finished upload gives its rate times the mean number of uploads that shared the uplink with
// it (the aggregate the link sustained; the client says which mean). A sample is a lower bound
// of the capacity (the bottleneck may have been the downloader's side), so the estimate is the
// largest of the host's first guess (a speed test; kUnknownUploadCapacity when there is none)
// and the samples.
#pragma once

#include <cstdint>

#include "core/common/time.h"

namespace cdnmesh {

/// Upload capacity estimate of one client.
class UplinkEstimator {
 public:
  /// `first_guess_bps`: the host's guess, 0 = no uplink, or kUnknownUploadCapacity (-1).
  /// `min_sample_bytes`: uploads smaller than this say too little to count.
  explicit UplinkEstimator(std::int64_t first_guess_bps, std::int64_t min_sample_bytes = 64 * 1024);
  /// An upload of `bytes` ran for `duration_us` while `sharing` uploads (itself included) were
  /// in progress on average.
  void OnUploadSample(std::int64_t bytes, DurationUs duration_us, double sharing);
  /// The estimate, bps (kUnknownUploadCapacity until a guess or a sample; 0 = no uplink).
  std::int64_t estimate_bps() const { return estimate_bps_; }
  /// Samples taken.
  std::int64_t samples() const { return samples_; }

 private:
  std::int64_t estimate_bps_;
  std::int64_t min_sample_bytes_;
  std::int64_t samples_ = 0;
};

}  // namespace cdnmesh
