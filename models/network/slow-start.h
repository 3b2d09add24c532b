// The flow model's TCP correction (LV08-style, closed form): the time a TCP transfer loses to
// slow start and to header overhead compared with a fluid flow at the same rate. A window of
// `initial_window_bytes` grows by `growth_per_rtt` each round trip until it covers the path's
// bandwidth-delay product; each round below it costs a full RTT; the rest drains at the payload
// rate (rate x mss / (mss + 52): IPv4, TCP and timestamp headers). Pure C++, no ns-3.
#pragma once

#include "core/common/time.h"

namespace cdnmesh {

/// Parameters of one kind of connection.
struct SlowStartParams {
  double initial_window_bytes = 10 * 1448.0;
  double mss_bytes = 1448;
  double growth_per_rtt = 2.0;  ///< 2 with one window increment per acked segment, 1.5 per ACK
};

/// TCP IPv4 header bytes per segment (20 + 20 + 12 of timestamps).
inline constexpr double kTcpHeaderBytes = 52;

/// Time in us to deliver `size_bytes` at `rate_bps` over a path of round trip `rtt_us` with slow
/// start from `params`, counted from the first byte sent to the last byte received minus one
/// way (the flow model's request latency carries the propagation).
double TcpTransferTimeUs(double size_bytes, double rate_bps, DurationUs rtt_us,
                         const SlowStartParams& params);
/// Round trips slow start waits out before the window covers the path (or the transfer ends):
/// the RTTs TcpTransferTimeUs charges.
int SlowStartRounds(double size_bytes, double rate_bps, DurationUs rtt_us,
                    const SlowStartParams& params);
/// TcpTransferTimeUs minus the fluid time size * 8 / rate, at least 0, in whole us.
DurationUs SlowStartPenaltyUs(double size_bytes, double rate_bps, DurationUs rtt_us,
                              const SlowStartParams& params);

}  // namespace cdnmesh
