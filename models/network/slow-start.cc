#include "models/network/slow-start.h"

#include <algorithm>
#include <cmath>

namespace cdnmesh {

namespace {

struct SlowStartWalk {
  double time_us = 0;
  int rounds = 0;  ///< full round trips waited
};

SlowStartWalk Walk(double size_bytes, double rate_bps, DurationUs rtt_us,
                   const SlowStartParams& params) {
  SlowStartWalk walk;
  if (!(size_bytes > 0) || !(rate_bps > 0)) return walk;
  const double payload_bytes_per_us =
      rate_bps / 8e6 * params.mss_bytes / (params.mss_bytes + kTcpHeaderBytes);
  const double rtt = static_cast<double>(std::max<DurationUs>(0, rtt_us));
  const double bdp_bytes = payload_bytes_per_us * rtt;
  double window = std::max(params.initial_window_bytes, params.mss_bytes);
  const double growth = std::max(params.growth_per_rtt, 1.01);
  double remaining = size_bytes;
  for (int round = 0; round < 64 && remaining > 0 && window < bdp_bytes; ++round) {
    const double sent = std::min(remaining, window);
    remaining -= sent;
    if (remaining > 0) {
      walk.time_us += rtt;
      ++walk.rounds;
    } else {
      walk.time_us += sent / payload_bytes_per_us;
    }
    window *= growth;
  }
  walk.time_us += remaining / payload_bytes_per_us;
  return walk;
}

}  // namespace

double TcpTransferTimeUs(double size_bytes, double rate_bps, DurationUs rtt_us,
                         const SlowStartParams& params) {
  return Walk(size_bytes, rate_bps, rtt_us, params).time_us;
}

int SlowStartRounds(double size_bytes, double rate_bps, DurationUs rtt_us,
                    const SlowStartParams& params) {
  return Walk(size_bytes, rate_bps, rtt_us, params).rounds;
}

DurationUs SlowStartPenaltyUs(double size_bytes, double rate_bps, DurationUs rtt_us,
                              const SlowStartParams& params) {
  if (!(size_bytes > 0) || !(rate_bps > 0)) return 0;
  const double fluid_us = size_bytes * 8e6 / rate_bps;
  const double penalty_us = TcpTransferTimeUs(size_bytes, rate_bps, rtt_us, params) - fluid_us;
  return penalty_us > 0 ? static_cast<DurationUs>(std::llround(penalty_us)) : 0;
}

}  // namespace cdnmesh
