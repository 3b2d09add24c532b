// Upload admission: whether this viewer serves a peer's request, by P2P switch, device class,
// upload slots, a token-bucket rate budget and a session data cap.
#pragma once

#include <cstdint>

#include "core/common/time.h"
#include "core/common/types.h"
#include "core/scheduler/action.h"
#include "core/scheduler/scheduler_config.h"

namespace cdnmesh {

/// An upload capacity nobody measured: admission by slots only.
inline constexpr std::int64_t kUnknownUploadCapacity = -1;

/// Upload slots, rate budget and data cap of one viewer.
class UploadAdmission {
 public:
  /// `upload_capacity_bps` is the viewer's measured upload capacity: 0 = no uplink (uploads
  /// nothing), kUnknownUploadCapacity = not measured (slots only).
  UploadAdmission(const SchedulerConfig& config, DeviceClass device,
                  std::int64_t upload_capacity_bps = kUnknownUploadCapacity);

  /// Decides on a request for `size_bytes` at `now_us` whose real-time rate (size / segment
  /// duration) is `realtime_bps`, which the requester needs within `deadline_us` (kNever: no
  /// deadline) and whose last byte this viewer has in `ready_in_us` (0: held; a relay: when
  /// its own download ends): Reason::kNone to accept (and then the slot, tokens and cap are
  /// taken), or the reason to refuse.
  Reason Admit(TimeUs now_us, std::int64_t size_bytes, double realtime_bps = 0,
               DurationUs deadline_us = kNever, double ready_in_us = 0);
  /// Whether an upload of a segment of `segment_duration_us` at `realtime_bps` could ever be
  /// admitted (P2P on, a device that uploads, at least one slot, an uplink, and, if measured,
  /// room for one upload's real-time share, or under deadline admission time to send one
  /// segment within the longest deadline a requester sends).
  bool CouldServe(double realtime_bps, DurationUs segment_duration_us) const;
  /// An accepted upload ended (done or aborted): frees its slot.
  void Release();
  /// Takes new settings; uploads in progress and bytes accepted so far are kept.
  void Reconfigure(const SchedulerConfig& config);
  /// A new measurement of the upload capacity (same meaning as in the constructor).
  void SetUploadCapacity(std::int64_t upload_capacity_bps) {
    upload_capacity_bps_ = upload_capacity_bps;
  }
  /// The upload capacity admission works with, bps.
  std::int64_t upload_capacity_bps() const { return upload_capacity_bps_; }
  /// Bytes accepted for upload so far.
  std::int64_t accepted_bytes() const { return accepted_bytes_; }
  /// Uploads in progress.
  int active() const { return active_; }

 private:
  void Refill(TimeUs now_us);
  // Whether sharing the uplink with one more upload breaks the admission rule in force.
  bool Overloaded(TimeUs now_us, std::int64_t size_bytes, double realtime_bps,
                  DurationUs deadline_us, double ready_in_us) const;
  // When the backlog would be sent with `size_bytes` more admitted at `now_us` (capacity > 0).
  TimeUs DrainedWith(TimeUs now_us, std::int64_t size_bytes) const;

  bool p2p_enabled_;
  DeviceClass device_;
  int slots_;
  double min_realtime_factor_;
  bool deadline_admission_;
  DurationUs longest_deadline_us_;  // prefetch window / finish safety factor
  std::int64_t upload_capacity_bps_;
  std::int64_t rate_limit_bps_;
  double bucket_depth_bytes_;
  std::int64_t cap_bytes_;
  double tokens_bytes_;
  TimeUs last_refill_us_ = 0;
  int active_ = 0;
  std::int64_t accepted_bytes_ = 0;
  // The uplink's backlog as a finish time: each admitted upload adds its size at capacity.
  // A link that never idles while it has work sends them all by then, however it shares.
  TimeUs drained_at_us_ = 0;
};

}  // namespace cdnmesh
