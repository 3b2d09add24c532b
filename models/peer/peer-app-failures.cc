// PeerApp: the failures of a viewer's own making. A session that ends silently (crash, killed
// tab, lost network): the client's state ends as at any departure, but nothing it would say
// reaches anyone; its streams freeze and the others learn of it through their timeouts. And the
// episodes that take its uplink away from P2P (stalls, its own background uploads).
#include <algorithm>

#include <ns3/simulator.h>

#include "core/common/random.h"
#include "models/peer/peer-app.h"
#include "models/services/service-host.h"

namespace cdnmesh {
namespace {

TimeUs NowUs() { return ns3::Simulator::Now().GetMicroSeconds(); }

constexpr std::uint64_t kVanishSalt = 0x7a115e0dULL;

}  // namespace

// Decided by the viewer's own seed: the same viewers vanish whatever else differs.
bool PeerApp::EndsSilently() const {
  const FailureConfig* failures = context_.failures;
  return failures != nullptr && failures->vanish_fraction > 0 &&
         BitsToUnitDouble(HashKeys(seed_, kVanishSalt)) < failures->vanish_fraction;
}

void PeerApp::StartEpisodes() {
  const FailureConfig* failures = context_.failures;
  if (failures == nullptr || identity_.net.up_link == kInvalidLink) return;
  if (failures->stall.per_hour <= 0 && failures->background_upload.per_hour <= 0) return;
  episodes_ = std::make_unique<UplinkEpisodes>(*failures, context_.mesh->transport(),
                                               identity_.net, seed_, context_.failure_stats);
  episodes_->Start();
}

// Every stream this viewer sends or receives (cancelled downloads still arriving included).
std::vector<StreamId> PeerApp::OpenStreams() const {
  std::vector<StreamId> streams;
  for (const Download& d : downloads_) {
    if (d.stream != kInvalidStream) streams.push_back(d.stream);
  }
  for (const Orphan& o : orphans_) streams.push_back(o.stream);
  for (const Upload& u : uploads_) {
    if (u.stream != kInvalidStream) streams.push_back(u.stream);
  }
  return streams;
}

void PeerApp::Vanish() {
  if (ended_ || client_ == nullptr) return;
  static const FailureConfig kDefaults;
  const FailureConfig& failures = context_.failures != nullptr ? *context_.failures : kDefaults;
  const TimeUs now_us = NowUs();
  Input();
  client_->Stop(now_us);  // its session record ends as any does...
  std::vector<ClientAction> unsent;
  client_->DrainActions(&unsent);  // ...but a dead tab sends nothing
  ended_ = true;
  wakeup_.Cancel();
  relay_watch_.Cancel();
  context_.mesh->Remove(identity_.id);
  FreezeTransfers(failures.dead_channel_timeout_us);
  context_.services->LoseConnections(identity_.id, failures.service_detection_us);
  Detach();
  if (context_.failure_stats != nullptr) ++context_.failure_stats->silent_departures;
  context_.records->OnPeerFinished(Record(now_us));
  client_.reset();
}

// Its CDN fetches die with it; its peer streams freeze (the mesh tells the other ends when the
// channels are dead). What they delivered so far counts in its record.
void PeerApp::FreezeTransfers(DurationUs dead_after_us) {
  MeshNetwork& mesh = *context_.mesh;
  for (const Download& d : downloads_) {
    if (d.handle != kInvalidTransfer) mesh.transport().Cancel(d.handle);
  }
  for (const Orphan& o : orphans_) {
    discarded_bytes_ += std::max(0.0, mesh.StreamBytes(o.stream) - o.bytes_at_cancel);
  }
  for (const Upload& u : uploads_) {
    if (u.stream != kInvalidStream) uploaded_bytes_ += mesh.StreamBytes(u.stream);
  }
  mesh.Vanish(identity_.id, OpenStreams(), channels_, dead_after_us);
  downloads_.clear();
  orphans_.clear();
  uploads_.clear();
  deferred_.clear();
  channels_.clear();
  setups_.clear();
}

}  // namespace cdnmesh
