// Configuration of one viewer's client: scheduler, player, ABR and P2P participation. The
// distributor may hand different viewers different PeerConfigs (overrides by device or ISP).
#pragma once

#include "core/player/abr.h"
#include "core/player/player.h"
#include "core/scheduler/scheduler_config.h"

namespace cdnmesh {

/// ABR policies a scenario can choose.
enum class AbrKind {
  kThroughput,  ///< hls.js-style EWMA of measured throughput
  kBuffer,      ///< BBA-0 buffer-based
};

/// Everything a viewer's client is configured with.
struct PeerConfig {
  SchedulerConfig scheduler;
  PlayerConfig player;
  AbrKind abr = AbrKind::kThroughput;
  ThroughputAbrConfig throughput_abr;
  BufferAbrConfig buffer_abr;
  /// Peer connections the client keeps open at most (new tracker candidates fill free slots).
  int max_connections = 20;
};

}  // namespace cdnmesh
