// The per-viewer result of a session, written to peers.csv and aggregated into the summary.
#pragma once

#include <cstdint>

#include "core/player/qos.h"
#include "core/scheduler/scheduler_stats.h"
#include "models/peer/peer-context.h"

namespace cdnmesh {

/// One viewer's session as measured at its end.
struct PeerRecord {
  PeerIdentity identity;
  TimeUs leave_us = 0;
  QosRecord qos;
  SchedulerStats stats;
  /// Mean bitrate of the media played, bps (0 if nothing played).
  double mean_bitrate_bps = 0;
  /// Bytes this viewer's uploads delivered (the scheduler's uploaded_bytes counts admissions).
  std::int64_t uploaded_bytes_delivered = 0;
  /// Completed peer bytes that came from a peer of another ISP.
  std::int64_t p2p_cross_isp_bytes = 0;
  /// Connections opened (as initiator or acceptor) and attempts that failed.
  std::int64_t connections_opened = 0;
  std::int64_t connect_failures = 0;
  /// Most simultaneous open connections.
  int max_connections = 0;
  /// Tracker answers received.
  std::int64_t peer_lists = 0;
};

}  // namespace cdnmesh
