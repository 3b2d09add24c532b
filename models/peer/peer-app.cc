// PeerApp: lifecycle, scheduler plumbing and the wake-up timer.
#include "models/peer/peer-app.h"

#include <algorithm>

#include <ns3/nstime.h>
#include <ns3/simulator.h>

namespace cdnmesh {
namespace {

TimeUs NowUs() { return ns3::Simulator::Now().GetMicroSeconds(); }

std::unique_ptr<AbrPolicy> MakeAbr(const Stream& stream, const PeerConfig& config) {
  if (config.abr == AbrKind::kBuffer) return MakeBufferAbr(stream, config.buffer_abr);
  return MakeThroughputAbr(stream, config.throughput_abr);
}

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
                    const Stream& stream, const PeerConfig& config, std::uint64_t seed) {
  context_ = context;
  identity_ = identity;
  stream_ = &stream;
  config_ = &config;
  seed_ = seed;
}

void PeerApp::StartApplication() {
  const TimeUs now_us = NowUs();
  ViewerProfile profile;
  profile.device = identity_.device;
  profile.seed = seed_;
  profile.upload_capacity_bps = identity_.net.up_bps;  // measured by the client; 0: no uplink
  scheduler_ = std::make_unique<Scheduler>(*stream_, config_->scheduler, config_->player,
                                           MakeAbr(*stream_, *config_), profile);
  context_.directory->Add(identity_.id, this);
  SegmentSeq start_seq;
  if (stream_->live()) {
    start_seq = Player::LiveStartSeq(*stream_, config_->player, now_us);
  } else {
    start_seq = std::min<SegmentSeq>(identity_.vod_start_media_us / stream_->segment_duration_us(),
                                     stream_->EndSeq() - 1);
  }
  scheduler_->OnStart(now_us, start_seq);
  Process();
  // The first segments come from the CDN while the client fetches its configuration from the
  // distributor and then joins the tracker.
  if (p2p_enabled()) {
    const DurationUs delay_us =
        2 * context_.distributor->latency_us() + context_.tracker_latency_us;
    ns3::Simulator::Schedule(ns3::MicroSeconds(delay_us), &PeerApp::JoinTracker, this);
  }
}

void PeerApp::StopApplication() { EndSession(); }

void PeerApp::Finish() { EndSession(); }

void PeerApp::DoDispose() {
  scheduler_.reset();
  ns3::Application::DoDispose();
}

void PeerApp::EndSession() {
  if (ended_ || scheduler_ == nullptr) return;
  ended_ = true;
  const TimeUs now_us = NowUs();
  ReportProgress();
  scheduler_->OnStop(now_us);
  scheduler_->DrainActions(&actions_);  // cancels: all transfers are dropped below anyway
  wakeup_.Cancel();
  DropAllTransfers();
  LeaveMesh();
  context_.directory->Remove(identity_.id);
  context_.topology->DetachViewer(identity_.net);

  PeerRecord record;
  record.identity = identity_;
  record.leave_us = now_us;
  record.qos = scheduler_->player().qos();
  record.stats = scheduler_->stats();
  record.mean_bitrate_bps = MeanBitrateBps(*stream_, record.qos);
  record.p2p_cross_isp_bytes = p2p_cross_isp_bytes_;
  record.uploaded_bytes_delivered = static_cast<std::int64_t>(uploaded_bytes_);
  record.connections_opened = connections_opened_;
  record.connect_failures = connect_failures_;
  record.max_connections = max_connections_seen_;
  record.peer_lists = peer_lists_;
  context_.records->OnPeerFinished(record);
  scheduler_.reset();  // frees the per-viewer state; the record holds what the run needs
}

// Drains the scheduler's actions and carries them out, then re-arms the wake-up timer.
void PeerApp::Process() {
  if (ended_) return;
  std::vector<Action> batch;
  batch.swap(actions_);
  scheduler_->DrainActions(&batch);
  // Executing an action never feeds this scheduler again synchronously (other peers are
  // reached through events), so the batch stays valid while it runs.
  for (const Action& action : batch) Execute(action);
  batch.clear();
  actions_.swap(batch);  // keeps the buffer's capacity for the next pass
  if (!ended_) ArmWakeUp();
}

void PeerApp::Execute(const Action& action) {
  switch (action.type) {
    case ActionType::kFetchFromCdn:
      FetchFromCdn(action);
      break;
    case ActionType::kFetchFromPeer:
      FetchFromPeer(action);
      break;
    case ActionType::kCancel:
      CancelDownload(action.transfer);
      break;
    case ActionType::kSendHave:
      SendHave(action);
      break;
    case ActionType::kAcceptUpload:
      AcceptUpload(action);
      break;
    case ActionType::kRejectUpload:
      RejectUpload(action);
      break;
    case ActionType::kAnnounce:
      Announce(action.key);
      break;
  }
}

// The core measures timeouts as "no new bytes for T": report what each flow delivered.
void PeerApp::ReportProgress() {
  const TimeUs now_us = NowUs();
  for (const Download& d : downloads_) {
    if (d.handle == kInvalidTransfer) continue;
    const auto bytes = static_cast<std::int64_t>(context_.transport->BytesDelivered(d.handle));
    scheduler_->OnTransferProgress(now_us, d.transfer, bytes);
  }
}

void PeerApp::OnWakeUp() {
  wakeup_at_us_ = kNever;
  if (ended_) return;
  ReportProgress();
  scheduler_->OnTick(NowUs());
  Process();
}

void PeerApp::ArmWakeUp() {
  const TimeUs want_us = scheduler_->NextWakeUpUs();
  if (want_us == wakeup_at_us_) return;
  wakeup_.Cancel();
  wakeup_at_us_ = want_us;
  if (want_us == kNever) return;
  const DurationUs delay_us = std::max<DurationUs>(0, want_us - NowUs());
  wakeup_ = ns3::Simulator::Schedule(ns3::MicroSeconds(delay_us), &PeerApp::OnWakeUp, this);
}

bool PeerApp::HasConnectionRoom() const {
  return static_cast<int>(connected_.size() + connecting_.size()) < config_->max_connections;
}

bool PeerApp::IsConnected(PeerId other) const {
  return std::find(connected_.begin(), connected_.end(), other) != connected_.end();
}

}  // namespace cdnmesh
