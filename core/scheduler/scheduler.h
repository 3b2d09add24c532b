// The per-viewer scheduler: a sans-I/O state machine that owns the viewer's player and ABR and
// decides what to fetch next and from where (CDN or which peer), which uploads to serve and whom to
// tell about new segments. Every input carries the current time; outputs are Actions, drained by
// the host, plus the next time the scheduler wants to be woken (NextWakeUpUs).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include "core/common/random.h"
#include "core/common/time.h"
#include "core/common/types.h"
#include "core/player/abr.h"
#include "core/player/player.h"
#include "core/scheduler/action.h"
#include "core/scheduler/peer_table.h"
#include "core/scheduler/scheduler_config.h"
#include "core/scheduler/scheduler_stats.h"
#include "core/scheduler/segment_cache.h"
#include "core/scheduler/transfer_table.h"
#include "core/scheduler/upload_admission.h"
#include "core/stream/playlist.h"
#include "core/stream/stream.h"

namespace cdnmesh {

/// Who this viewer is, as far as its own scheduling is concerned.
struct ViewerProfile {
  DeviceClass device = DeviceClass::kDesktop;
  std::uint64_t seed = 1;  ///< seeds the scheduler's own Rng (peer choice, seeding draws)
  /// Upload capacity the client measured, bps: 0 = no uplink (uploads and advertises nothing),
  /// kUnknownUploadCapacity = not measured (admission by slots only).
  std::int64_t upload_capacity_bps = kUnknownUploadCapacity;
};

/// One viewer's scheduler. The stream must outlive it. Not thread-safe (one host thread).
class Scheduler {
 public:
  /// With the simulated playback model (Player).
  Scheduler(const Stream& stream, SchedulerConfig config, PlayerConfig player_config,
            std::unique_ptr<AbrPolicy> abr, ViewerProfile profile);
  /// With the given playback (e.g. ReportedPlayback fed by a real player).
  Scheduler(const Stream& stream, SchedulerConfig config, std::unique_ptr<Playback> playback,
            std::unique_ptr<AbrPolicy> abr, ViewerProfile profile);

  // --- Inputs (each runs a planning pass unless noted) --------------------------------------
  /// Playback starts at `now_us` from segment `start_seq`; the session began at
  /// `session_start_us` (kNever: now), from which startup delay counts.
  void OnStart(TimeUs now_us, SegmentSeq start_seq, TimeUs session_start_us = kNever);
  /// A media playlist was loaded: it lists the segments the scheduler may fetch. A VOD title
  /// is listed whole from construction (its playlist never changes).
  void OnPlaylist(TimeUs now_us, const Playlist& playlist);
  /// The viewer leaves: cancels downloads, ends playback.
  void OnStop(TimeUs now_us);
  /// A timer fired (the host honours NextWakeUpUs), or the host just wants a planning pass.
  void OnTick(TimeUs now_us);
  /// The tracker reports `swarm_size` viewers in this viewer's swarm (for seeding odds).
  void OnSwarmSize(TimeUs now_us, int swarm_size);
  /// A data channel to `peer` is open.
  void OnPeerConnected(TimeUs now_us, PeerId peer);
  /// The connection to `peer` closed; its downloads in flight fail.
  void OnPeerDisconnected(TimeUs now_us, PeerId peer);
  /// `peer` announced it holds `key`. Plans only when that can change a decision now.
  void OnPeerHave(TimeUs now_us, PeerId peer, SegmentKey key);
  /// Download `id` has received `bytes_received` bytes so far, of `total_bytes` (0: not known
  /// yet; sizes are learnt from the response, not from the playlist). Records only: the next
  /// planning pass sees it (hosts report progress right before OnTick).
  void OnTransferProgress(TimeUs now_us, TransferId id, std::int64_t bytes_received,
                          std::int64_t total_bytes = 0);
  /// Download `id` completed (all bytes received); `size_bytes` is the segment's size (0: as
  /// last reported).
  void OnTransferDone(TimeUs now_us, TransferId id, std::int64_t size_bytes = 0);
  /// Download `id` failed after `bytes_received` bytes. `reason` is the peer's refusal reason if
  /// it refused (kNoSlot / kRateBudget mean "busy, ask later": the segment keeps its attempts),
  /// or kNone for errors (connection lost, HTTP error).
  void OnTransferFailed(TimeUs now_us, TransferId id, std::int64_t bytes_received,
                        Reason reason = Reason::kNone);
  /// `peer` asks for `key`, needed within `deadline_us` (kNever: no deadline); answered at once
  /// with kAcceptUpload or kRejectUpload (no planning).
  void OnUploadRequest(TimeUs now_us, UploadRequestId upload, PeerId peer, SegmentKey key,
                       DurationUs deadline_us = kNever);
  /// An accepted upload finished or was aborted; frees its slot.
  void OnUploadDone(TimeUs now_us, UploadRequestId upload);
  /// The host's real player asks for segment `seq` of the current rendition now (a browser's
  /// hls.js fragment request): unless held or in flight, it is planned as urgent, even outside
  /// the windows. The simulator never calls it.
  void OnPlayerWants(TimeUs now_us, SegmentSeq seq);
  /// New settings from the distributor (the session keeps its transfers, peers and cache).
  void Reconfigure(TimeUs now_us, const SchedulerConfig& config, const PlayerConfig& player_config,
                   std::unique_ptr<AbrPolicy> abr);
  /// The client's new estimate of its upload capacity (same meaning as in ViewerProfile).
  void OnUploadCapacity(std::int64_t upload_capacity_bps) {
    uploads_.SetUploadCapacity(upload_capacity_bps);
  }

