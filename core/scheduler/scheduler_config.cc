#include "core/scheduler/scheduler_config.h"

#include <cmath>
#include <string>

namespace cdnmesh {
namespace {

Error OutOfRange(const char* field, const std::string& range) {
  return Error{std::string(field) + ": must be " + range};
}

}  // namespace

Status ValidateSchedulerConfig(const SchedulerConfig& c) {
  if (c.urgent_window_us < 0) return OutOfRange("urgent_window_us", ">= 0");
  if (c.p2p_window_us < c.urgent_window_us) {
    return OutOfRange("p2p_window_us",
                      ">= urgent_window_us (" + std::to_string(c.urgent_window_us) + ")");
  }
  if (c.min_buffer_us < 0) return OutOfRange("min_buffer_us", ">= 0");
  if (c.min_buffer_us > c.p2p_window_us) {
    return OutOfRange("min_buffer_us",
                      "<= p2p_window_us (" + std::to_string(c.p2p_window_us) + ")");
  }
  if (!(c.p2p_finish_safety_factor >= 1.0)) return OutOfRange("p2p_finish_safety_factor", ">= 1");
  if (!(c.urgent_preempt_fraction >= 0.0 && c.urgent_preempt_fraction <= 1.0)) {
    return OutOfRange("urgent_preempt_fraction", "[0, 1] (0 = no priority)");
  }
  if (!(c.urgent_downswitch_safety_factor == 0.0 || (c.urgent_downswitch_safety_factor >= 1.0 &&
                                                     !std::isinf(c.urgent_downswitch_safety_factor)))) {
    return OutOfRange("urgent_downswitch_safety_factor", "0 (off) or a finite number >= 1");
  }
  if (c.max_cdn_transfers < 1) return OutOfRange("max_cdn_transfers", ">= 1");
  if (c.max_p2p_transfers < 0) return OutOfRange("max_p2p_transfers", ">= 0");
  if (c.max_p2p_per_peer < 1) return OutOfRange("max_p2p_per_peer", ">= 1");
  if (c.p2p_timeout_us <= 0) return OutOfRange("p2p_timeout_us", "> 0");
  if (c.cdn_timeout_us <= 0) return OutOfRange("cdn_timeout_us", "> 0");
  if (c.max_p2p_attempts_per_segment < 1) return OutOfRange("max_p2p_attempts_per_segment", ">= 1");
  if (c.peer_busy_backoff_us < 0) return OutOfRange("peer_busy_backoff_us", ">= 0");
  if (c.cdn_retry_backoff_us < 0) return OutOfRange("cdn_retry_backoff_us", ">= 0");
  if (c.default_peer_throughput_bps <= 0) return OutOfRange("default_peer_throughput_bps", "> 0");
  if (!(c.peer_throughput_ewma_weight > 0.0 && c.peer_throughput_ewma_weight <= 1.0)) {
    return OutOfRange("peer_throughput_ewma_weight", "in (0, 1]");
  }
  if (!(c.seeders_per_segment > 0.0)) return OutOfRange("seeders_per_segment", "> 0");
  if (!(c.seeding_fraction >= 0.0 && c.seeding_fraction <= 1.0)) {
    return OutOfRange("seeding_fraction", "[0, 1]");
  }
  if (!(c.seeding_miss_target >= 0.0 && c.seeding_miss_target < 0.5)) {
    return OutOfRange("seeding_miss_target", "[0, 0.5) (0 = fixed seeding odds)");
  }
  if (c.seeding_jitter_us < 0) return OutOfRange("seeding_jitter_us", ">= 0");
  if (c.upload_slots < 0) return OutOfRange("upload_slots", ">= 0");
  if (!(c.upload_min_realtime_factor >= 0)) {
    return OutOfRange("upload_min_realtime_factor", ">= 0 (0 = slots only)");
  }
  if (c.upload_rate_limit_bps < 0)
    return OutOfRange("upload_rate_limit_bps", ">= 0 (0 = unlimited)");
  if (c.upload_burst_us <= 0) return OutOfRange("upload_burst_us", "> 0");
  if (c.upload_cap_bytes < 0) return OutOfRange("upload_cap_bytes", ">= 0 (0 = no cap)");
  if (c.relay_after_bytes < 0) return OutOfRange("relay_after_bytes", ">= 0 (0 = whole segments)");
  if (c.cache_capacity_bytes <= 0) return OutOfRange("cache_capacity_bytes", "> 0");
  if (c.max_have_fanout < 0) return OutOfRange("max_have_fanout", ">= 0 (0 = all)");
  if (c.announce_interval_us <= 0) return OutOfRange("announce_interval_us", "> 0");
  return {};
}

}  // namespace cdnmesh
