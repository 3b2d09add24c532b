// Everything a viewer's client runs with: scheduler, player, ABR and mesh settings. The
// distributor tunes it per viewer and sends it whole in ConfigResponse; the client runs on the
// built-in defaults until that answer arrives.
#pragma once

#include "core/common/result.h"
#include "core/common/time.h"
#include "core/player/abr.h"
#include "core/player/player.h"
#include "core/scheduler/scheduler_config.h"

namespace cdnmesh {

/// ABR policies a client can run. Values are wire codes: never renumber.
enum class AbrKind : std::uint8_t {
  kThroughput = 0,  ///< hls.js-style EWMA of measured throughput
  kBuffer = 1,      ///< BBA-0 buffer-based
};
/// Number of AbrKind values.
inline constexpr int kAbrKindCount = 2;

/// The whole client configuration. Defaults are the built-in ones a client starts with.
struct ClientConfig {
  SchedulerConfig scheduler;
  PlayerConfig player;
  AbrKind abr = AbrKind::kThroughput;
  ThroughputAbrConfig throughput_abr;
  BufferAbrConfig buffer_abr;
  /// Peer connections the client keeps open at most, dialled and accepted together.
  int max_connections = 20;
  /// A connection set-up (offer to open channel) not finished after this long is given up.
  DurationUs connect_timeout_us = 10 * kUsPerSecond;
  /// Live: how often the client reloads the playlist (hls.js reloads about every target
  /// duration).
  DurationUs playlist_reload_interval_us = 4 * kUsPerSecond;
};

/// Checks every part; the error names the offending field.
Status ValidateClientConfig(const ClientConfig& config);

}  // namespace cdnmesh
