// Slow-start restart after idle (RFC 5681 section 4.1) for ns-3.37's TCP, which lacks it: a
// connection that sent nothing for more than one RTO starts its next burst from the initial
// window, as Linux does by default (net.ipv4.tcp_slow_start_after_idle = 1) and as SCTP decays
// its window while idle (RFC 4960 section 7.2.1). Without it a persistent connection between
// segment fetches seconds apart would keep the window of the last segment.
#pragma once

#include <ns3/nstime.h>
#include <ns3/ptr.h>
#include <ns3/socket.h>

namespace cdnmesh {

/// If `socket` (a TcpSocketBase) has been idle for `idle` > its RTO and is not recovering from
/// a loss, sets its congestion window to min(cwnd, initial window). Returns whether it did.
bool RestartAfterIdle(const ns3::Ptr<ns3::Socket>& socket, ns3::Time idle);

}  // namespace cdnmesh