  // --- Outputs -------------------------------------------------------------------------------
  /// Moves the pending actions into `out` (cleared first), in the order they were decided.
  void DrainActions(std::vector<Action>* out);
  /// The pending actions (not yet drained).
  const std::vector<Action>& pending_actions() const { return actions_; }
  /// The next time the scheduler needs an OnTick, or kNever.
  TimeUs NextWakeUpUs() const { return next_wakeup_us_; }

  // --- Observation ---------------------------------------------------------------------------
  /// The playback (state, buffer, QoS).
  const Playback& player() const { return *player_; }
  /// Delivery counters.
  const SchedulerStats& stats() const { return stats_; }
  /// Downloads in flight.
  const TransferTable& transfers() const { return transfers_; }
  /// Connected peers.
  const PeerTable& peers() const { return peers_; }
  /// Held segments.
  const SegmentCache& cache() const { return cache_; }
  /// The playlists loaded so far.
  const PlaylistView& playlist() const { return playlist_; }
  /// True once OnStart ran.
  bool started() const { return started_; }
  /// Rendition the scheduler currently fetches (last ABR decision).
  RenditionIndex current_rendition() const { return rendition_; }
  /// The configuration.
  const SchedulerConfig& config() const { return config_; }
  /// Whether this viewer advertises `key` to peers (it could serve at least one upload of it).
  bool Advertises(SegmentKey key) const {
    return uploads_.CouldServe(RealtimeBps(key), stream_.segment_duration_us());
  }
  /// Adaptive seeding's current factor on the seeding odds (1 when off).
  double seeding_gain() const { return seeding_gain_; }
  /// Largest seeding gain: 2^12 (a single viewer's odds reach any cap from 1 in 10 000).
  static constexpr double kMaxSeedingGain = 4096.0;
  /// The upload capacity admission works with, bps (kUnknownUploadCapacity: not measured).
  std::int64_t upload_capacity_bps() const { return uploads_.upload_capacity_bps(); }

 private:
  /// An upload of a segment this viewer is still receiving.
  struct PartialUpload {
    UploadRequestId upload;
    PeerId peer;
    SegmentKey key;
  };
  /// A peer download cancelled for the CDN in this planning pass: what it received, which the
  /// pass's CDN fetch of that segment continues (cdn_resumes_peer_prefix).
  struct PeerPrefix {
    TransferId transfer = 0;
    SegmentKey key;
    std::int64_t bytes = 0;
    std::int64_t size_bytes = 0;
    bool relay_announced = false;
  };
  struct SegmentAttempts {
    SegmentSeq seq;
    int p2p_failures;
    TimeUs cdn_retry_at_us;
  };

