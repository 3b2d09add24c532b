#include "models/peer/mesh-network.h"

#include <algorithm>

#include <ns3/nstime.h>
#include <ns3/simulator.h>

#include "core/protocol/codec.h"
#include "models/peer/peer-app.h"
#include "models/services/service-host.h"

namespace cdnmesh {

MeshNetwork::MeshNetwork(Transport* transport, Topology* topology, Signaling* traversal,
                         int request_round_trips, bool encode_messages)
    : transport_(transport),
      topology_(topology),
      traversal_(traversal),
      request_round_trips_(request_round_trips),
      encode_messages_(encode_messages) {}

void MeshNetwork::Add(PeerApp* peer) {
  const PeerId id = peer->identity().id;
  if (id >= peers_.size()) peers_.resize(id + 1, nullptr);
  peers_[id] = peer;
  ++live_;
}

void MeshNetwork::Remove(PeerId id) {
  peers_[id] = nullptr;
  --live_;
}

DurationUs MeshNetwork::LatencyUs(const PeerApp& a, const PeerApp& b) const {
  return topology_->PeerLatencyUs(a.identity().net, b.identity().net);
}

void MeshNetwork::Transcode(protocol::Message& message) {
  if (!encode_messages_) return;
  frame_.clear();
  if (!protocol::EncodeMessage(message, frame_).ok()) {
    ++stats_.codec_mismatches;  // a message the codec refuses: the client built it wrong
    return;
  }
  stats_.encoded_bytes += frame_.size();
  Result<protocol::Message> decoded = protocol::DecodeMessage(frame_);
  if (!decoded.ok() || !(decoded.value() == message)) {
    ++stats_.codec_mismatches;
    return;
  }
  message = std::move(decoded).value();
}

void MeshNetwork::SendToPeer(const PeerApp& from, PeerId to, protocol::Message message) {
  const PeerApp* target = Find(to);
  if (target == nullptr) {
    ++stats_.dropped_messages;
    return;
  }
  ++stats_.peer_messages;
  Transcode(message);
  const PeerId sender = from.identity().id;
  ns3::Simulator::Schedule(ns3::MicroSeconds(LatencyUs(from, *target)),
                           [this, sender, to, message = std::move(message)] {
                             PeerApp* peer = Find(to);
                             if (peer == nullptr || !peer->HasChannel(sender)) {
                               ++stats_.dropped_messages;
                               return;
                             }
                             peer->ReceiveFromPeer(sender, message);
                           });
}

void MeshNetwork::DeliverFromService(PeerId to, EndpointKind from, protocol::Message message,
                                     DurationUs latency_us) {
  ++stats_.service_messages;
  Transcode(message);
  ns3::Simulator::Schedule(ns3::MicroSeconds(latency_us),
                           [this, to, from, message = std::move(message)] {
                             if (PeerApp* peer = Find(to)) {
                               peer->ReceiveFromService(from, message);
                             } else {
                               ++stats_.dropped_messages;
                             }
                           });
}

// Each set-up has a number both hosts keep, so an outcome that arrives after a client gave up
// (its own connect timeout can be shorter than ICE's) is told to nobody.
void MeshNetwork::Connect(const PeerApp& from, PeerId to, NatType to_nat) {
  const PeerId a = from.identity().id;
  const std::uint64_t setup = ++setups_started_;
  PeerApp* dialler = Find(a);
  PeerApp* other = Find(to);
  if (other == nullptr) {  // ICE checks towards a viewer that left go unanswered
    const ConnectOutcome outcome = traversal_->ConnectToDeparted(from.identity().nat);
    if (dialler != nullptr) dialler->SetupStarted(to, setup);
    ns3::Simulator::Schedule(ns3::MicroSeconds(outcome.setup_us), [this, a, to, setup] {
      if (PeerApp* peer = Find(a)) peer->ConnectFailed(to, setup);
    });
    return;
  }
  const ConnectOutcome outcome =
      traversal_->Connect(from.identity().nat, to_nat, 2 * LatencyUs(from, *other));
  if (dialler != nullptr) dialler->SetupStarted(to, setup);
  // The answering host learns of the set-up as an event after the path's latency (its offer
  // came through the relay before ICE), never by a call from the dialler's instant; the
  // outcome comes after a full ICE round trip, so always after this.
  ns3::Simulator::Schedule(ns3::MicroSeconds(LatencyUs(from, *other)), [this, a, to, setup] {
    if (PeerApp* answerer = Find(to)) answerer->SetupStarted(a, setup);
  });
  ns3::Simulator::Schedule(ns3::MicroSeconds(outcome.setup_us),
                           [this, a, to, setup, outcome] { EndSetup(a, to, setup, outcome); });
}

// Both ends open at once; a failure reaches each end still there. When one end left during a
// set-up that was succeeding, the other learns it only when ICE times out.
void MeshNetwork::EndSetup(PeerId a, PeerId b, std::uint64_t setup, ConnectOutcome outcome) {
  PeerApp* pa = Find(a);
  PeerApp* pb = Find(b);
  const bool ok = outcome.failure == ConnectFailure::kNone;
  if (ok && pa != nullptr && pb != nullptr) {
    pa->ChannelOpened(b, setup);
    pb->ChannelOpened(a, setup);
    return;
  }
  const DurationUs wait_us =
      ok ? std::max<DurationUs>(0, outcome.failure_us - outcome.setup_us) : 0;
  if (ok && (pa != nullptr || pb != nullptr)) traversal_->NoteDepartedDuringSetup();
  if (wait_us > 0) {
    ns3::Simulator::Schedule(ns3::MicroSeconds(wait_us), [this, a, b, setup] {
      if (PeerApp* p = Find(a)) p->ConnectFailed(b, setup);
      if (PeerApp* p = Find(b)) p->ConnectFailed(a, setup);
    });
    return;
  }
  if (pa != nullptr) pa->ConnectFailed(b, setup);
  if (pb != nullptr) pb->ConnectFailed(a, setup);
}

void MeshNetwork::Close(const PeerApp& from, PeerId to) {
  const PeerApp* other = Find(to);
  if (other == nullptr) return;
  const PeerId sender = from.identity().id;
  ns3::Simulator::Schedule(ns3::MicroSeconds(LatencyUs(from, *other)), [this, sender, to] {
    if (PeerApp* peer = Find(to)) peer->ChannelClosedBy(sender);
  });
}

StreamId MeshNetwork::NewStream() {
  StreamId id;
  if (!free_streams_.empty()) {
    id = free_streams_.back();
    free_streams_.pop_back();
  } else {
    id = static_cast<StreamId>(streams_.size());
    streams_.emplace_back();
  }
  Stream& s = streams_[id];
  ++s.generation;
  s.queued_bytes = 0;
  s.ended_bytes = 0;
  s.flows.clear();
  s.alive = true;
  s.frozen = false;
  return id;
}

StreamId MeshNetwork::StartStream(PeerApp& uploader, PeerId downloader, UploadRequestId upload,
                                  SegmentKey key, std::int64_t bytes, std::int64_t ready_bytes) {
  PeerApp* target = Find(downloader);
  if (target == nullptr) return StartTowardsVanished(uploader, downloader, upload, bytes);
  const StreamId id = NewStream();
  // The path is fixed for the stream's life (it stops when either viewer leaves): every flow of
  // it, the whole stream or a relayed step, starts from what is kept here.
  const ViewerAttachment& from = uploader.identity().net;
  const ViewerAttachment& to = target->identity().net;
  Stream& s = streams_[id];
  topology_->PeerPath(from, to, &s.path);
  s.sender = &from;
  s.receiver = &to;
  s.cap_bps = topology_->PeerFlowCapBps(from, to);
  s.latency_us = LatencyUs(uploader, *target);
  s.uploader = uploader.identity().id;
  s.downloader = downloader;
  s.upload = upload;
  s.size_bytes = bytes;
  target->IncomingStream(s.uploader, key, id, bytes);
  if (ready_bytes > 0) StartFlow(id, ready_bytes);
  return id;
}

void MeshNetwork::ExtendStream(StreamId stream, std::int64_t bytes) {
  const Stream& s = streams_[stream];
  if (s.alive && !s.frozen && bytes > 0) StartFlow(stream, bytes);
}

void MeshNetwork::StartFlow(StreamId id, std::int64_t bytes) {
  Stream& s = streams_[id];
  bytes = std::min(bytes, s.size_bytes - s.queued_bytes);
  if (bytes <= 0) return;
  TransferSpec spec;
  spec.kind = TransferKind::kPeer;
  spec.receiver = s.receiver;
  spec.sender = s.sender;
  spec.path = &s.path;
  spec.size_bytes = bytes;
  spec.cap_bps = s.cap_bps;
  spec.request_latency_us = s.latency_us;
  spec.path_latency_us = spec.request_latency_us;
  spec.rtt_us = 2 * spec.request_latency_us;
  s.queued_bytes += bytes;
  s.flows.push_back(StreamFlow{transport_->Start(spec, this, id), bytes});
}

double MeshNetwork::StreamBytes(StreamId stream) const {
  const Stream& s = streams_[stream];
  if (!s.alive) return 0.0;
  double bytes = s.ended_bytes;
  for (const StreamFlow& f : s.flows) bytes += transport_->BytesDelivered(f.handle);
  return bytes;
}

std::vector<StreamId> MeshNetwork::StreamsFrom(PeerId uploader) const {
  std::vector<StreamId> out;
  for (StreamId id = 0; id < streams_.size(); ++id) {
    if (streams_[id].alive && streams_[id].uploader == uploader) out.push_back(id);
  }
  return out;
}

double MeshNetwork::CancelFlows(Stream& s) {
  double bytes = s.ended_bytes;
  for (const StreamFlow& f : s.flows) bytes += transport_->Cancel(f.handle);
  s.flows.clear();
  return bytes;
}

double MeshNetwork::StopStream(StreamId stream) {
  Stream& s = streams_[stream];
  if (!s.alive) return 0.0;
  const double bytes = CancelFlows(s);
  EndStream(stream, bytes, /*complete=*/false);
  return bytes;
}

void MeshNetwork::OnTransferComplete(TransferHandle handle, std::uint64_t cookie) {
  const auto stream = static_cast<StreamId>(cookie);
  Stream& s = streams_[stream];
  if (!s.alive) return;
  auto flow = std::find_if(s.flows.begin(), s.flows.end(),
                           [handle](const StreamFlow& f) { return f.handle == handle; });
  if (flow == s.flows.end()) return;
  s.ended_bytes += static_cast<double>(flow->bytes);
  s.flows.erase(flow);
  if (s.ended_bytes >= static_cast<double>(s.size_bytes)) {
    EndStream(stream, static_cast<double>(s.size_bytes), /*complete=*/true);
  } else if (PeerApp* d = Find(s.downloader)) {
    d->StreamAdvanced();  // a relayed step arrived: the downloader may relay it on
  }
}

void MeshNetwork::OnTransferFailed(TransferHandle handle, std::uint64_t cookie, double bytes) {
  const auto stream = static_cast<StreamId>(cookie);
  Stream& s = streams_[stream];
  if (!s.alive) return;
  s.flows.erase(std::remove_if(s.flows.begin(), s.flows.end(),
                               [handle](const StreamFlow& f) { return f.handle == handle; }),
                s.flows.end());
  EndStream(stream, CancelFlows(s) + bytes, /*complete=*/false);
}

// Frees the stream; both hosts learn that the flow is gone (each end sees it stop).
void MeshNetwork::EndStream(StreamId id, double bytes, bool complete) {
  Stream& s = streams_[id];
  const PeerId uploader = s.uploader;
  const PeerId downloader = s.downloader;
  const UploadRequestId upload = s.upload;
  s.alive = false;
  free_streams_.push_back(id);
  if (PeerApp* d = Find(downloader)) d->StreamEnded(id, bytes, complete);
  if (PeerApp* u = Find(uploader)) u->UploadStreamEnded(upload, bytes);
}

// --- Viewers that vanish ----------------------------------------------------------------------

void MeshNetwork::Vanish(PeerId gone, const std::vector<StreamId>& streams,
                         const std::vector<PeerId>& channels, DurationUs dead_after_us) {
  if (gone >= dead_at_us_.size()) dead_at_us_.resize(gone + 1, kNever);
  dead_at_us_[gone] = ns3::Simulator::Now().GetMicroSeconds() + dead_after_us;
  // Everyone it had a channel or a stream with, each with its frozen streams.
  std::vector<std::pair<PeerId, std::vector<FrozenRef>>> ends;
  const auto end_of = [&ends](PeerId other) -> std::vector<FrozenRef>& {
    for (auto& entry : ends) {
      if (entry.first == other) return entry.second;
    }
    ends.emplace_back(other, std::vector<FrozenRef>{});
    return ends.back().second;
  };
  for (const PeerId other : channels) end_of(other);
  for (const StreamId id : streams) {
    Stream& s = streams_[id];
    if (!s.alive || s.frozen) continue;
    Freeze(id);
    end_of(s.uploader == gone ? s.downloader : s.uploader).push_back({id, s.generation});
  }
  for (auto& [other, frozen] : ends) {
    ns3::Simulator::Schedule(ns3::MicroSeconds(dead_after_us),
                             [this, gone, other = other, frozen = std::move(frozen)] {
                               DeadChannel(gone, other, frozen);
                             });
  }
}

// The stream keeps its bytes so far and stays open: the live end sees it stall, not end.
void MeshNetwork::Freeze(StreamId id) {
  Stream& s = streams_[id];
  s.ended_bytes = CancelFlows(s);
  s.frozen = true;
}

// `other` learns that its channel with `gone` is dead: its client drops the link (stopping its
// uploads to it and forgetting its downloads from it), then what is left of their streams ends.
void MeshNetwork::DeadChannel(PeerId gone, PeerId other, const std::vector<FrozenRef>& streams) {
  if (PeerApp* peer = Find(other)) peer->ChannelClosedBy(gone);
  for (const FrozenRef& ref : streams) EndFrozen(ref);
}

void MeshNetwork::EndFrozen(const FrozenRef& ref) {
  Stream& s = streams_[ref.id];
  if (s.alive && s.frozen && s.generation == ref.generation) {
    EndStream(ref.id, s.ended_bytes, /*complete=*/false);
  }
}

// An upload that starts towards a viewer that vanished (its request was on its way): its bytes
// go nowhere, so it stalls at once and holds the uploader's slot until the channel is dead. A
// viewer that left cleanly gets no stream (kInvalidStream).
StreamId MeshNetwork::StartTowardsVanished(const PeerApp& uploader, PeerId downloader,
                                           UploadRequestId upload, std::int64_t bytes) {
  const TimeUs now_us = ns3::Simulator::Now().GetMicroSeconds();
  if (downloader >= dead_at_us_.size() || dead_at_us_[downloader] <= now_us) return kInvalidStream;
  const StreamId id = NewStream();
  Stream& s = streams_[id];
  s.path.clear();
  s.sender = &uploader.identity().net;
  s.receiver = nullptr;
  s.uploader = uploader.identity().id;
  s.downloader = downloader;
  s.upload = upload;
  s.size_bytes = bytes;
  s.frozen = true;
  const FrozenRef ref{id, s.generation};
  ns3::Simulator::Schedule(ns3::MicroSeconds(dead_at_us_[downloader] - now_us),
                           [this, ref] { EndFrozen(ref); });
  return id;
}

}  // namespace cdnmesh
