// The one list of the client's tunable knobs: each knob's wire name and the member it sets.
// The protocol encodes ConfigResponse with it (knob by knob, in this order), the comparison of
// configs is derived from it, and tests check that every knob round-trips on the wire and that
// the scenario schema names no client knob this list lacks.
#pragma once

#include "core/config/client_config.h"

namespace cdnmesh {

/// X(name, member path) for every knob, in wire order. Append new knobs at the end: the order
/// is the wire format.
#define CDNMESH_CLIENT_KNOBS(X) \
  X("scheduler.p2p_enabled", scheduler.p2p_enabled) \
  X("scheduler.urgent_window_us", scheduler.urgent_window_us) \
  X("scheduler.p2p_window_us", scheduler.p2p_window_us) \
  X("scheduler.min_buffer_us", scheduler.min_buffer_us) \
  X("scheduler.race_on_fallback", scheduler.race_on_fallback) \
  X("scheduler.p2p_finish_safety_factor", scheduler.p2p_finish_safety_factor) \
  X("scheduler.max_cdn_transfers", scheduler.max_cdn_transfers) \
  X("scheduler.max_p2p_transfers", scheduler.max_p2p_transfers) \
  X("scheduler.max_p2p_per_peer", scheduler.max_p2p_per_peer) \
  X("scheduler.p2p_timeout_us", scheduler.p2p_timeout_us) \
  X("scheduler.cdn_timeout_us", scheduler.cdn_timeout_us) \
  X("scheduler.peer_busy_backoff_us", scheduler.peer_busy_backoff_us) \
  X("scheduler.max_p2p_attempts_per_segment", scheduler.max_p2p_attempts_per_segment) \
  X("scheduler.cdn_retry_backoff_us", scheduler.cdn_retry_backoff_us) \
  X("scheduler.default_peer_throughput_bps", scheduler.default_peer_throughput_bps) \
  X("scheduler.peer_throughput_ewma_weight", scheduler.peer_throughput_ewma_weight) \
  X("scheduler.cdn_seeding_enabled", scheduler.cdn_seeding_enabled) \
  X("scheduler.seeders_per_segment", scheduler.seeders_per_segment) \
  X("scheduler.seeding_fraction", scheduler.seeding_fraction) \
  X("scheduler.seeding_miss_target", scheduler.seeding_miss_target) \
  X("scheduler.seeding_jitter_us", scheduler.seeding_jitter_us) \
  X("scheduler.upload_slots", scheduler.upload_slots) \
  X("scheduler.upload_rate_limit_bps", scheduler.upload_rate_limit_bps) \
  X("scheduler.upload_burst_us", scheduler.upload_burst_us) \
  X("scheduler.upload_min_realtime_factor", scheduler.upload_min_realtime_factor) \
  X("scheduler.upload_deadline_admission", scheduler.upload_deadline_admission) \
  X("scheduler.upload_cap_bytes", scheduler.upload_cap_bytes) \
  X("scheduler.relay_after_bytes", scheduler.relay_after_bytes) \
  X("scheduler.cache_capacity_bytes", scheduler.cache_capacity_bytes) \
  X("scheduler.max_have_fanout", scheduler.max_have_fanout) \
  X("scheduler.announce_interval_us", scheduler.announce_interval_us) \
  X("player.startup_buffer_us", player.startup_buffer_us) \
  X("player.resume_buffer_us", player.resume_buffer_us) \
  X("player.live_start_behind_edge_segments", player.live_start_behind_edge_segments) \
  X("abr", abr) \
  X("throughput_abr.fast_half_life_s", throughput_abr.fast_half_life_s) \
  X("throughput_abr.slow_half_life_s", throughput_abr.slow_half_life_s) \
  X("throughput_abr.default_estimate_bps", throughput_abr.default_estimate_bps) \
  X("throughput_abr.min_sample_weight_s", throughput_abr.min_sample_weight_s) \
  X("throughput_abr.bandwidth_factor", throughput_abr.bandwidth_factor) \
  X("throughput_abr.bandwidth_up_factor", throughput_abr.bandwidth_up_factor) \
  X("buffer_abr.reservoir_us", buffer_abr.reservoir_us) \
  X("buffer_abr.cushion_us", buffer_abr.cushion_us) \
  X("max_connections", max_connections) \
  X("connect_timeout_us", connect_timeout_us) \
  X("playlist_reload_interval_us", playlist_reload_interval_us) \
  X("scheduler.urgent_preempt_fraction", scheduler.urgent_preempt_fraction) \
  X("scheduler.urgent_downswitch_safety_factor", scheduler.urgent_downswitch_safety_factor) \
  X("scheduler.cdn_resumes_peer_prefix", scheduler.cdn_resumes_peer_prefix)

/// Calls `visit(name, member)` for every knob of `c` (a ClientConfig, const or not), in wire
/// order.
template <typename Config, typename Visitor>
void VisitClientKnobs(Config& c, Visitor&& visit) {
#define CDNMESH_VISIT_KNOB(name, path) visit(name, c.path);
  CDNMESH_CLIENT_KNOBS(CDNMESH_VISIT_KNOB)
#undef CDNMESH_VISIT_KNOB
}

/// True when every knob of `a` equals the same knob of `b`.
inline bool operator==(const ClientConfig& a, const ClientConfig& b) {
#define CDNMESH_KNOB_EQUAL(name, path) \
  if (!(a.path == b.path)) return false;
  CDNMESH_CLIENT_KNOBS(CDNMESH_KNOB_EQUAL)
#undef CDNMESH_KNOB_EQUAL
  return true;
}
/// True when some knob differs.
inline bool operator!=(const ClientConfig& a, const ClientConfig& b) { return !(a == b); }

/// Number of knobs.
inline constexpr int kClientKnobCount = 0
#define CDNMESH_COUNT_KNOB(name, path) +1
    CDNMESH_CLIENT_KNOBS(CDNMESH_COUNT_KNOB);
#undef CDNMESH_COUNT_KNOB

}  // namespace cdnmesh
