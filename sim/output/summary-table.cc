#include "sim/output/summary-table.h"

#include <cmath>
#include <cstdio>

namespace cdnmesh {
namespace {

void Line(std::string* out, const char* label, const std::string& value) {
  char buffer[160];
  std::snprintf(buffer, sizeof buffer, "  %-34s %s\n", label, value.c_str());
  *out += buffer;
}

// `value` printed with `format`, or "n/a" when it is undefined (NaN).
std::string Fmt(const char* format, double value) {
  if (std::isnan(value)) return "n/a";
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, format, value);
  return buffer;
}

std::string Percent(double ratio) { return Fmt("%.1f %%", 100 * ratio); }

std::string Window(const RunSummary& s, DurationUs duration_us) {
  if (s.window_start_s == 0 && s.window_end_s == UsToSeconds(duration_us)) return "";
  return ", metrics over " + Fmt("%.0f", s.window_start_s) + "-" + Fmt("%.0f", s.window_end_s) +
         " s";
}
std::string GigaBytes(double bytes) { return Fmt("%.2f GB", bytes / 1e9); }

}  // namespace

std::string FormatSummaryTable(const ScenarioConfig& config, const RunResult& result) {
  const RunSummary& s = result.summary;
  std::string out = "cdnmesh: " + config.name + " (seed " + std::to_string(config.run.seed) +
                    ", " + Fmt("%.0f", UsToSeconds(config.run.duration_us)) + " s simulated, " +
                    Fmt("%.1f", result.wall_seconds) + " s wall" +
                    Window(s, config.run.duration_us) + ")\n";
  Line(&out, "viewers (peak / mean concurrent)",
       std::to_string(s.viewers) + " (" + Fmt("%.0f", s.peak_concurrent_viewers) + " / " +
           Fmt("%.0f", s.mean_concurrent_viewers) + ")");
  Line(&out, "offload ratio", Percent(s.offload_ratio));
  Line(&out, "offload bound tight / loose",
       Percent(s.tight_offload_bound) + " / " + Percent(s.theoretical_offload_bound));
  Line(&out, "efficiency (offload / tight bound)", Percent(s.efficiency));
  Line(&out, "delivered: CDN / P2P / wasted",
       GigaBytes(static_cast<double>(s.cdn_bytes)) + " / " +
           GigaBytes(static_cast<double>(s.p2p_bytes)) + " / " +
           GigaBytes(static_cast<double>(s.wasted_bytes)));
  for (std::size_t i = 0; i < s.pop_names.size(); ++i) {
    Line(&out, ("CDN egress " + s.pop_names[i]).c_str(), GigaBytes(s.cdn_egress_bytes_per_pop[i]));
  }
  Line(&out, "P2P bytes crossing ISPs", Percent(s.p2p_cross_isp_share) + " (transit cost " +
                                            Fmt("%.2f", s.transit_cost) + ")");
  Line(&out, "rebuffer ratio", Fmt("%.3f %%", 100 * s.rebuffer_ratio));
  Line(&out, "stalls per viewer-hour", Fmt("%.2f", s.stalls_per_viewer_hour));
  Line(&out, "startup delay p50 / p95",
       Fmt("%.2f s", s.startup_delay_p50_s) + " / " + Fmt("%.2f s", s.startup_delay_p95_s));
  Line(&out, "mean bitrate", Fmt("%.2f Mbit/s", s.mean_bitrate_bps / 1e6));
  Line(&out, "bitrate switches per hour", Fmt("%.2f", s.bitrate_switches_per_hour));
  Line(&out, "upload per viewer p50 / p95",
       Fmt("%.1f MB", s.upload_per_viewer_p50_bytes / 1e6) + " / " +
           Fmt("%.1f MB", s.upload_per_viewer_p95_bytes / 1e6));
  Line(&out, "P2P requests / failures / timeouts",
       std::to_string(s.p2p_requests) + " / " + std::to_string(s.p2p_failures) + " / " +
           std::to_string(s.p2p_timeouts));
  Line(&out, "CDN fallbacks (buffer threshold)", std::to_string(s.cdn_fallbacks));
  Line(&out, "tracker requests per second", Fmt("%.1f", s.tracker_requests_per_s));
  Line(&out, "connections per peer (opened)", Fmt("%.1f", s.connections_per_peer));
  Line(&out, "NAT traversal failures",
       std::to_string(s.nat_traversal_failures) + " of " + std::to_string(s.connection_attempts));
  Line(&out, "set-ups timed out / to departed",
       std::to_string(s.connection_timeouts) + " / " + std::to_string(s.connections_to_departed));
  Line(&out, "vanished / stalls / bg uploads",
       std::to_string(s.silent_departures) + " / " + std::to_string(s.uplink_stalls) + " / " +
           std::to_string(s.background_uploads));
  Line(&out, "simulator events", std::to_string(s.events));
  return out;
}

}  // namespace cdnmesh
