// The planning pass: timeouts, the minimum-buffer rule, the urgent and prefetch windows, CDN
// seeding, and the next wake-up. Runs after every input.
#include <algorithm>
#include <limits>

#include "core/common/random.h"
#include "core/scheduler/scheduler.h"

namespace cdnmesh {
namespace {

// Adaptive seeding never raises the odds of seeding a segment past one half.
constexpr double kMaxSeedingOdds = 0.5;

}  // namespace

void Scheduler::Plan(TimeUs now_us) {
  if (!started_ || stopped_) return;
  ++stats_.decisions;
  player_->AdvanceTo(now_us);
  ResyncIfBehindPlaylist(now_us);
  if (player_->state() != PlayerState::kEnded) {
    CheckTimeouts(now_us);
    attempts_.erase(
        std::remove_if(attempts_.begin(), attempts_.end(),
                       [&](const SegmentAttempts& a) { return a.seq < player_->playhead_seq(); }),
        attempts_.end());
    ApplyBufferRule(now_us);
    PlanWindow(now_us);
    PlanPlayerWants(now_us);
  }
  DropResumable();
  AbortOrphanedRelays();
  MaybeAnnounce(now_us);
  ScheduleWakeUp(now_us);
}

void Scheduler::CheckTimeouts(TimeUs now_us) {
  for (std::size_t i = 0; i < transfers_.all().size();) {
    const Transfer& t = transfers_.all()[i];
    const DurationUs timeout_us = t.from_cdn() ? config_.cdn_timeout_us : config_.p2p_timeout_us;
    if (now_us - t.last_progress_us < timeout_us) {
      ++i;
      continue;
    }
    const Transfer expired = t;
    CancelTransfer(now_us, expired.id, Reason::kTimeout);  // removes entry i
    RecordFailure(now_us, expired, /*timed_out=*/true);
  }
}

bool Scheduler::CdnSlotFree(bool for_seeding) const {
  // Seeding keeps one CDN slot free for urgent fetches when there is more than one.
  const int reserve = for_seeding && config_.max_cdn_transfers > 1 ? 1 : 0;
  return transfers_.cdn_count() < config_.max_cdn_transfers - reserve;
}

void Scheduler::ApplyBufferRule(TimeUs now_us) {
  if (player_->BufferAheadUs() >= config_.min_buffer_us) return;
  const SegmentSeq seq = player_->NextNeededSeq();
  if (!playlist_.Lists(seq)) return;
  const SegmentAttempts* attempts = FindAttempts(seq);
  if (attempts != nullptr && attempts->cdn_retry_at_us > now_us) return;
  if (transfers_.FindCdnBySeq(seq) != nullptr) return;
  if (const Transfer* running = transfers_.FindBySeq(seq)) {
    // Under deadline admission a peer transfer that will finish before the buffer runs dry
    // keeps the segment: its uploader promised the time (or, past the promise, it is nearly
    // done at the rate seen), and cancelling it wastes what it sent.
    if (config_.upload_deadline_admission &&
        PeerTransferWillFinish(*running, now_us, player_->BufferAheadUs())) {
      return;
    }
    if (!config_.race_on_fallback) CancelTransfer(now_us, running->id, Reason::kBufferFallback);
  }
  if (!CdnSlotFree(false)) {
    // Every CDN slot serves a later segment: the needed one takes the newest one's slot.
    const Transfer* newest = nullptr;
    for (const Transfer& t : transfers_.all()) {
      if (t.from_cdn() && (newest == nullptr || t.key.seq > newest->key.seq)) newest = &t;
    }
    CancelTransfer(now_us, newest->id, Reason::kBufferFallback);
  }
  StartUrgentCdnFetch(now_us, seq, player_->BufferAheadUs());
  ++stats_.buffer_fallbacks;
}

// A live player waiting for a segment that has left the playlist would wait forever: like a
// real player, it jumps back to the live sync position.
void Scheduler::ResyncIfBehindPlaylist(TimeUs now_us) {
  if (!stream_.live()) return;
  const PlayerState state = player_->state();
  if (state != PlayerState::kStartup && state != PlayerState::kStalled) return;
  if (player_->NextNeededSeq() >= playlist_.first_seq()) return;
  player_->JumpForward(now_us, Player::LiveStartSeq(playlist_.first_seq(), playlist_.end_seq(),
                                                   player_->config()));
}

SegmentSeq Scheduler::WindowEndSeq(TimeUs /*now_us*/) const {
  const DurationUs duration_us = stream_.segment_duration_us();
  const DurationUs horizon_us = player_->playhead_media_us() + config_.p2p_window_us;
  const SegmentSeq end = (horizon_us + duration_us - 1) / duration_us;  // starts < horizon
  return std::min({end, playlist_.end_seq(), stream_.EndSeq()});
}

DurationUs Scheduler::TimeUntilNeeded(SegmentSeq seq) const {
  return stream_.MediaStartUs(seq) - player_->playhead_media_us();
}

void Scheduler::PlanWindow(TimeUs now_us) {
  const SegmentSeq end = WindowEndSeq(now_us);
  const SegmentSeq first = std::max(player_->NextNeededSeq(), playlist_.first_seq());
  for (SegmentSeq seq = first; seq < end; ++seq) {
    if (Held(seq)) continue;
    const DurationUs needed_in_us = TimeUntilNeeded(seq);
    if (transfers_.FindCdnBySeq(seq) != nullptr) continue;
    if (const Transfer* running = transfers_.FindBySeq(seq)) {
      const bool urgent = needed_in_us < config_.urgent_window_us;
      if (!urgent || PeerTransferWillFinish(*running, now_us, needed_in_us)) continue;
      CancelTransfer(now_us, running->id, Reason::kTooSlow);
    }
    PlanSegment(now_us, seq, needed_in_us);
  }
}

void Scheduler::PlanSegment(TimeUs now_us, SegmentSeq seq, DurationUs needed_in_us) {
  const SegmentAttempts* attempts = FindAttempts(seq);
  const bool peers_exhausted =
      attempts != nullptr && attempts->p2p_failures >= config_.max_p2p_attempts_per_segment;
  const bool cdn_backoff = attempts != nullptr && attempts->cdn_retry_at_us > now_us;
  const bool p2p_allowed = config_.p2p_enabled && !peers_exhausted;
  const bool urgent = needed_in_us < config_.urgent_window_us || !p2p_allowed;
  if (urgent) {
    if (p2p_allowed && FetchFromPeer(now_us, seq, needed_in_us)) return;
    if (!cdn_backoff && CdnSlotFree(false)) {
      StartUrgentCdnFetch(now_us, seq, needed_in_us);
      ++stats_.urgent_cdn_fetches;
    }
    return;
  }
  // An urgent CDN fetch has the downlink to itself (urgent_preempt_fraction).
  if (config_.urgent_preempt_fraction > 0 && UrgentCdnFetchRunning()) return;
  if (FetchFromPeer(now_us, seq, kNever)) return;
  TimeUs seed_at_us = kNever;
  if (!cdn_backoff && ShouldSeed(seq, &seed_at_us) && seed_at_us <= now_us && CdnSlotFree(true) &&
      !peers_.AnyHolder(SegmentKey{rendition_, seq})) {
    FetchFromCdn(now_us, seq).seeding = true;
    ++stats_.seeding_fetches;
  }
}

// What the real player asked for and the window did not cover (a segment before the one the
// client thinks it needs next, e.g. where hls.js starts one segment earlier, or beyond the
// prefetch horizon): planned by its own deadline, like any window segment. A wanted segment
// inside the window is left to PlanWindow: hls.js asking early is not urgency, and fetching it
// at once would take from the CDN what peers are about to have.
void Scheduler::PlanPlayerWants(TimeUs now_us) {
  player_wants_.erase(std::remove_if(player_wants_.begin(), player_wants_.end(),
                                     [&](SegmentSeq seq) {
                                       return Held(seq) || seq < playlist_.first_seq() ||
                                              seq >= stream_.EndSeq();
                                     }),
                      player_wants_.end());
  const SegmentSeq window_first = std::max(player_->NextNeededSeq(), playlist_.first_seq());
  const SegmentSeq window_end = WindowEndSeq(now_us);
  for (const SegmentSeq seq : player_wants_) {
    if (seq >= window_first && seq < window_end) continue;
    // Not listed yet (the player's playlist is newer): waits for the next reload.
    if (!playlist_.Lists(seq) || transfers_.FindBySeq(seq) != nullptr) continue;
    PlanSegment(now_us, seq, std::max<DurationUs>(0, TimeUntilNeeded(seq)));
  }
}

// --- Urgent CDN fetches --------------------------------------------------------------------

// Downloads share the viewer's downlink, so a segment needed soon arrives sooner alone: later
// segments that have little of their bytes yet make way (they are planned again once it is here)
// and the fetch takes the rendition that arrives in time.
void Scheduler::StartUrgentCdnFetch(TimeUs now_us, SegmentSeq seq, DurationUs needed_in_us) {
  if (config_.urgent_preempt_fraction > 0) {
    std::vector<TransferId> preempted;
    for (const Transfer& t : transfers_.all()) {
      if (t.key.seq <= seq || t.PromiseHolds(now_us)) continue;
      if (t.from_cdn() && !t.seeding) continue;  // itself urgent for a later segment
      if (static_cast<double>(t.bytes_received) <
          config_.urgent_preempt_fraction * static_cast<double>(t.size_bytes)) {
        preempted.push_back(t.id);
      }
    }
    for (TransferId id : preempted) CancelTransfer(now_us, id, Reason::kPreempted);
  }
  FetchFromCdn(now_us, SegmentKey{UrgentRendition(seq, needed_in_us), seq});
}

bool Scheduler::UrgentCdnFetchRunning() const {
  return std::any_of(transfers_.all().begin(), transfers_.all().end(), [&](const Transfer& t) {
    return t.from_cdn() && TimeUntilNeeded(t.key.seq) < config_.urgent_window_us;
  });
}

RenditionIndex Scheduler::UrgentRendition(SegmentSeq seq, DurationUs needed_in_us) const {
  const double estimate_bps = static_cast<double>(abr_->EstimatedThroughputBps());
  if (config_.urgent_downswitch_safety_factor <= 0 || estimate_bps <= 0) return rendition_;
  const double share_bps = estimate_bps / static_cast<double>(transfers_.all().size() + 1);
  for (RenditionIndex r = rendition_; r > 0; --r) {
    const double fetch_us =
        static_cast<double>(ExpectedSizeBytes(SegmentKey{r, seq})) * 8e6 / share_bps;
    if (fetch_us * config_.urgent_downswitch_safety_factor < static_cast<double>(needed_in_us)) {
      return r;
    }
  }
  return 0;
}

bool Scheduler::PeerTransferWillFinish(const Transfer& t, TimeUs now_us,
                                       DurationUs needed_in_us) const {
  // An uploader that admits by deadline promised, by sending bytes, to finish in time; its
  // rate so far says little while it shares its uplink with uploads admitted before.
  if (t.PromiseHolds(now_us)) return true;
  const double remaining_us = RemainingUs(t, now_us);
  return remaining_us * config_.p2p_finish_safety_factor < static_cast<double>(needed_in_us);
}

// Time the rest of `t` takes at the rate seen so far (at the peer's throughput estimate
// before any byte arrived); infinite without either.
double Scheduler::RemainingUs(const Transfer& t, TimeUs now_us) const {
  const PeerState* peer = t.from_cdn() ? nullptr : peers_.Find(t.peer);
  double rate_bps = peer != nullptr ? peer->throughput_bps : 0.0;
  const std::int64_t arrived_bytes = t.bytes_received - t.prefix_bytes;  // by this transfer
  if (arrived_bytes > 0 && now_us > t.started_us) {
    rate_bps =
        static_cast<double>(arrived_bytes) * 8e6 / static_cast<double>(now_us - t.started_us);
  }
  if (rate_bps <= 0) return std::numeric_limits<double>::infinity();
  return static_cast<double>(t.size_bytes - t.bytes_received) * 8e6 / rate_bps;
}

bool Scheduler::ShouldSeed(SegmentSeq seq, TimeUs* seed_at_us) const {
  if (!config_.cdn_seeding_enabled || !config_.p2p_enabled || !stream_.live()) return false;
  // One draw per (viewer, segment), so re-planning does not re-roll the dice.
  const int swarm = swarm_size_ > 0 ? swarm_size_ : peers_.size() + 1;
  const double base =
      std::min(1.0, std::max(config_.seeders_per_segment / swarm, config_.seeding_fraction));
  // The gain (>= 1) raises the odds up to kMaxSeedingOdds; odds already above that are kept.
  const double probability = std::max(base, std::min(kMaxSeedingOdds, base * seeding_gain_));
  const std::uint64_t bits = HashKeys(profile_.seed, static_cast<std::uint64_t>(seq), 0x5eed);
  if (BitsToUnitDouble(bits) >= probability) return false;
  const double jitter = BitsToUnitDouble(SplitMix64(bits));
  const TimeUs seen_us = playlist_.SeenAtUs(seq);
  if (seen_us == kNever) return false;
  *seed_at_us = seen_us +
                static_cast<DurationUs>(jitter * static_cast<double>(config_.seeding_jitter_us));
  return true;
}

}  // namespace cdnmesh

