// What a viewer host shares with every other: the mesh network (directory, messages, channels,
// streams), the services and the record sink. Non-owning; the world that builds the run owns
// them all and outlives the viewers.
#pragma once

#include <cstdint>

#include "core/common/types.h"
#include "core/stream/stream.h"
#include "models/peer/failure-config.h"
#include "models/topology/topology.h"

namespace cdnmesh {

class MeshNetwork;
class Packager;
class ServiceHost;
struct PeerIdentity;
struct PeerRecord;

/// Receives the record of each viewer when its session ends.
class PeerRecordSink {
 public:
  virtual ~PeerRecordSink() = default;
  /// `record` describes a finished session (the viewer is about to be destroyed).
  virtual void OnPeerFinished(const PeerRecord& record) = 0;
  /// Viewer `who` completed segment `key` (`size_bytes`) at `now_us` (for bounds; optional).
  virtual void OnSegmentStored(const PeerIdentity& /*who*/, SegmentKey /*key*/,
                               std::int64_t /*size_bytes*/, TimeUs /*now_us*/) {}
};

/// The run's shared parts, handed to every viewer host.
struct PeerContext {
  MeshNetwork* mesh = nullptr;
  ServiceHost* services = nullptr;
  const Packager* packager = nullptr;
  PeerRecordSink* records = nullptr;
  /// The speed test's error e (factor uniform in [1 - e, 1 + e]); negative: no speed test.
  double uplink_speed_test_error = -1;
  /// Silent departures, stalls and background uploads (nullptr: none of them).
  const FailureConfig* failures = nullptr;
  /// Where the failures are counted (nullptr: not counted).
  FailureStats* failure_stats = nullptr;
};

/// Who a viewer is: identity, what it watches, where it sits in the network.
struct PeerIdentity {
  PeerId id = kInvalidPeer;
  DeviceClass device = DeviceClass::kDesktop;
  NatType nat = NatType::kOpen;
  ContentId content = 0;
  TimeUs join_us = 0;
  /// VOD: media position to start from (rounded down to a segment).
  DurationUs vod_start_media_us = 0;
  ViewerAttachment net;
};

}  // namespace cdnmesh
