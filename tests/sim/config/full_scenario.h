// A scenario that sets every section, shared by the mapping and round-trip tests.
#pragma once

#include <string>

namespace cdnmesh {

/// YAML text with every section given; `csv_path` is the arrival curve file.
inline std::string FullScenarioYaml(const std::string& csv_path) {
  return R"(
name: full
run: {seed: 42, duration_s: 900, timeseries_interval_s: 5, live_on_air_s: 120}
stream:
  live: false
  segment_duration_s: 2
  playlist_window_segments: 8
  size_jitter_ratio: 0.1
  vod_duration_s: 61
  renditions:
    - {bitrate_bps: 1e6, height_px: 480}
    - {bitrate_bps: 3e6, height_px: 1080}
catalog: {titles: 50, zipf_exponent: 1.1}
audience:
  arrivals: {kind: csv, csv: )" +
         csv_path + R"(, rate_per_s: 2, start_s: 1, end_s: 800,
             viewers: 10, ramp_s: 30, peak_fraction: 0.5}
  initial_viewers: 100
  initial_join_window_s: 20
  max_viewers: 5000
  session: {kind: lognormal, mean_s: 600, median_s: 400, sigma: 1.2, min_s: 5}
  devices: {desktop: 1, tv: 2, mobile_wifi: 3, mobile_cellular: 4}
  nat: {open: 4, restricted_cone: 3, port_restricted: 2, symmetric: 1}
  vod_start: {kind: exponential, mean_s: 120}
isps:
  - name: orange
    share: 0.6
    center: {latitude_deg: 48.85, longitude_deg: 2.35}
    radius_km: 400
    access_latency_s: 0.012
    core_latency_s: 0.004
    pop: paris
    access:
      desktop: {down_bps: 100e6, up_bps: {dist: uniform, min: 1e6, max: 20e6}}
      tv: {down_bps: {dist: exponential, mean: 30e6, max: 200e6}}
      mobile_cellular: {up_bps: 1e6}
  - name: free
    share: 0.4
    pop: lyon
cdn:
  pop_selection: nearest
  pops:
    - {name: paris, location: {latitude_deg: 48.8, longitude_deg: 2.3}, egress_bps: 10e9,
       peering_latency_s: 0.003, peering_capacity_bps: 40e9}
    - {name: lyon, egress_bps: 5e9}
transit: {capacity_bps: 1e9, latency_s: 0.025, cost_per_gb: 0.01}
transport: {cdn_window_bytes: 8388608, p2p_window_bytes: 2097152, request_round_trips: 2}
p2p: {enabled: true, max_connections: 12}
tracker:
  policy: same_isp
  peers_per_request: 15
  latency_s: 0.02
  nearest: {max_cells_opened: 100}
  capacity: {include_non_uploaders: false}
  hybrid: {isp_weight: 0.5, distance_weight: 0.1, capacity_weight: 0.1, position_weight: 0.1,
           device_weight: 0.1, nat_weight: 0.1, distance_scale_km: 250,
           capacity_half_bps: 4e6, position_scale_segments: 2, pool_multiplier: 4,
           max_cells_opened: 1000}
signaling: {latency_s: 0.05, signaling_round_trips: 2, ice_round_trips: 2, dtls_round_trips: 1,
            traversal_success_probability: 0.9, ice_failure_timeout_s: 12}
failures:
  vanish_fraction: 0.25
  dead_channel_timeout_s: 20
  service_detection_s: 45
  stall: {per_hour: 6, duration_s: 4}
  background_upload: {per_hour: 2, duration_s: 90, share: 0.75}
scheduler:
  urgent_window_s: 8
  p2p_window_s: 40
  min_buffer_s: 3.5
  race_on_fallback: true
  p2p_finish_safety_factor: 2
  max_cdn_transfers: 3
  max_p2p_transfers: 6
  max_p2p_per_peer: 2
  p2p_timeout_s: 2.5
  cdn_timeout_s: 8
  peer_busy_backoff_s: 0.75
  max_p2p_attempts_per_segment: 3
  cdn_retry_backoff_s: 0.25
  default_peer_throughput_bps: 3e6
  peer_throughput_ewma_weight: 0.5
  cdn_seeding_enabled: false
  seeders_per_segment: 2.5
  seeding_jitter_s: 0.3
  upload_slots: 6
  upload_rate_limit_bps: 5e6
  upload_burst_s: 2
  upload_cap_bytes: 1e9
  cache_capacity_bytes: 134217728
  max_have_fanout: 10
  announce_interval_s: 15
player:
  startup_buffer_s: 2
  resume_buffer_s: 3
  live_start_behind_edge_segments: 2
  abr: buffer
  throughput_abr: {fast_half_life_s: 2, slow_half_life_s: 6, default_estimate_bps: 1e6,
                   min_sample_weight_s: 0.5, bandwidth_factor: 0.9, bandwidth_up_factor: 0.6}
  buffer_abr: {reservoir_s: 5, cushion_s: 10}
distributor:
  latency_s: 0.06
  overrides:
    - device: mobile_cellular
      set: {"scheduler.upload_slots": 0, "p2p.enabled": false}
    - isp: free
      set:
        player.abr: throughput
        scheduler: {urgent_window_s: 10}
)";
}

}  // namespace cdnmesh
