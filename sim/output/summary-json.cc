#include "sim/output/summary-json.h"

#include "cdnmesh_version.h"  // generated at build time: CDNMESH_VERSION
#include "sim/config/schema.h"

namespace cdnmesh {

const char* CodeVersion() { return CDNMESH_VERSION; }

nlohmann::ordered_json MetricsToJson(const RunSummary& s) {
  nlohmann::ordered_json m;
  m["offload_ratio"] = s.offload_ratio;
  m["theoretical_offload_bound"] = s.theoretical_offload_bound;
  m["efficiency"] = s.efficiency;
  m["viewers"] = s.viewers;
  m["peak_concurrent_viewers"] = s.peak_concurrent_viewers;
  m["mean_concurrent_viewers"] = s.mean_concurrent_viewers;
  m["watch_hours"] = s.watch_hours;
  m["cdn_bytes"] = s.cdn_bytes;
  m["p2p_bytes"] = s.p2p_bytes;
  m["wasted_bytes"] = s.wasted_bytes;
  m["cdn_egress_bytes"] = s.cdn_egress_bytes;
  nlohmann::ordered_json per_pop = nlohmann::ordered_json::object();
  for (std::size_t i = 0; i < s.pop_names.size(); ++i) {
    per_pop[s.pop_names[i]] = s.cdn_egress_bytes_per_pop[i];
  }
  m["cdn_egress_bytes_per_pop"] = per_pop;
  m["p2p_cross_isp_share"] = s.p2p_cross_isp_share;
  m["transit_bytes"] = s.transit_bytes;
  m["transit_cost"] = s.transit_cost;
  m["rebuffer_ratio"] = s.rebuffer_ratio;
  m["stalls_per_viewer_hour"] = s.stalls_per_viewer_hour;
  m["startup_delay_p50_s"] = s.startup_delay_p50_s;
  m["startup_delay_p95_s"] = s.startup_delay_p95_s;
  m["viewers_never_started"] = s.viewers_never_started;
  m["live_resyncs"] = s.live_resyncs;
  m["mean_bitrate_bps"] = s.mean_bitrate_bps;
  m["bitrate_switches_per_hour"] = s.bitrate_switches_per_hour;
  m["upload_per_viewer_p50_bytes"] = s.upload_per_viewer_p50_bytes;
  m["upload_per_viewer_p95_bytes"] = s.upload_per_viewer_p95_bytes;
  m["cdn_requests"] = s.cdn_requests;
  m["p2p_requests"] = s.p2p_requests;
  m["p2p_failures"] = s.p2p_failures;
  m["p2p_timeouts"] = s.p2p_timeouts;
  m["p2p_busy_refusals"] = s.p2p_busy_refusals;
  m["cdn_fallbacks"] = s.cdn_fallbacks;
  m["urgent_cdn_fetches"] = s.urgent_cdn_fetches;
  m["seeding_fetches"] = s.seeding_fetches;
  m["tracker_requests"] = s.tracker_requests;
  m["tracker_requests_per_s"] = s.tracker_requests_per_s;
  m["distributor_requests"] = s.distributor_requests;
  m["connections_per_peer"] = s.connections_per_peer;
  m["max_connections_per_peer_mean"] = s.max_connections_per_peer_mean;
  m["connection_attempts"] = s.connection_attempts;
  m["nat_traversal_failures"] = s.nat_traversal_failures;
  m["peer_messages"] = s.peer_messages;
  m["service_messages"] = s.service_messages;
  m["encoded_message_bytes"] = s.encoded_message_bytes;
  m["events"] = s.events;
  return m;
}

nlohmann::ordered_json SummaryDocument(const ScenarioConfig& config, const RunResult& result) {
  nlohmann::ordered_json doc;
  doc["scenario_name"] = config.name;
  doc["seed"] = config.run.seed;
  doc["code_version"] = CodeVersion();
  doc["metrics"] = MetricsToJson(result.summary);
  doc["scenario"] = ScenarioToJson(config);
  return doc;
}

}  // namespace cdnmesh
