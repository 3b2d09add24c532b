// What a peer model shares with every other: the network, the services and the directory of
// live peers. Non-owning; the world that builds the run owns them all and outlives the peers.
#pragma once

#include <cstdint>
#include <vector>

#include "core/common/types.h"
#include "core/stream/stream.h"
#include "models/distributor/distributor.h"
#include "models/network/flow-transport.h"
#include "models/signaling/signaling.h"
#include "models/topology/topology.h"
#include "models/tracker/tracker.h"

namespace cdnmesh {

class PeerApp;
struct PeerRecord;

/// Live peers by id (ids are dense: the viewer's index in join order).
class PeerDirectory {
 public:
  /// Registers `peer` under `id`.
  void Add(PeerId id, PeerApp* peer) {
    if (id >= peers_.size()) peers_.resize(id + 1, nullptr);
    peers_[id] = peer;
    ++live_;
  }
  /// Unregisters `id` (it left).
  void Remove(PeerId id) {
    peers_[id] = nullptr;
    --live_;
  }
  /// The live peer `id`, or nullptr if it left (or never joined).
  PeerApp* Find(PeerId id) const { return id < peers_.size() ? peers_[id] : nullptr; }
  /// Number of live peers.
  std::size_t live() const { return live_; }
  /// Every slot (nullptr for departed ids); for sampling metrics.
  const std::vector<PeerApp*>& all() const { return peers_; }

 private:
  std::vector<PeerApp*> peers_;
  std::size_t live_ = 0;
};

/// Receives the record of each viewer when its session ends.
class PeerRecordSink {
 public:
  virtual ~PeerRecordSink() = default;
  /// `record` describes a finished session (the peer is about to be destroyed).
  virtual void OnPeerFinished(const PeerRecord& record) = 0;
};

/// The run's shared services, handed to every peer.
struct PeerContext {
  FlowTransport* transport = nullptr;
  Topology* topology = nullptr;
  Tracker* tracker = nullptr;
  Signaling* signaling = nullptr;
  Distributor* distributor = nullptr;
  PeerDirectory* directory = nullptr;
  PeerRecordSink* records = nullptr;
  /// One-way latency between a viewer and the tracker.
  DurationUs tracker_latency_us = 0;
  /// Round trips before a transfer's first byte (request), see TransportConfig.
  int request_round_trips = 1;
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
