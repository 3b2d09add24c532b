// Throughput ABR in the manner of hls.js: two EWMAs of measured throughput (fast and slow
// half-lives, each sample weighted by its download time in seconds), the lower of the two as the
// estimate, and a safety factor that is stricter for switching up than for staying or going down.
#include <algorithm>
#include <cassert>
#include <cmath>
#include <memory>

#include "core/player/abr.h"

namespace cdnmesh {
namespace {

// Downloads reported as faster than this are treated as taking this long, as hls.js does: a tiny
// download says little about the path (and no division by zero).
constexpr DurationUs kMinSampleDurationUs = 50 * kUsPerMs;

// An exponentially weighted moving average whose sample weight is a duration in seconds; the
// estimate is corrected for the bias of starting from zero.
class Ewma {
 public:
  explicit Ewma(double half_life_s) : alpha_(std::exp(std::log(0.5) / half_life_s)) {}

  void Sample(double weight_s, double value) {
    const double keep = std::pow(alpha_, weight_s);
    estimate_ = value * (1.0 - keep) + keep * estimate_;
    total_weight_s_ += weight_s;
  }
  double Estimate() const {
    const double zero_factor = 1.0 - std::pow(alpha_, total_weight_s_);
    return zero_factor > 0.0 ? estimate_ / zero_factor : 0.0;
  }
  double total_weight_s() const { return total_weight_s_; }

 private:
  double alpha_;
  double estimate_ = 0.0;
  double total_weight_s_ = 0.0;
};

class ThroughputAbr final : public AbrPolicy {
 public:
  ThroughputAbr(const Stream& stream, ThroughputAbrConfig config)
      : stream_(stream),
        config_(config),
        fast_(config.fast_half_life_s),
        slow_(config.slow_half_life_s) {}

  void OnDownloadSample(TimeUs /*now_us*/, std::int64_t bytes, DurationUs duration_us) override {
    if (bytes <= 0) return;
    const double duration_s = UsToSeconds(std::max(duration_us, kMinSampleDurationUs));
    const double throughput_bps = 8.0 * static_cast<double>(bytes) / duration_s;
    fast_.Sample(duration_s, throughput_bps);
    slow_.Sample(duration_s, throughput_bps);
  }

  RenditionIndex ChooseRendition(const AbrContext& context) override {
    assert(context.current < stream_.rendition_count());
    const double estimate_bps = EstimateBps();
    for (int r = stream_.rendition_count() - 1; r > 0; --r) {
      const double factor =
          r > context.current ? config_.bandwidth_up_factor : config_.bandwidth_factor;
      const auto rendition = static_cast<RenditionIndex>(r);
      if (static_cast<double>(stream_.bitrate_bps(rendition)) <= estimate_bps * factor) {
        return rendition;
      }
    }
    return 0;
  }

  std::int64_t EstimatedThroughputBps() const override { return std::llround(EstimateBps()); }

 private:
  double EstimateBps() const {
    if (fast_.total_weight_s() < config_.min_sample_weight_s) {
      return static_cast<double>(config_.default_estimate_bps);
    }
    return std::min(fast_.Estimate(), slow_.Estimate());
  }

  const Stream& stream_;
  ThroughputAbrConfig config_;
  Ewma fast_;
  Ewma slow_;
};

}  // namespace

Status ValidateThroughputAbrConfig(const ThroughputAbrConfig& config) {
  // Written as !(x > 0) so that NaN is rejected too.
  if (!(config.fast_half_life_s > 0.0) || std::isinf(config.fast_half_life_s)) {
    return Error{"fast_half_life_s: must be a finite number > 0"};
  }
  if (!(config.slow_half_life_s > 0.0) || std::isinf(config.slow_half_life_s)) {
    return Error{"slow_half_life_s: must be a finite number > 0"};
  }
  if (config.default_estimate_bps <= 0) return Error{"default_estimate_bps: must be > 0"};
  if (!(config.min_sample_weight_s >= 0.0) || std::isinf(config.min_sample_weight_s)) {
    return Error{"min_sample_weight_s: must be a finite number >= 0"};
  }
  if (!(config.bandwidth_factor > 0.0 && config.bandwidth_factor <= 1.0)) {
    return Error{"bandwidth_factor: must be in (0, 1]"};
  }
  if (!(config.bandwidth_up_factor > 0.0 && config.bandwidth_up_factor <= 1.0)) {
    return Error{"bandwidth_up_factor: must be in (0, 1]"};
  }
  return {};
}

std::unique_ptr<AbrPolicy> MakeThroughputAbr(const Stream& stream, ThroughputAbrConfig config) {
  assert(ValidateThroughputAbrConfig(config).ok());
  return std::make_unique<ThroughputAbr>(stream, config);
}

}  // namespace cdnmesh
