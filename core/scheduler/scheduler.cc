// Scheduler inputs and the carrying-out of decisions. Planning itself is in scheduler_plan.cc,
// relaying and adaptive seeding in scheduler_dissemination.cc, serving peers in
// scheduler_uploads.cc.
#include "core/scheduler/scheduler.h"

#include <algorithm>
#include <cassert>

namespace cdnmesh {

Scheduler::Scheduler(const Stream& stream, SchedulerConfig config, PlayerConfig player_config,
                     std::unique_ptr<AbrPolicy> abr, ViewerProfile profile)
    : Scheduler(stream, config, std::make_unique<Player>(stream, player_config), std::move(abr),
                profile) {}

Scheduler::Scheduler(const Stream& stream, SchedulerConfig config,
                     std::unique_ptr<Playback> playback, std::unique_ptr<AbrPolicy> abr,
                     ViewerProfile profile)
    : stream_(stream),
      config_(config),
      player_(std::move(playback)),
      abr_(std::move(abr)),
      profile_(profile),
      rng_(profile.seed),
      cache_(config.cache_capacity_bytes),
      uploads_(config, profile.device, profile.upload_capacity_bps) {
  assert(ValidateSchedulerConfig(config_).ok());
  assert(abr_ != nullptr);
  if (!stream.live()) playlist_.Update(0, Playlist{0, stream.EndSeq(), true});
}

void Scheduler::OnStart(TimeUs now_us, SegmentSeq start_seq, TimeUs session_start_us) {
  if (started_) return;
  started_ = true;
  player_->Start(now_us, start_seq, session_start_us);
  ChooseRendition(now_us);
  next_announce_us_ = now_us;
  Plan(now_us);
}

void Scheduler::OnStop(TimeUs now_us) {
  if (!started_ || stopped_) return;
  player_->AdvanceTo(now_us);
  while (!transfers_.all().empty()) {
    CancelTransfer(now_us, transfers_.all().front().id, Reason::kSessionEnded);
  }
  player_->Stop(now_us);
  stopped_ = true;
  next_wakeup_us_ = kNever;
}

void Scheduler::OnTick(TimeUs now_us) { Plan(now_us); }

void Scheduler::OnPlaylist(TimeUs now_us, const Playlist& playlist) {
  playlist_.Update(now_us, playlist);
  if (started_ && !stopped_) Plan(now_us);
}

void Scheduler::OnSwarmSize(TimeUs now_us, int swarm_size) {
  swarm_size_ = std::max(0, swarm_size);
  Plan(now_us);
}

void Scheduler::OnPeerConnected(TimeUs now_us, PeerId peer) {
  peers_.Add(peer, static_cast<double>(config_.default_peer_throughput_bps));
  Plan(now_us);
}

void Scheduler::OnPeerDisconnected(TimeUs now_us, PeerId peer) {
  std::vector<TransferId> lost;
  for (const Transfer& t : transfers_.all()) {
    if (t.peer == peer) lost.push_back(t.id);
  }
  for (TransferId id : lost) RecordFailure(now_us, RemoveTransfer(id), /*timed_out=*/false);
  peers_.Remove(peer);
  Plan(now_us);
}

void Scheduler::OnPeerHave(TimeUs now_us, PeerId peer, SegmentKey key) {
  if (peers_.SetHave(peer, key) && HaveMayChangePlan(now_us, key)) Plan(now_us);
}

// A new holder can only change a decision about a segment of the current rendition inside the
// window that is neither held nor being fetched; anything else waits for the next pass (which
// the wake-up timer guarantees for every time-driven rule).
bool Scheduler::HaveMayChangePlan(TimeUs now_us, SegmentKey key) const {
  if (!started_ || stopped_ || key.rendition != rendition_) return false;
  const SegmentSeq first = std::max(player_->NextNeededSeq(), playlist_.first_seq());
  if (key.seq < first || key.seq >= WindowEndSeq(now_us)) return false;
  return !Held(key.seq) && transfers_.FindBySeq(key.seq) == nullptr;
}

void Scheduler::OnTransferProgress(TimeUs now_us, TransferId id, std::int64_t bytes_received,
                                   std::int64_t total_bytes) {
  Transfer* t = transfers_.Find(id);
  if (t == nullptr) return;
  if (total_bytes > 0) {
    t->size_bytes = total_bytes;
    t->size_known = true;
  }
  if (bytes_received <= t->bytes_received) return;
  t->bytes_received = std::min(bytes_received, t->size_bytes);
  t->last_progress_us = now_us;
  MaybeAnnounceRelay(*t);
}

void Scheduler::OnTransferDone(TimeUs now_us, TransferId id, std::int64_t size_bytes) {
  if (transfers_.Find(id) == nullptr) return;  // already cancelled: a stale report
  Transfer t = transfers_.Take(id);
  if (size_bytes > 0) t.size_bytes = size_bytes;
  if (PeerState* peer = peers_.Find(t.peer)) --peer->active_transfers;
  if (Held(t.key.seq)) {
    stats_.wasted_bytes += t.size_bytes;  // the other racer won
  } else {
    CompleteSegment(now_us, t);
  }
  Plan(now_us);
}

void Scheduler::OnTransferFailed(TimeUs now_us, TransferId id, std::int64_t bytes_received,
                                 Reason reason) {
  Transfer* t = transfers_.Find(id);
  if (t == nullptr) return;
  t->bytes_received = std::clamp<std::int64_t>(bytes_received, 0, t->size_bytes);
  const Transfer failed = RemoveTransfer(id);
  const bool busy = reason == Reason::kNoSlot || reason == Reason::kRateBudget;
  if (busy && !failed.from_cdn()) {
    RecordBusy(now_us, failed);
  } else {
    RecordFailure(now_us, failed, /*timed_out=*/false);
  }
  Plan(now_us);
}

void Scheduler::Reconfigure(TimeUs now_us, const SchedulerConfig& config,
                            const PlayerConfig& player_config, std::unique_ptr<AbrPolicy> abr) {
  assert(ValidateSchedulerConfig(config).ok());
  assert(abr != nullptr);
  config_ = config;
  uploads_.Reconfigure(config);
  cache_.SetCapacity(config.cache_capacity_bytes);
  player_->SetConfig(player_config);
  abr_ = std::move(abr);
  if (!config_.p2p_enabled) {  // peer downloads in flight stop; the CDN takes over
    std::vector<TransferId> peer_transfers;
    for (const Transfer& t : transfers_.all()) {
      if (!t.from_cdn()) peer_transfers.push_back(t.id);
    }
    for (TransferId id : peer_transfers) CancelTransfer(now_us, id, Reason::kP2pDisabled);
  }
  if (started_ && !stopped_) Plan(now_us);
}

void Scheduler::DrainActions(std::vector<Action>* out) {
  out->clear();
  out->swap(actions_);
}

// --- Carrying out decisions -----------------------------------------------------------------

Transfer& Scheduler::FetchFromCdn(TimeUs now_us, SegmentKey key) {
  Action action;
  action.type = ActionType::kFetchFromCdn;
  action.transfer = next_transfer_id_++;
  action.key = key;
  action.size_bytes = ExpectedSizeBytes(key);
  const bool resumes = resumable_.has_value() && resumable_->key == key;
  if (resumes) {  // the CDN sends only what the cancelled peer download had not
    action.offset_bytes = resumable_->bytes;
    action.resumes = resumable_->transfer;
    action.size_bytes = resumable_->size_bytes;
  }
  ++stats_.cdn_requests;
  Emit(action);
  Transfer& t = transfers_.Start(action.transfer, key, kInvalidPeer, action.size_bytes, now_us);
  if (resumes) {
    t.prefix_bytes = t.bytes_received = action.offset_bytes;
    t.size_known = true;
    t.relay_announced = resumable_->relay_announced;  // its relays go on from this one
    resumable_.reset();
  }
  return t;
}

bool Scheduler::FetchFromPeer(TimeUs now_us, SegmentSeq seq, DurationUs deadline_us) {
  if (transfers_.p2p_count() >= config_.max_p2p_transfers) return false;
  const SegmentKey key{rendition_, seq};
  PeerState* peer = peers_.ChooseHolder(key, config_.max_p2p_per_peer, now_us, rng_);
  if (peer == nullptr) return false;
  const std::int64_t size_bytes = ExpectedSizeBytes(key);
  if (deadline_us != kNever) {
    const double transfer_us = static_cast<double>(size_bytes) * 8e6 / peer->throughput_bps;
    if (transfer_us * config_.p2p_finish_safety_factor >= static_cast<double>(deadline_us)) {
      return false;  // this peer would not surely deliver in time
    }
  }
  Action action;
  action.type = ActionType::kFetchFromPeer;
  action.transfer = next_transfer_id_++;
  action.peer = peer->id;
  action.key = key;
  action.size_bytes = size_bytes;
  // What the requester's own check (PeerTransferWillFinish) will demand when it turns urgent.
  action.deadline_us = static_cast<DurationUs>(
      static_cast<double>(std::max<DurationUs>(0, TimeUntilNeeded(seq))) /
      config_.p2p_finish_safety_factor);
  Transfer& started = transfers_.Start(action.transfer, key, peer->id, size_bytes, now_us);
  if (config_.upload_deadline_admission) started.promised_by_us = now_us + action.deadline_us;
  ++peer->active_transfers;
  ++stats_.p2p_requests;
  Emit(action);
  return true;
}

Transfer Scheduler::RemoveTransfer(TransferId id, std::int64_t kept_bytes) {
  Transfer t = transfers_.Take(id);
  if (PeerState* peer = peers_.Find(t.peer)) --peer->active_transfers;
  stats_.wasted_bytes += t.bytes_received - kept_bytes;
  return t;
}

// A peer download the planning pass cancels for the CDN (too slow, or the minimum-buffer rule)
// leaves its bytes for the CDN fetch that follows it in the same pass.
void Scheduler::CancelTransfer(TimeUs /*now_us*/, TransferId id, Reason reason) {
  const Transfer* running = transfers_.Find(id);
  const bool resumable = config_.cdn_resumes_peer_prefix &&
                         (reason == Reason::kTooSlow || reason == Reason::kBufferFallback) &&
                         !running->from_cdn() && running->size_known &&
                         running->bytes_received > 0 &&
                         running->bytes_received < running->size_bytes;
  if (resumable) DropResumable();
  const Transfer t = RemoveTransfer(id, resumable ? running->bytes_received : 0);
  if (resumable) {
    resumable_ = PeerPrefix{t.id, t.key, t.bytes_received, t.size_bytes, t.relay_announced};
  }
  Action action;
  action.type = ActionType::kCancel;
  action.reason = reason;
  action.transfer = id;
  action.peer = t.peer;
  action.key = t.key;
  Emit(action);
}

void Scheduler::DropResumable() {
  if (resumable_) stats_.wasted_bytes += resumable_->bytes;
  resumable_.reset();
}

void Scheduler::RecordFailure(TimeUs now_us, const Transfer& t, bool timed_out) {
  SegmentAttempts& attempts = AttemptsFor(t.key.seq);
  if (t.from_cdn()) {
    ++stats_.cdn_failures;
    attempts.cdn_retry_at_us = now_us + config_.cdn_retry_backoff_us;
    return;
  }
  ++stats_.p2p_failures;
  if (timed_out) ++stats_.p2p_timeouts;
  ++attempts.p2p_failures;
  if (PeerState* peer = peers_.Find(t.peer)) {
    // Back off exponentially from a failing peer: 1x, 2x, 4x ... the busy backoff, at most 64x.
    ++peer->consecutive_failures;
    const int doublings = std::min(peer->consecutive_failures - 1, 6);
    peer->busy_until_us = now_us + (config_.peer_busy_backoff_us << doublings);
  }
  peers_.ClearHave(t.peer, t.key);  // do not ask it for this segment again
}

void Scheduler::RecordBusy(TimeUs now_us, const Transfer& t) {
  ++stats_.p2p_busy_refusals;
  if (PeerState* peer = peers_.Find(t.peer))
    peer->busy_until_us = now_us + config_.peer_busy_backoff_us;
}

void Scheduler::CompleteSegment(TimeUs now_us, const Transfer& t) {
  cache_.Put(t.key, t.size_bytes);
  // Partial uploads of it now relay a held segment (the host sends the rest as it is here).
  relays_.erase(std::remove_if(relays_.begin(), relays_.end(),
                               [&](const PartialUpload& r) { return r.key == t.key; }),
                relays_.end());
  player_->AdvanceTo(now_us);
  AdaptSeeding(t);  // before the segment can end the startup
  player_->OnSegmentBuffered(now_us, t.key);
  const DurationUs took_us = std::max<DurationUs>(1, now_us - t.started_us);
  if (t.from_cdn()) {
    // A resumed fetch: the prefix came from a peer, and only the rest is a path measurement.
    const std::int64_t prefix_bytes = std::min(t.prefix_bytes, t.size_bytes - 1);
    stats_.cdn_bytes += t.size_bytes - prefix_bytes;
    stats_.p2p_bytes += prefix_bytes;
    stats_.resumed_bytes += prefix_bytes;
    abr_->OnDownloadSample(now_us, t.size_bytes - prefix_bytes, took_us);
  } else {
    stats_.p2p_bytes += t.size_bytes;
    if (PeerState* peer = peers_.Find(t.peer)) {
      const double sample_bps =
          static_cast<double>(t.size_bytes) * 8e6 / static_cast<double>(took_us);
      const double w = config_.peer_throughput_ewma_weight;
      peer->throughput_bps = (1 - w) * peer->throughput_bps + w * sample_bps;
      peer->consecutive_failures = 0;
      peer->bytes_received += t.size_bytes;
    }
  }
  // A racing twin for the same segment is no longer needed.
  while (const Transfer* twin = transfers_.FindBySeq(t.key.seq)) {
    CancelTransfer(now_us, twin->id, Reason::kDuplicate);
  }
  Action ready;
  ready.type = ActionType::kSegmentReady;
  ready.key = t.key;
  ready.size_bytes = t.size_bytes;
  Emit(ready);
  if (!t.relay_announced) TellPeers(t.key);  // else peers were told while it arrived
  ChooseRendition(now_us);
}

void Scheduler::ChooseRendition(TimeUs now_us) {
  // Once per completed segment, as hls.js does per fragment: re-deciding on every pass would let
  // a buffer-based policy flap between renditions (and swarms) within one segment.
  AbrContext context;
  context.now_us = now_us;
  context.buffer_ahead_us = player_->BufferAheadUs();
  context.current = rendition_;
  rendition_ = abr_->ChooseRendition(context);
}

void Scheduler::TellPeers(SegmentKey key) {
  // A viewer that could not serve even one upload of this segment does not advertise it:
  // peers would only collect refusals.
  if (!Advertises(key)) return;
  const auto& all = peers_.peers();
  const int n = static_cast<int>(all.size());
  if (n == 0) return;
  const int limit = config_.max_have_fanout == 0 ? n : config_.max_have_fanout;
  // Rotate the starting peer with the sequence number so a capped fan-out spreads over peers.
  const int first =
      static_cast<int>(static_cast<std::uint64_t>(key.seq) % static_cast<std::uint64_t>(n));
  int told = 0;
  for (int i = 0; i < n && told < limit; ++i) {
    const PeerState& peer = all[static_cast<std::size_t>((first + i) % n)];
    if (peer.Has(key)) continue;
    Action action;
    action.type = ActionType::kSendHave;
    action.peer = peer.id;
    action.key = key;
    Emit(action);
    ++told;
  }
}

void Scheduler::MaybeAnnounce(TimeUs now_us) {
  if (now_us < next_announce_us_ && rendition_ == announced_rendition_) return;
  Action action;
  action.type = ActionType::kAnnounce;
  action.key = SegmentKey{rendition_, player_->playhead_seq()};
  Emit(action);
  announced_rendition_ = rendition_;
  next_announce_us_ = now_us + config_.announce_interval_us;
}

Scheduler::SegmentAttempts& Scheduler::AttemptsFor(SegmentSeq seq) {
  for (SegmentAttempts& a : attempts_) {
    if (a.seq == seq) return a;
  }
  attempts_.push_back(SegmentAttempts{seq, 0, 0});
  return attempts_.back();
}

const Scheduler::SegmentAttempts* Scheduler::FindAttempts(SegmentSeq seq) const {
  for (const SegmentAttempts& a : attempts_) {
    if (a.seq == seq) return &a;
  }
  return nullptr;
}

double Scheduler::RealtimeBps(SegmentKey key) const {
  return static_cast<double>(ExpectedSizeBytes(key)) * 8.0 /
         UsToSeconds(stream_.segment_duration_us());
}

// Playlists list no sizes: a held segment's size is known, any other is estimated from the
// rendition's bitrate.
std::int64_t Scheduler::ExpectedSizeBytes(SegmentKey key) const {
  const std::int64_t held = cache_.SizeOf(key);
  if (held > 0) return held;
  const double nominal = static_cast<double>(stream_.bitrate_bps(key.rendition)) *
                         UsToSeconds(stream_.segment_duration_us()) / 8.0;
  return std::max<std::int64_t>(1, static_cast<std::int64_t>(nominal));
}

void Scheduler::OnPlayerWants(TimeUs now_us, SegmentSeq seq) {
  if (!started_ || stopped_ || Held(seq)) return;
  if (std::find(player_wants_.begin(), player_wants_.end(), seq) == player_wants_.end()) {
    player_wants_.push_back(seq);
  }
  Plan(now_us);
}

bool Scheduler::Held(SegmentSeq seq) const {
  return player_->IsBuffered(seq) || cache_.ContainsSeq(seq);
}

}  // namespace cdnmesh
