// A token bucket: `rate_per_s` tokens a second, at most `burst` saved up. Each tracker or
// signaling connection has one, so a client that floods (or announces a false position over and
// over to harvest peer lists) gets no more than its share.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>

#include "core/common/time.h"

namespace cdnmesh::services {

/// Rate limiter over a caller-supplied clock (microseconds). Not thread-safe.
class TokenBucket {
 public:
  /// Starts full. `rate_per_s` > 0, `burst` >= 1.
  TokenBucket(double rate_per_s, double burst, TimeUs now_us)
      : rate_per_us_(rate_per_s / kUsPerSecond), burst_(burst), tokens_(burst), last_us_(now_us) {}

  /// Takes one token if there is one at `now_us`.
  bool TryTake(TimeUs now_us) {
    Refill(now_us);
    if (tokens_ < 1.0) return false;
    tokens_ -= 1.0;
    return true;
  }
  /// Milliseconds until one token is available (0 if one is), rounded up.
  std::uint32_t WaitMs(TimeUs now_us) {
    Refill(now_us);
    if (tokens_ >= 1.0) return 0;
    const double wait_us = (1.0 - tokens_) / rate_per_us_;
    return static_cast<std::uint32_t>(std::min(std::ceil(wait_us / kUsPerMs - 1e-6), 4.0e9));
  }

 private:
  void Refill(TimeUs now_us) {
    if (now_us > last_us_) tokens_ = std::min(burst_, tokens_ + (now_us - last_us_) * rate_per_us_);
    last_us_ = std::max(last_us_, now_us);
  }

  double rate_per_us_;
  double burst_;
  double tokens_;
  TimeUs last_us_;
};

}  // namespace cdnmesh::services
