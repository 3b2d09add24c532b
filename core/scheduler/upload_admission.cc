#include "core/scheduler/upload_admission.h"

#include <algorithm>
#include <cassert>
#include <cmath>

namespace cdnmesh {
namespace {

// Time to send `bytes` at `rate_bps` (> 0), microseconds, rounded up.
DurationUs SendTimeUs(std::int64_t bytes, std::int64_t rate_bps) {
  return static_cast<DurationUs>(
      std::ceil(static_cast<double>(bytes) * 8e6 / static_cast<double>(rate_bps)));
}

}  // namespace

UploadAdmission::UploadAdmission(const SchedulerConfig& config, DeviceClass device,
                                 std::int64_t upload_capacity_bps)
    : p2p_enabled_(config.p2p_enabled),
      device_(device),
      slots_(config.upload_slots),
      min_realtime_factor_(config.upload_min_realtime_factor),
      deadline_admission_(config.upload_deadline_admission),
      longest_deadline_us_(static_cast<DurationUs>(static_cast<double>(config.p2p_window_us) /
                                                   config.p2p_finish_safety_factor)),
      upload_capacity_bps_(upload_capacity_bps),
      rate_limit_bps_(config.upload_rate_limit_bps),
      bucket_depth_bytes_(static_cast<double>(config.upload_rate_limit_bps) / 8.0 *
                          UsToSeconds(config.upload_burst_us)),
      cap_bytes_(config.upload_cap_bytes),
      tokens_bytes_(bucket_depth_bytes_) {}

void UploadAdmission::Refill(TimeUs now_us) {
  if (now_us <= last_refill_us_) return;
  const double earned =
      static_cast<double>(rate_limit_bps_) / 8.0 * UsToSeconds(now_us - last_refill_us_);
  tokens_bytes_ = std::min(bucket_depth_bytes_, tokens_bytes_ + earned);
  last_refill_us_ = now_us;
}

Reason UploadAdmission::Admit(TimeUs now_us, std::int64_t size_bytes, double realtime_bps,
                              DurationUs deadline_us, double ready_in_us) {
  if (!p2p_enabled_) return Reason::kP2pDisabled;
  if (device_ == DeviceClass::kMobileCellular || upload_capacity_bps_ == 0) {
    return Reason::kDeviceClass;  // this viewer does not upload at all
  }
  if (active_ >= slots_) return Reason::kNoSlot;
  // Busy: the requester asks another holder instead of starting a transfer that arrives late.
  if (Overloaded(now_us, size_bytes, realtime_bps, deadline_us, ready_in_us)) {
    return Reason::kNoSlot;
  }
  if (cap_bytes_ > 0 && accepted_bytes_ + size_bytes > cap_bytes_) return Reason::kDataCap;
  if (rate_limit_bps_ > 0) {
    Refill(now_us);
    // A request is admitted while the bucket is positive and may overdraw it: a segment larger
    // than the bucket can still be served, and the debt delays the next admission.
    if (tokens_bytes_ <= 0) return Reason::kRateBudget;
    tokens_bytes_ -= static_cast<double>(size_bytes);
  }
  ++active_;
  accepted_bytes_ += size_bytes;
  if (upload_capacity_bps_ > 0) drained_at_us_ = DrainedWith(now_us, size_bytes);
  return Reason::kNone;
}

TimeUs UploadAdmission::DrainedWith(TimeUs now_us, std::int64_t size_bytes) const {
  return std::max(drained_at_us_, now_us) + SendTimeUs(size_bytes, upload_capacity_bps_);
}

bool UploadAdmission::Overloaded(TimeUs now_us, std::int64_t size_bytes, double realtime_bps,
                                 DurationUs deadline_us, double ready_in_us) const {
  // Sharing the link with one more upload must leave each faster than real time.
  const bool below_realtime = upload_capacity_bps_ > 0 && min_realtime_factor_ > 0 &&
                              realtime_bps > 0 &&
                              static_cast<double>(upload_capacity_bps_) <
                                  (active_ + 1) * realtime_bps * min_realtime_factor_;
  if (!deadline_admission_ || deadline_us == kNever) return below_realtime;
  // A relay ends no earlier than its own download.
  if (ready_in_us > static_cast<double>(deadline_us)) return true;
  // Not measured yet: one upload at a time, which measures the uplink.
  if (upload_capacity_bps_ < 0) return active_ > 0;
  // The backlog, this upload included, must drain before the requester's deadline.
  if (DrainedWith(now_us, size_bytes) - now_us > deadline_us) return true;
  // An uplink that can give one upload its real-time share keeps the real-time rule too: it
  // serves few fast uploads rather than many slow ones, which relay on at their pace.
  const bool fast = static_cast<double>(upload_capacity_bps_) >= realtime_bps * min_realtime_factor_;
  return fast && below_realtime;
}

bool UploadAdmission::CouldServe(double realtime_bps, DurationUs segment_duration_us) const {
  if (!p2p_enabled_ || device_ == DeviceClass::kMobileCellular || slots_ <= 0 ||
      upload_capacity_bps_ == 0) {
    return false;
  }
  if (upload_capacity_bps_ < 0 || realtime_bps <= 0) return true;
  if (deadline_admission_) {
    // One segment must fit the longest deadline a requester sends (the prefetch window).
    const double send_us = realtime_bps * static_cast<double>(segment_duration_us) /
                           static_cast<double>(upload_capacity_bps_);
    return send_us <= static_cast<double>(longest_deadline_us_);
  }
  return min_realtime_factor_ <= 0 ||
         static_cast<double>(upload_capacity_bps_) >= realtime_bps * min_realtime_factor_;
}

void UploadAdmission::Reconfigure(const SchedulerConfig& config) {
  UploadAdmission fresh(config, device_, upload_capacity_bps_);
  fresh.active_ = active_;
  fresh.accepted_bytes_ = accepted_bytes_;
  fresh.drained_at_us_ = drained_at_us_;
  *this = fresh;
}

void UploadAdmission::Release() {
  assert(active_ > 0);
  --active_;
}

}  // namespace cdnmesh
