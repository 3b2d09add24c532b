// PeerApp: lifecycle, client plumbing, messages, channels and the wake-up timer.
#include "models/peer/peer-app.h"

#include <algorithm>

#include <ns3/nstime.h>
#include <ns3/simulator.h>

#include "models/services/service-host.h"

namespace cdnmesh {
namespace {

TimeUs NowUs() { return ns3::Simulator::Now().GetMicroSeconds(); }

double MeanBitrateBps(const Stream& stream, const QosRecord& qos) {
  double weighted = 0;
  DurationUs total = 0;
  for (std::size_t r = 0; r < qos.played_us_per_rendition.size(); ++r) {
    const DurationUs played = qos.played_us_per_rendition[r];
    weighted += static_cast<double>(played) *
                static_cast<double>(stream.bitrate_bps(static_cast<RenditionIndex>(r)));
    total += played;
  }
  return total > 0 ? weighted / static_cast<double>(total) : 0.0;
}

// The result of the speed test a client runs at start: the access capacity off by a factor
// uniform in [1 - error, 1 + error]; kUnknownUploadCapacity without one.
std::int64_t SpeedTestBps(const PeerIdentity& identity, std::uint64_t seed, double error) {
  if (identity.net.up_link == kInvalidLink) return 0;
  if (error < 0) return kUnknownUploadCapacity;
  const double u = BitsToUnitDouble(HashKeys(seed, 0x5bee7e57));
  const double factor = 1.0 + error * (2.0 * u - 1.0);
  return std::max<std::int64_t>(1, static_cast<std::int64_t>(
                                       static_cast<double>(identity.net.up_bps) * factor));
}

// What the host knows of its own viewer before any message: the device, its NAT (as ICE
// would detect it), its ISP and location (as GeoIP gives them), its uplink as a speed test
// measured it; the client refines the uplink from the uploads it serves.
ClientIdentity MakeClientIdentity(const PeerIdentity& identity, std::uint64_t seed,
                                  double speed_test_error) {
  ClientIdentity client;
  client.content = identity.content;
  client.profile.isp = identity.net.isp;
  client.profile.location = protocol::ToGeoE7(identity.net.location);
  client.profile.device = identity.device;
  client.profile.nat = identity.nat;
  client.upload_guess_bps = SpeedTestBps(identity, seed, speed_test_error);
  client.seed = seed;
  return client;
}

}  // namespace

ns3::TypeId PeerApp::GetTypeId() {
  static ns3::TypeId tid = ns3::TypeId("cdnmesh::PeerApp")
                               .SetParent<ns3::Application>()
                               .SetGroupName("cdnmesh")
                               .AddConstructor<PeerApp>();
  return tid;
}

PeerApp::~PeerApp() = default;

void PeerApp::Setup(const PeerContext& context, const PeerIdentity& identity,
                    const Stream& stream, const PeerConfig& built_in, std::uint64_t seed) {
  context_ = context;
  identity_ = identity;
  stream_ = &stream;
  built_in_ = &built_in;
  seed_ = seed;
}

void PeerApp::StartApplication() {
  const TimeUs now_us = NowUs();
  client_ = std::make_unique<Client>(
      *stream_, MakeClientIdentity(identity_, seed_, context_.uplink_speed_test_error), *built_in_);
  context_.mesh->Add(this);
  SegmentSeq vod_start_seq = 0;
  if (!stream_->live()) {
    vod_start_seq = std::min<SegmentSeq>(
        identity_.vod_start_media_us / stream_->segment_duration_us(), stream_->EndSeq() - 1);
  }
  client_->Start(now_us, vod_start_seq);
  StartEpisodes();
  Process();
}

void PeerApp::StopApplication() {
  if (EndsSilently()) {
    Vanish();
  } else {
    EndSession();
  }
}

void PeerApp::Finish() { EndSession(); }

void PeerApp::DoDispose() {
  client_.reset();
  ns3::Application::DoDispose();
}

void PeerApp::EndSession() {
  if (ended_ || client_ == nullptr) return;
  const TimeUs now_us = NowUs();
  Input();
  client_->Stop(now_us);
  Process();  // cancels, stops uploads, leaves the swarm, closes every channel
  ended_ = true;
  wakeup_.Cancel();
  relay_watch_.Cancel();
  context_.mesh->Remove(identity_.id);
  DropAllTransfers();
  context_.services->CloseConnections(identity_.id);
  Detach();

  const PeerRecord record = Record(now_us);
  context_.records->OnPeerFinished(record);
  client_.reset();  // frees the per-viewer state; the record holds what the run needs
}

// The viewer's access links go: nothing of its own flows any more.
void PeerApp::Detach() {
  if (episodes_ != nullptr) episodes_->Stop();
  context_.mesh->transport().DetachViewer(identity_.net);
  context_.mesh->topology().DetachViewer(identity_.net);
}

PeerRecord PeerApp::Record(TimeUs now_us) const {
  const Scheduler& scheduler = client_->scheduler();
  const ClientStats& mesh = client_->stats();
  PeerRecord record;
  record.identity = identity_;
  record.leave_us = now_us;
  record.qos = scheduler.player().qos();
  record.stats = scheduler.stats();
  // Wasted: what the scheduler threw away, plus what kept arriving for cancelled downloads.
  record.stats.wasted_bytes += static_cast<std::int64_t>(discarded_bytes_);
  record.mean_bitrate_bps = MeanBitrateBps(*stream_, record.qos);
  record.p2p_cross_isp_bytes = p2p_cross_isp_bytes_;
  record.uploaded_bytes_delivered = static_cast<std::int64_t>(uploaded_bytes_);
  record.connections_opened = mesh.connections_opened;
  record.connect_failures = mesh.connect_failures;
  record.max_connections = mesh.max_connections;
  record.peer_lists = mesh.peer_lists;
  return record;
}

// The core measures timeouts as "no new bytes for T": report what each download received.
void PeerApp::Input() { ReportProgress(); }

void PeerApp::ReportProgress() {
  const TimeUs now_us = NowUs();
  for (const Download& d : downloads_) {
    const double bytes = DownloadBytes(d);
    if (bytes > 0) {
      client_->OnTransferProgress(now_us, d.transfer, static_cast<std::int64_t>(bytes), d.size_bytes);
    }
  }
}

// Drains the client's actions and carries them out, then reports the uploads that ended
// meanwhile, until nothing is left; then re-arms the wake-up timer.
void PeerApp::Process() {
  if (ended_ || processing_) return;
  processing_ = true;
  std::vector<ClientAction> batch;
  while (true) {
    batch.swap(actions_);
    client_->DrainActions(&batch);
    for (const ClientAction& action : batch) Execute(action);
    batch.clear();
    cancelled_in_batch_.clear();
    if (deferred_.empty() || client_->stopped()) break;
    const std::vector<Deferred> observed = std::move(deferred_);
    deferred_.clear();
    for (const Deferred& d : observed) {
      if (d.upload_ended) {
        client_->OnUploadDone(NowUs(), d.id, static_cast<std::int64_t>(d.bytes));
      } else {
        client_->OnTransferFailed(NowUs(), d.id, static_cast<std::int64_t>(d.bytes));
      }
    }
  }
  if (batch.capacity() <= 4) actions_.swap(batch);  // keeps a small buffer for the next pass
  processing_ = false;
  ArmWakeUp();
  RelayMore();
  ArmRelayWatch();
}

void PeerApp::Execute(const ClientAction& action) {
  switch (action.type) {
    case ClientActionType::kSend:
      if (action.to.kind == EndpointKind::kPeer) {
        if (HasChannel(action.to.peer)) context_.mesh->SendToPeer(*this, action.to.peer, action.message);
      } else {
        context_.services->Post(identity_.id, action.to.kind, action.message);
      }
      break;
    case ClientActionType::kOpenSignaling:
      context_.services->OpenSignaling(identity_.id, client_->session_token());
      break;
    case ClientActionType::kConnect:
      context_.mesh->Connect(*this, action.peer, action.peer_nat);
      break;
    case ClientActionType::kDisconnect:
      CloseChannel(action.peer);
      break;
    case ClientActionType::kFetchFromCdn:
      FetchFromCdn(action);
      break;
    case ClientActionType::kFetchFromPeer:
      FetchFromPeer(action);
      break;
    case ClientActionType::kCancelFetch:
      CancelFetch(action);
      break;
    case ClientActionType::kServeUpload:
      ServeUpload(action);
      break;
    case ClientActionType::kStopUpload:
      StopUpload(action.upload);
      break;
    case ClientActionType::kReloadPlaylist:
      ReloadPlaylist();
      break;
    case ClientActionType::kSegmentReady:  // the simulated player (in the scheduler) has it
      context_.records->OnSegmentStored(identity_, action.key, action.size_bytes, NowUs());
      break;
  }
}

void PeerApp::OnWakeUp() {
  wakeup_at_us_ = kNever;
  if (ended_) return;
  Input();
  client_->OnTick(NowUs());
  Process();
}

void PeerApp::ArmWakeUp() {
  if (ended_) return;
  const TimeUs want_us = client_->NextWakeUpUs();
  if (want_us == wakeup_at_us_) return;
  wakeup_.Cancel();
  wakeup_at_us_ = want_us;
  if (want_us == kNever) return;
  const DurationUs delay_us = std::max<DurationUs>(0, want_us - NowUs());
  wakeup_ = ns3::Simulator::Schedule(ns3::MicroSeconds(delay_us), &PeerApp::OnWakeUp, this);
}

// --- Messages and channels ------------------------------------------------------------------

void PeerApp::ReceiveFromPeer(PeerId from, const protocol::Message& message) {
  if (ended_) return;
  Input();
  client_->OnMessage(NowUs(), Endpoint::Peer(from), message);
  Process();
}

void PeerApp::ReceiveFromService(EndpointKind from, const protocol::Message& message) {
  if (ended_) return;
  Input();
  client_->OnMessage(NowUs(), Endpoint::Service(from), message);
  Process();
}

bool PeerApp::HasChannel(PeerId other) const {
  return std::find(channels_.begin(), channels_.end(), other) != channels_.end();
}

void PeerApp::SetupStarted(PeerId other, std::uint64_t setup) {
  for (auto& entry : setups_) {
    if (entry.first == other) {
      entry.second = setup;
      return;
    }
  }
  setups_.emplace_back(other, setup);
}

// Removes set-up `setup` with `other`; false if this host no longer waits on it.
bool PeerApp::TakeSetup(PeerId other, std::uint64_t setup) {
  const auto it = std::find(setups_.begin(), setups_.end(), std::make_pair(other, setup));
  if (it == setups_.end()) return false;
  setups_.erase(it);
  return true;
}

void PeerApp::ChannelOpened(PeerId other, std::uint64_t setup) {
  TakeSetup(other, setup);
  if (ended_) return;
  if (!HasChannel(other)) channels_.push_back(other);
  Input();
  client_->OnChannelOpen(NowUs(), other);
  Process();
}

// A failure the client no longer waits for (it gave up on its own timeout and closed the set-up,
// then perhaps dialled again) is not its business: it counted that failure itself.
void PeerApp::ConnectFailed(PeerId other, std::uint64_t setup) {
  if (!TakeSetup(other, setup) || ended_) return;
  client_->OnConnectFailed(NowUs(), other);
  Process();
}

// This side closes: the streams between the two stop at once, the other side learns of the
// close after the latency.
void PeerApp::CloseChannel(PeerId other) {
  setups_.erase(std::remove_if(setups_.begin(), setups_.end(),
                               [other](const auto& entry) { return entry.first == other; }),
                setups_.end());  // a set-up the client abandons
  const bool had = HasChannel(other);
  channels_.erase(std::remove(channels_.begin(), channels_.end(), other), channels_.end());
  if (had) context_.mesh->Close(*this, other);
}

void PeerApp::ChannelClosedBy(PeerId other) {
  if (ended_ || !HasChannel(other)) return;
  channels_.erase(std::remove(channels_.begin(), channels_.end(), other), channels_.end());
  Input();
  client_->OnChannelClosed(NowUs(), other);
  Process();
}

}  // namespace cdnmesh
