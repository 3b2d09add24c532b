// The network between viewers as the simulator sees it: the directory of live viewer hosts,
// protocol messages delivered after the one-way latency of their path, WebRTC channels (set up
// by the traversal model, closed by either side, the other side learning it after the latency)
// and the segment streams peers send each other, carried as flows on the flow network. It never
// touches a viewer's client: it calls the viewer's host, which turns events into client inputs.
#pragma once

#include <cstdint>
#include <vector>

#include "core/client/client_action.h"
#include "core/protocol/message.h"
#include "models/network/transport.h"
#include "models/signaling/signaling.h"
#include "models/topology/topology.h"

namespace cdnmesh {

class PeerApp;
class ServiceHost;

/// Index of a peer-to-peer segment stream.
using StreamId = std::uint32_t;
inline constexpr StreamId kInvalidStream = 0xFFFFFFFFu;

/// Counters of the messages the network carried.
struct MeshStats {
  std::uint64_t peer_messages = 0;     ///< messages between viewers
  std::uint64_t service_messages = 0;  ///< messages between viewers and services
  std::uint64_t dropped_messages = 0;  ///< arrived after the channel or the viewer was gone
  std::uint64_t encoded_bytes = 0;     ///< bytes of every message encoded (encode_messages)
  std::uint64_t codec_mismatches = 0;  ///< messages that did not decode to themselves
};

/// The viewers' network. One per run; owns nothing but its own bookkeeping.
class MeshNetwork : public TransferSink {
 public:
  /// All must outlive the mesh. `encode_messages`: round-trip every message through the codec.
  MeshNetwork(Transport* transport, Topology* topology, Signaling* traversal,
              int request_round_trips, bool encode_messages);
  /// The services viewers talk to (set once, before the first viewer).
  void SetServices(ServiceHost* services) { services_ = services; }
  ServiceHost* services() const { return services_; }

  // --- Directory -----------------------------------------------------------------------------
  /// Registers a live viewer under its id (ids are dense).
  void Add(PeerApp* peer);
  /// Unregisters viewer `id` (it left).
  void Remove(PeerId id);
  /// The live viewer `id`, or nullptr.
  PeerApp* Find(PeerId id) const { return id < peers_.size() ? peers_[id] : nullptr; }
  /// Number of live viewers.
  std::size_t live() const { return live_; }
  /// Every slot (nullptr for departed ids); for sampling metrics.
  const std::vector<PeerApp*>& all() const { return peers_; }

  // --- Messages ------------------------------------------------------------------------------
  /// `from` sends `message` to `to` over their channel (dropped if it is closed on arrival).
  void SendToPeer(const PeerApp& from, PeerId to, protocol::Message message);
  /// A service answers viewer `to` after `latency_us`.
  void DeliverFromService(PeerId to, EndpointKind from, protocol::Message message,
                          DurationUs latency_us);
  /// With encode_messages: encodes and decodes `message` (counting a mismatch if it does not
  /// come back equal) and leaves the decoded copy in place.
  void Transcode(protocol::Message& message);

  // --- Channels ------------------------------------------------------------------------------
  /// `from` runs ICE and DTLS with `to`, whose NAT its client learnt from the tracker as
  /// `to_nat`; both learn the outcome when set-up ends (a failure when ICE times out; towards a
  /// viewer that left, ICE times out unanswered).
  void Connect(const PeerApp& from, PeerId to, NatType to_nat);
  /// `from` closed its channel with `to`; `to` learns it after the latency.
  void Close(const PeerApp& from, PeerId to);
  /// Viewer `gone` vanished without closing anything (it is already out of the directory): the
  /// `streams` it sent or received stop delivering bytes but stay open, frozen; each viewer it
  /// had a channel or a stream with learns the channel is dead `dead_after_us` later, through
  /// the channel-closed input, and its streams with `gone` end then.
  void Vanish(PeerId gone, const std::vector<StreamId>& streams,
              const std::vector<PeerId>& channels, DurationUs dead_after_us);

