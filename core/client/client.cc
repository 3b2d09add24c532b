// Client: lifecycle, transfer inputs and the translation of scheduler decisions into actions.
// Services are in client_services.cc, connections in client_connections.cc, peer messages and
// uploads in client_peers.cc.
#include "core/client/client.h"

#include <algorithm>
#include <cassert>

namespace cdnmesh {
namespace {

constexpr std::size_t kRetainedActionCapacity = 4;

std::unique_ptr<AbrPolicy> MakeAbr(const Stream& stream, const ClientConfig& config) {
  if (config.abr == AbrKind::kBuffer) return MakeBufferAbr(stream, config.buffer_abr);
  return MakeThroughputAbr(stream, config.throughput_abr);
}

std::unique_ptr<Playback> MakePlayback(const Stream& stream, const ClientIdentity& identity,
                                       const ClientConfig& config, ReportedPlayback** reported) {
  if (identity.playback == PlaybackSource::kSimulated) {
    return std::make_unique<Player>(stream, config.player);
  }
  auto playback = std::make_unique<ReportedPlayback>(stream, config.player);
  *reported = playback.get();
  return playback;
}

ViewerProfile SchedulerProfile(const ClientIdentity& identity) {
  ViewerProfile profile;
  profile.device = identity.profile.device;
  profile.seed = identity.seed;
  profile.upload_capacity_bps = identity.upload_guess_bps;
  return profile;
}

}  // namespace

Client::Client(const Stream& stream, ClientIdentity identity, const ClientConfig& built_in)
    : stream_(stream),
      identity_(std::move(identity)),
      config_(built_in),
      scheduler_(stream, built_in.scheduler, MakePlayback(stream, identity_, built_in, &reported_),
                 MakeAbr(stream, built_in), SchedulerProfile(identity_)),
      rng_(HashKeys(identity_.seed, 0xC11E17)),
      uplink_(identity_.upload_guess_bps) {
  assert(ValidateClientConfig(built_in).ok());
}

void Client::Start(TimeUs now_us, SegmentSeq vod_start_seq) {
  if (started_) return;
  started_ = true;
  sharing_at_us_ = now_us;
  session_start_us_ = now_us;
  if (stream_.live()) {
    ClientAction reload;  // live playback starts once the playlist says where the edge is
    reload.type = ClientActionType::kReloadPlaylist;
    Emit(reload);
  } else {
    scheduler_.OnStart(now_us, vod_start_seq);
    Translate();
  }
  protocol::JoinRequest join;
  join.content = identity_.content;
  join.profile = Profile();
  join.client_version = identity_.client_version;
  join.auth_token = identity_.auth_token;
  Send(Endpoint::Service(EndpointKind::kDistributor), std::move(join));
}

void Client::Stop(TimeUs now_us) {
  if (!started_ || stopped_) return;
  scheduler_.OnStop(now_us);
  Translate();  // cancels every download
  stopped_ = true;
  for (const ServedUpload& u : uploads_) {
    ClientAction stop;
    stop.type = ClientActionType::kStopUpload;
    stop.peer = u.peer;
    stop.upload = u.id;
    Emit(stop);
  }
  uploads_.clear();
  if (id_ != kInvalidPeer) {
    protocol::Leave leave;
    leave.peer = id_;
    Send(Endpoint::Service(EndpointKind::kTracker), leave);
  }
  for (const PeerLink& link : links_.links()) {
    ClientAction close;
    close.type = ClientActionType::kDisconnect;
    close.peer = link.peer;
    Emit(close);
  }
  while (!links_.links().empty()) links_.Remove(links_.links().front().peer);
}

void Client::OnMessage(TimeUs now_us, Endpoint from, const protocol::Message& message) {
  if (!started_ || stopped_) return;
  ++stats_.messages_received;
  if (from.kind == EndpointKind::kPeer) {
    OnPeerMessage(now_us, from.peer, message);
  } else if (const auto* config = std::get_if<protocol::ConfigResponse>(&message)) {
    if (from.kind == EndpointKind::kDistributor) OnConfig(now_us, *config);
  } else if (const auto* error = std::get_if<protocol::ServiceError>(&message)) {
    OnServiceError(now_us, from, *error);
  } else if (const auto* joined = std::get_if<protocol::SwarmJoined>(&message)) {
    if (from.kind == EndpointKind::kTracker) OnSwarmJoined(now_us, *joined);
  } else if (const auto* list = std::get_if<protocol::PeerList>(&message)) {
    if (from.kind == EndpointKind::kTracker) OnPeerList(now_us, *list);
  } else if (const auto* offer = std::get_if<protocol::SignalOffer>(&message)) {
    if (from.kind == EndpointKind::kSignaling) OnOffer(now_us, *offer);
  } else if (const auto* answer = std::get_if<protocol::SignalAnswer>(&message)) {
    if (from.kind == EndpointKind::kSignaling) OnAnswer(now_us, *answer);
  }
  Translate();
}

void Client::OnTransferProgress(TimeUs now_us, TransferId transfer, std::int64_t bytes_received,
                                std::int64_t total_bytes) {
  if (stopped_) return;
  scheduler_.OnTransferProgress(now_us, transfer, bytes_received, total_bytes);
  // A segment that became relayable is announced at once; most reports decide nothing.
  if (!scheduler_.pending_actions().empty()) Translate();
}

void Client::OnTransferDone(TimeUs now_us, TransferId transfer, std::int64_t size_bytes) {
  if (stopped_) return;
  ErasePeerDownload(transfer);
  scheduler_.OnTransferDone(now_us, transfer, size_bytes);
  Translate();
}

void Client::OnTransferFailed(TimeUs now_us, TransferId transfer, std::int64_t bytes_received) {
  if (stopped_) return;
  ErasePeerDownload(transfer);
  scheduler_.OnTransferFailed(now_us, transfer, bytes_received);
  Translate();
}

void Client::OnPlaylist(TimeUs now_us, const Playlist& playlist) {
  if (!started_ || stopped_) return;
  scheduler_.OnPlaylist(now_us, playlist);
  const PlaylistView& view = scheduler_.playlist();
  if (!scheduler_.started() && view.end_seq() > view.first_seq()) {
    const SegmentSeq start =
        Player::LiveStartSeq(view.first_seq(), view.end_seq(), config_.player);
    scheduler_.OnStart(now_us, start, session_start_us_);
  }
  next_reload_us_ = view.ended() ? kNever : now_us + config_.playlist_reload_interval_us;
  Translate();
}

void Client::OnPlayback(TimeUs now_us, const PlaybackReport& report) {
  if (!started_ || stopped_ || reported_ == nullptr) return;
  reported_->OnReport(now_us, report);
  scheduler_.OnTick(now_us);
  Translate();
}

void Client::OnTick(TimeUs now_us) {
  if (!started_ || stopped_) return;
  if (now_us >= next_reload_us_) {
    next_reload_us_ = kNever;  // until the playlist arrives
    ClientAction reload;
    reload.type = ClientActionType::kReloadPlaylist;
    Emit(reload);
  }
  ExpireLinks(now_us);
  scheduler_.OnTick(now_us);
  Translate();
}

void Client::OnPlayerWants(TimeUs now_us, SegmentKey key) {
  if (!started_ || stopped_) return;
  scheduler_.OnPlayerWants(now_us, key.seq);
  Translate();
}

void Client::DrainActions(std::vector<ClientAction>* out) {
  out->clear();
  out->swap(actions_);
  // Most passes emit a few actions; a rare large batch (a have to every peer) must not leave
  // its capacity behind in every one of a million clients.
  if (actions_.capacity() > kRetainedActionCapacity) std::vector<ClientAction>().swap(actions_);
}

TimeUs Client::NextWakeUpUs() const {
  if (stopped_) return kNever;
  return std::min({scheduler_.NextWakeUpUs(), links_.NextDeadlineUs(), next_reload_us_});
}

void Client::Send(Endpoint to, protocol::Message message) {
  ClientAction send;
  send.type = ClientActionType::kSend;
  send.to = to;
  send.peer = to.peer;
  send.message = std::move(message);
  ++stats_.messages_sent;
  Emit(std::move(send));
}

// --- Scheduler decisions to client actions ------------------------------------------------

void Client::Translate() {
  scheduler_.DrainActions(&scheduler_actions_);
  for (const Action& action : scheduler_actions_) TranslateOne(action);
  scheduler_actions_.clear();
  if (scheduler_actions_.capacity() > kRetainedActionCapacity) {
    std::vector<Action>().swap(scheduler_actions_);
  }
}

void Client::TranslateOne(const Action& action) {
  switch (action.type) {
    case ActionType::kFetchFromCdn: {
      ClientAction fetch;
      fetch.type = ClientActionType::kFetchFromCdn;
      fetch.transfer = action.transfer;
      fetch.key = action.key;
      fetch.size_bytes = action.size_bytes;
      // A prefix is less than a segment, which the protocol bounds below 2^32 bytes.
      fetch.offset_bytes = static_cast<std::uint32_t>(
          std::clamp<std::int64_t>(action.offset_bytes, 0, protocol::kMaxSegmentBytes));
      fetch.resumes = action.resumes;
      Emit(fetch);
      break;
    }
    case ActionType::kFetchFromPeer:
      RequestFromPeer(action);
      break;
    case ActionType::kCancel:
      CancelFetch(action);
      break;
    case ActionType::kSendHave:
      if (links_.IsOpen(action.peer)) {
        protocol::Have have;
        have.key = action.key;
        Send(Endpoint::Peer(action.peer), have);
      }
      break;
    case ActionType::kAcceptUpload:
    case ActionType::kRejectUpload:
      AnswerUpload(action);
      break;
    case ActionType::kAbortUpload:
      AbortUpload(action);
      break;
    case ActionType::kAnnounce:
      Announce(action.key);
      break;
    case ActionType::kSegmentReady: {
      ClientAction ready;
      ready.type = ClientActionType::kSegmentReady;
      ready.key = action.key;
      ready.size_bytes = action.size_bytes;
      Emit(ready);
      break;
    }
  }
}

void Client::RequestFromPeer(const Action& action) {
  peer_downloads_.push_back(PeerDownload{action.transfer, action.peer, action.key});
  protocol::Request request;
  request.key = action.key;
  request.offset_bytes = 0;
  request.length_bytes = protocol::kMaxSegmentBytes;  // the whole segment, whatever its size
  if (action.deadline_us != kNever) {  // at least 1 ms: 0 would mean "no deadline"
    request.deadline_ms = static_cast<std::uint32_t>(
        std::clamp<DurationUs>(action.deadline_us / kUsPerMs, 1, UINT32_MAX));
  }
  ClientAction fetch;
  fetch.type = ClientActionType::kFetchFromPeer;
  fetch.peer = action.peer;
  fetch.transfer = action.transfer;
  fetch.key = action.key;
  fetch.size_bytes = action.size_bytes;
  fetch.message = request;
  ++stats_.messages_sent;
  Emit(std::move(fetch));
}

// A cancelled peer download also tells the uploader, which otherwise keeps sending.
void Client::CancelFetch(const Action& action) {
  ClientAction cancel;
  cancel.type = ClientActionType::kCancelFetch;
  cancel.transfer = action.transfer;
  cancel.peer = action.peer;
  cancel.key = action.key;
  if (action.peer != kInvalidPeer) {
    protocol::Cancel message;
    message.key = action.key;
    message.offset_bytes = 0;
    message.length_bytes = protocol::kMaxSegmentBytes;
    cancel.message = message;
    cancel.notify_peer = true;
    ++stats_.messages_sent;
    ErasePeerDownload(action.transfer);
  }
  Emit(std::move(cancel));
}

}  // namespace cdnmesh
