#include "core/scheduler/upload_admission.h"

#include <algorithm>
#include <cassert>

namespace cdnmesh {

UploadAdmission::UploadAdmission(const SchedulerConfig& config, DeviceClass device,
                                 std::int64_t upload_capacity_bps)
    : p2p_enabled_(config.p2p_enabled),
      device_(device),
      slots_(config.upload_slots),
      min_realtime_factor_(config.upload_min_realtime_factor),
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

Reason UploadAdmission::Admit(TimeUs now_us, std::int64_t size_bytes, double realtime_bps) {
  if (!p2p_enabled_) return Reason::kP2pDisabled;
  if (device_ == DeviceClass::kMobileCellular || upload_capacity_bps_ == 0) {
    return Reason::kDeviceClass;  // this viewer does not upload at all
  }
  if (active_ >= slots_) return Reason::kNoSlot;
  // Sharing the link with one more upload must leave each faster than real time (busy: the
  // requester asks another holder instead of starting a transfer that arrives too late).
  if (upload_capacity_bps_ > 0 && min_realtime_factor_ > 0 && realtime_bps > 0 &&
      static_cast<double>(upload_capacity_bps_) <
          (active_ + 1) * realtime_bps * min_realtime_factor_) {
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
  return Reason::kNone;
}

bool UploadAdmission::CouldServe(double realtime_bps) const {
  if (!p2p_enabled_ || device_ == DeviceClass::kMobileCellular || slots_ <= 0 ||
      upload_capacity_bps_ == 0) {
    return false;
  }
  return upload_capacity_bps_ <= 0 || min_realtime_factor_ <= 0 ||
         static_cast<double>(upload_capacity_bps_) >= realtime_bps * min_realtime_factor_;
}

void UploadAdmission::Reconfigure(const SchedulerConfig& config) {
  UploadAdmission fresh(config, device_, upload_capacity_bps_);
  fresh.active_ = active_;
  fresh.accepted_bytes_ = accepted_bytes_;
  *this = fresh;
}

void UploadAdmission::Release() {
  assert(active_ > 0);
  --active_;
}

}  // namespace cdnmesh