namespace cdnmesh {

void Scheduler::ScheduleWakeUp(TimeUs now_us) {
  TimeUs wake_us = next_announce_us_;
  auto consider = [&](TimeUs t) {
    if (t > now_us && t < wake_us) wake_us = t;
  };
  for (const Transfer& t : transfers_.all()) {
    consider(t.last_progress_us + (t.from_cdn() ? config_.cdn_timeout_us : config_.p2p_timeout_us));
  }
  for (const SegmentAttempts& a : attempts_) consider(a.cdn_retry_at_us);
  if (player_->state() == PlayerState::kEnded) {
    next_wakeup_us_ = wake_us;
    return;
  }
  const bool playing = player_->state() == PlayerState::kPlaying;
  if (playing) {
    consider(player_->NextEventUs());
    // +1: the rule fires strictly below the threshold.
    consider(now_us + player_->BufferAheadUs() - config_.min_buffer_us + 1);
  }
  const SegmentSeq end = WindowEndSeq(now_us);
  if (playing) consider(now_us + TimeUntilNeeded(end) - config_.p2p_window_us + 1);
  for (SegmentSeq seq = player_->NextNeededSeq(); seq < end; ++seq) {
    if (Held(seq)) continue;
    if (transfers_.FindCdnBySeq(seq) != nullptr) continue;
    const Transfer* running = transfers_.FindBySeq(seq);
    if (playing) consider(now_us + TimeUntilNeeded(seq) - config_.urgent_window_us + 1);
    TimeUs seed_at_us = kNever;
    if (running == nullptr && ShouldSeed(seq, &seed_at_us)) consider(seed_at_us);
  }
  next_wakeup_us_ = wake_us;
}

}  // namespace cdnmesh