  // Planning (scheduler_plan.cc).
  void Plan(TimeUs now_us);
  void CheckTimeouts(TimeUs now_us);
  void ResyncIfBehindPlaylist(TimeUs now_us);
  void ApplyBufferRule(TimeUs now_us);
  void PlanWindow(TimeUs now_us);
  void PlanSegment(TimeUs now_us, SegmentSeq seq, DurationUs time_until_needed_us);
  void PlanPlayerWants(TimeUs now_us);
  bool CdnSlotFree(bool for_seeding) const;
  // The minimum-buffer rule's or the urgent window's CDN fetch of `seq`, needed in
  // `needed_in_us` (urgent_preempt_fraction, urgent_downswitch_safety_factor).
  void StartUrgentCdnFetch(TimeUs now_us, SegmentSeq seq, DurationUs needed_in_us);
  bool UrgentCdnFetchRunning() const;  // a CDN fetch of a segment inside the urgent window
  RenditionIndex UrgentRendition(SegmentSeq seq, DurationUs needed_in_us) const;
  bool PeerTransferWillFinish(const Transfer& t, TimeUs now_us,
                              DurationUs time_until_needed_us) const;
  double RemainingUs(const Transfer& t, TimeUs now_us) const;  // at its rate so far
  bool ShouldSeed(SegmentSeq seq, TimeUs* seed_at_us) const;
  void ScheduleWakeUp(TimeUs now_us);
  DurationUs TimeUntilNeeded(SegmentSeq seq) const;
  SegmentSeq WindowEndSeq(TimeUs now_us) const;

  // Carrying out decisions (scheduler.cc).
  Transfer& FetchFromCdn(TimeUs now_us, SegmentKey key);  // the new transfer
  Transfer& FetchFromCdn(TimeUs now_us, SegmentSeq seq) {  // of the current rendition
    return FetchFromCdn(now_us, SegmentKey{rendition_, seq});
  }
  // Starts a peer download of `seq` if a holder with a free slot exists and, when `deadline_us`
  // is not kNever, that holder would surely deliver within it.
  bool FetchFromPeer(TimeUs now_us, SegmentSeq seq, DurationUs deadline_us);
  // Takes it out; its bytes so far, but `kept_bytes`, are wasted.
  Transfer RemoveTransfer(TransferId id, std::int64_t kept_bytes = 0);
  void CancelTransfer(TimeUs now_us, TransferId id, Reason reason);
  void DropResumable();  // the prefix no fetch continued is wasted
  void RecordFailure(TimeUs now_us, const Transfer& t, bool timed_out);
  void RecordBusy(TimeUs now_us, const Transfer& t);
  void CompleteSegment(TimeUs now_us, const Transfer& t);
  void TellPeers(SegmentKey key);
  void AdaptSeeding(const Transfer& t);
  void MaybeAnnounceRelay(Transfer& t);
  const Transfer* RelaySource(SegmentKey key) const;
  void AbortOrphanedRelays();
  void ChooseRendition(TimeUs now_us);
  void MaybeAnnounce(TimeUs now_us);
  SegmentAttempts& AttemptsFor(SegmentSeq seq);
  const SegmentAttempts* FindAttempts(SegmentSeq seq) const;
  bool Held(SegmentSeq seq) const;
  bool HaveMayChangePlan(TimeUs now_us, SegmentKey key) const;
  double RealtimeBps(SegmentKey key) const;  // segment size / duration, bits per second
  std::int64_t ExpectedSizeBytes(SegmentKey key) const;  // held size, else bitrate x duration
  void Emit(const Action& action) { actions_.push_back(action); }

  const Stream& stream_;
  SchedulerConfig config_;
  std::unique_ptr<Playback> player_;
  std::unique_ptr<AbrPolicy> abr_;
  ViewerProfile profile_;
  Rng rng_;
  PlaylistView playlist_;
  PeerTable peers_;
  TransferTable transfers_;
  SegmentCache cache_;
  UploadAdmission uploads_;
  std::vector<UploadRequestId> active_uploads_;
  std::vector<PartialUpload> relays_;      // accepted uploads of segments still arriving
  std::vector<SegmentAttempts> attempts_;  // per segment in the window, oldest first
  std::vector<SegmentSeq> player_wants_;   // OnPlayerWants not yet held (empty in simulation)
  std::vector<Action> actions_;
  std::optional<PeerPrefix> resumable_;    // set and used within one planning pass
  SchedulerStats stats_;
  RenditionIndex rendition_ = 0;
  RenditionIndex announced_rendition_ = 0;
  TransferId next_transfer_id_ = 1;
  int swarm_size_ = 0;
  double seeding_gain_ = 1.0;  // adaptive seeding's factor on the seeding odds (>= 1)
  TimeUs next_announce_us_ = 0;
  TimeUs next_wakeup_us_ = kNever;
  bool started_ = false;
  bool stopped_ = false;
};

}  // namespace cdnmesh