  // --- Segment streams -----------------------------------------------------------------------
  /// `uploader` starts sending `bytes` of `key` to `downloader` as its upload `upload`, of
  /// which it has `ready_bytes` now (a relayed segment still arriving: ExtendStream sends the
  /// rest as it comes); each byte arrives the one-way latency after it is sent.
  /// kInvalidStream if the downloader is gone.
  StreamId StartStream(PeerApp& uploader, PeerId downloader, UploadRequestId upload,
                       SegmentKey key, std::int64_t bytes, std::int64_t ready_bytes);
  /// The next `bytes` of a live stream are ready at the uploader: they follow as a flow of
  /// their own on the same path.
  void ExtendStream(StreamId stream, std::int64_t bytes);
  /// Stops a stream; returns the bytes it delivered.
  double StopStream(StreamId stream);
  /// Bytes a live stream delivered so far (0 for a stopped one).
  double StreamBytes(StreamId stream) const;
  /// Whether `stream` is open (observation).
  bool StreamAlive(StreamId stream) const { return streams_[stream].alive; }
  /// The viewer `stream` goes to (observation).
  PeerId StreamDownloader(StreamId stream) const { return streams_[stream].downloader; }
  /// Whether open `stream` is frozen: one end vanished (observation).
  bool StreamFrozen(StreamId stream) const { return streams_[stream].frozen; }
  /// The open streams `uploader` sends (observation and tests: scans every stream).
  std::vector<StreamId> StreamsFrom(PeerId uploader) const;

  /// TransferSink: a stream's last byte arrived.
  void OnTransferComplete(TransferHandle handle, std::uint64_t cookie) override;
  /// TransferSink: a stream's connection broke; both ends see it stop.
  void OnTransferFailed(TransferHandle handle, std::uint64_t cookie, double bytes) override;

  /// Message counters.
  const MeshStats& stats() const { return stats_; }
  /// Round trips before a transfer's first byte (CDN requests).
  int request_round_trips() const { return request_round_trips_; }
  /// The network transport (flow or packet fidelity).
  Transport& transport() const { return *transport_; }
  /// The topology.
  Topology& topology() const { return *topology_; }

 private:
  /// One flow of a stream: the whole stream, or one relayed step of it.
  struct StreamFlow {
    TransferHandle handle;
    std::int64_t bytes;
  };
  struct Stream {
    PeerId uploader = kInvalidPeer;
    PeerId downloader = kInvalidPeer;
    UploadRequestId upload = 0;
    std::int64_t size_bytes = 0;    ///< the whole stream
    std::int64_t queued_bytes = 0;  ///< handed to flows so far
    double ended_bytes = 0;         ///< delivered by flows that completed
    std::vector<StreamFlow> flows;  ///< live flows (one, unless relaying)
    std::vector<LinkId> path;       ///< uploader -> downloader, fixed at the start
    const ViewerAttachment* sender = nullptr;    ///< the uploader's attachment
    const ViewerAttachment* receiver = nullptr;  ///< the downloader's attachment
    BitsPerSecond cap_bps = kUnlimited;          ///< per-flow cap of the path
    DurationUs latency_us = 0;                   ///< one-way latency of the path
    std::uint32_t generation = 0;  ///< bumped at each start: tells a reused id from its past
    bool alive = false;
    bool frozen = false;  ///< one end vanished: no bytes flow, nobody is told (until it is dead)
  };
  /// A frozen stream as a dead-channel event knows it.
  struct FrozenRef {
    StreamId id;
    std::uint32_t generation;
  };
  void EndSetup(PeerId a, PeerId b, std::uint64_t setup, ConnectOutcome outcome);
  void StartFlow(StreamId id, std::int64_t bytes);
  double CancelFlows(Stream& s);
  DurationUs LatencyUs(const PeerApp& a, const PeerApp& b) const;
  void EndStream(StreamId id, double bytes, bool complete);
  StreamId NewStream();
  void Freeze(StreamId id);
  void EndFrozen(const FrozenRef& ref);
  void DeadChannel(PeerId gone, PeerId other, const std::vector<FrozenRef>& streams);
  StreamId StartTowardsVanished(const PeerApp& uploader, PeerId downloader, UploadRequestId upload,
                                std::int64_t bytes);

  Transport* transport_;
  Topology* topology_;
  Signaling* traversal_;
  ServiceHost* services_ = nullptr;
  int request_round_trips_;
  bool encode_messages_;
  std::vector<PeerApp*> peers_;
  std::size_t live_ = 0;
  std::vector<Stream> streams_;
  std::vector<StreamId> free_streams_;
  std::uint64_t setups_started_ = 0;  ///< numbers the connection set-ups
  /// Per viewer id: when the channels of a viewer that vanished go dead (kNever: it did not).
  std::vector<TimeUs> dead_at_us_;
  std::vector<std::uint8_t> frame_;  ///< scratch
  MeshStats stats_;
};

}  // namespace cdnmesh
