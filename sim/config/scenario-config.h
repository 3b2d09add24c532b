// The typed scenario: everything a run needs, produced from a YAML file (or a Python dict) by
// the schema in sim/config/schema.h. Times are integer microseconds, rates bits per second.
#pragma once

#include <cstdint>
#include <string>

#include "core/common/time.h"
#include "core/stream/stream.h"
#include "models/audience/audience-config.h"
#include "models/distributor/distributor-config.h"
#include "models/network/packet-config.h"
#include "models/peer/failure-config.h"
#include "models/peer/peer-config.h"
#include "models/topology/topology-config.h"
#include "models/tracker/tracker-config.h"

namespace cdnmesh {

/// Run-level settings.
struct RunConfig {
  std::uint64_t seed = 1;
  /// Simulated time of the run.
  DurationUs duration_us = 600 * kUsPerSecond;
  /// Width of a timeseries.csv row.
  DurationUs timeseries_interval_us = 10 * kUsPerSecond;
  /// Live: how long the stream has been on air when the run starts (the live edge at t = 0).
  DurationUs live_on_air_us = 60 * kUsPerSecond;
  /// Round-trip every protocol message through the binary codec (checks the encoding; slower).
  bool encode_messages = false;
};

/// The measurement window every summary metric is computed over.
struct MetricsConfig {
  /// Start of the window: what happens before it (a flash crowd's warm-up) is left out.
  DurationUs warmup_us = 0;
  /// Length of the window; 0 = until the end of the run.
  DurationUs window_us = 0;
};

/// Stream settings shared by every title of the catalog (each title gets its own size seed).
struct StreamSection {
  StreamConfig stream;
  /// VOD: length of each title.
  DurationUs vod_duration_us = 3600 * kUsPerSecond;
  /// Live: encoding and packaging time between a segment's end and its publication.
  DurationUs packaging_delay_us = 1 * kUsPerSecond;
  /// Live: time for a published segment (and the playlist listing it) to reach the CDN edge.
  DurationUs cdn_propagation_us = 500 * kUsPerMs;
};

/// A whole scenario.
struct ScenarioConfig {
  std::string name = "scenario";
  RunConfig run;
  MetricsConfig metrics;
  StreamSection stream;
  AudienceConfig audience;
  TopologyConfig topology;
  /// Network fidelity (flow or packet) and packet-level knobs.
  NetworkConfig network;
  /// Base client config; `peer.scheduler.p2p_enabled` false makes the run CDN-only.
  PeerConfig peer;
  TrackerConfig tracker;
  SignalingConfig signaling;
  DistributorConfig distributor;
  /// Silent departures, uploader stalls, background uploads.
  FailureConfig failures;
};

/// The scenario's stream with its derived fields filled in: the VOD segment count (the title's
/// duration rounded up to whole segments) and the live start (on air `live_on_air_us` at t = 0).
inline StreamConfig DerivedStreamConfig(const ScenarioConfig& c) {
  StreamConfig stream = c.stream.stream;
  const DurationUs segment_us = stream.segment_duration_us;
  if (segment_us > 0) {
    stream.vod_segment_count = (c.stream.vod_duration_us + segment_us - 1) / segment_us;
  }
  stream.live_start_us = -c.run.live_on_air_us;
  return stream;
}

}  // namespace cdnmesh
