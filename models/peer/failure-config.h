// Failures a real WebRTC mesh sees beyond clean departures: viewers that vanish without closing
// anything, uploaders that stall, and uplinks shared with the viewer's own other traffic. The
// defaults and where they come from are in docs/model.md ("Failures").
#pragma once

#include <cstdint>

#include "core/common/time.h"

namespace cdnmesh {

/// Episodes of one kind per viewer: off for an exponential time of mean 1 / rate, then on for an
/// exponential time of mean `mean_duration_us`, and so on.
struct EpisodeConfig {
  /// Episodes per viewer-hour (of time off); 0 = never (no event is scheduled).
  double per_hour = 0;
  /// Mean length of an episode.
  DurationUs mean_duration_us = 5 * kUsPerSecond;
};

/// The failures section of a scenario.
struct FailureConfig {
  /// Share of session ends that are silent (crash, killed tab, lost network): the viewer sends
  /// nothing, its channels and service connections just go dead. Decided per viewer from its
  /// seed. 0.1 is an assumption: no published measurement of this share exists.
  double vanish_fraction = 0.1;
  /// How long a viewer with a channel to a vanished one takes to learn it is dead: 30 s,
  /// libwebrtc's DEAD_CONNECTION_RECEIVE_TIMEOUT and the consent expiry of RFC 7675.
  DurationUs dead_channel_timeout_us = 30 * kUsPerSecond;
  /// How long the tracker and the signaling service take to notice a vanished viewer (a
  /// WebSocket that died without a close is noticed by a missed ping or announce): 30 s.
  DurationUs service_detection_us = 30 * kUsPerSecond;
  /// Uploader stalls (background tab throttled, CPU-starved phone): the uplink carries
  /// practically nothing while one lasts.
  EpisodeConfig stall{0, 5 * kUsPerSecond};
  /// The viewer's own other uploads (video calls, cloud backups) taking part of its uplink.
  EpisodeConfig background_upload{0, 120 * kUsPerSecond};
  /// Share of the uplink a background upload takes while it is on, in [0, 1].
  double background_upload_share = 0.5;
};

/// What the failures did in a run (world-wide counters, read by the summary).
struct FailureStats {
  std::uint64_t silent_departures = 0;   ///< sessions that ended without closing
  std::uint64_t uplink_stalls = 0;       ///< stall episodes begun
  std::uint64_t background_uploads = 0;  ///< background upload episodes begun
};

}  // namespace cdnmesh
