#include "core/client/uplink_estimator.h"

#include <algorithm>

#include "core/scheduler/upload_admission.h"

namespace cdnmesh {
UplinkEstimator::UplinkEstimator(std::int64_t first_guess_bps, std::int64_t min_sample_bytes)
    : estimate_bps_(first_guess_bps), min_sample_bytes_(min_sample_bytes) {}

void UplinkEstimator::OnUploadSample(std::int64_t bytes, DurationUs duration_us, double sharing) {
  if (estimate_bps_ == 0) return;  // no uplink: nothing was uploaded, nothing to learn
  if (bytes < min_sample_bytes_ || duration_us <= 0) return;
  const double sample_bps = static_cast<double>(bytes) * 8e6 / static_cast<double>(duration_us) *
                            std::max(1.0, sharing);
  ++samples_;
  const auto measured = std::max<std::int64_t>(1, static_cast<std::int64_t>(sample_bps));
  // Samples are lower bounds: they raise the estimate (or give the first one), never lower it.
  estimate_bps_ = estimate_bps_ == kUnknownUploadCapacity ? measured
                                                          : std::max(estimate_bps_, measured);
}

}  // namespace cdnmesh
