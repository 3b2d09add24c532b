#include "sim/world/cross-check.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "sim/world/world.h"

namespace cdnmesh {
namespace {

// Nearest-rank percentile of `values` (sorted in place); 0 when empty.
double Percentile(std::vector<double>* values, double fraction) {
  if (values->empty()) return 0;
  std::sort(values->begin(), values->end());
  const auto rank =
      static_cast<std::size_t>(std::ceil(fraction * static_cast<double>(values->size())));
  return (*values)[std::max<std::size_t>(rank, 1) - 1];
}

std::vector<double> TimesS(const RunResult& run, TransferKind kind) {
  std::vector<double> times;
  for (const TransferTime& t : run.transfer_times) {
    if (t.kind == kind) times.push_back(static_cast<double>(t.duration_us) / 1e6);
  }
  return times;
}

void AddTimes(const RunResult& flow, const RunResult& packet, TransferKind kind,
              const std::string& what, std::vector<CrossCheckRow>* rows) {
  std::vector<double> f = TimesS(flow, kind);
  std::vector<double> p = TimesS(packet, kind);
  rows->push_back({what + " transfers", "count", static_cast<double>(f.size()),
                   static_cast<double>(p.size()), 0, false});
  const double fractions[3] = {0.05, 0.5, 0.95};
  const double tolerances[3] = {0, 0.15, 0.25};
  const char* names[3] = {"p5", "p50", "p95"};
  for (int i = 0; i < 3; ++i) {
    rows->push_back({what + " segment time " + names[i], "s", Percentile(&f, fractions[i]),
                     Percentile(&p, fractions[i]), tolerances[i], false});
  }
}

std::string Number(double value) {
  char text[32];
  const double magnitude = std::fabs(value);
  std::snprintf(text, sizeof text, magnitude >= 100 || value == std::floor(value) ? "%.0f"
                                   : magnitude >= 1                                ? "%.3f"
                                                                                   : "%.4f",
                value);
  return text;
}

}  // namespace

bool CrossCheckRow::Within() const {
  if (tolerance <= 0) return false;
  if (absolute) return std::fabs(packet - flow) <= tolerance;
  return flow != 0 && std::fabs(packet / flow - 1) <= tolerance;
}

std::size_t CrossCheckReport::misses() const {
  return static_cast<std::size_t>(std::count_if(rows.begin(), rows.end(), [](const auto& r) {
    return r.tolerance > 0 && !r.Within();
  }));
}

CrossCheckReport CompareRuns(const RunResult& flow, const RunResult& packet) {
  const RunSummary& f = flow.summary;
  const RunSummary& p = packet.summary;
  CrossCheckReport report;
  report.viewers = f.viewers;
  report.flow_wall_s = flow.wall_seconds;
  report.packet_wall_s = packet.wall_seconds;
  report.flow_events = f.events;
  report.packet_events = p.events;
  std::vector<CrossCheckRow>& rows = report.rows;
  rows.push_back({"offload", "ratio", f.offload_ratio, p.offload_ratio, 0.03, true});
  rows.push_back({"rebuffer ratio", "ratio", f.rebuffer_ratio, p.rebuffer_ratio, 0, false});
  rows.push_back({"mean bitrate", "Mbit/s", f.mean_bitrate_bps / 1e6, p.mean_bitrate_bps / 1e6, 0,
                  false});
  rows.push_back({"startup delay p50", "s", f.startup_delay_p50_s, p.startup_delay_p50_s, 0, false});
  rows.push_back({"startup delay p95", "s", f.startup_delay_p95_s, p.startup_delay_p95_s, 0, false});
  rows.push_back({"CDN egress", "GB", f.cdn_egress_bytes / 1e9, p.cdn_egress_bytes / 1e9, 0, false});
  const auto count = [&rows](const char* name, std::int64_t a, std::int64_t b) {
    rows.push_back({name, "count", static_cast<double>(a), static_cast<double>(b), 0, false});
  };
  count("P2P requests", f.p2p_requests, p.p2p_requests);
  count("P2P busy refusals", f.p2p_busy_refusals, p.p2p_busy_refusals);
  count("urgent CDN fetches", f.urgent_cdn_fetches, p.urgent_cdn_fetches);
  count("CDN fallbacks (buffer)", f.cdn_fallbacks, p.cdn_fallbacks);
  rows.push_back({"wasted", "GB", static_cast<double>(f.wasted_bytes) / 1e9,
                  static_cast<double>(p.wasted_bytes) / 1e9, 0, false});
  AddTimes(flow, packet, TransferKind::kCdn, "CDN", &rows);
  AddTimes(flow, packet, TransferKind::kPeer, "peer", &rows);
  return report;
}

Result<CrossCheckReport> RunCrossCheck(const ScenarioConfig& config, bool progress) {
  RunOptions options;
  options.progress = progress;
  options.record_transfer_times = true;
  ScenarioConfig at = config;
  at.network.fidelity = NetworkFidelity::kFlow;
  Result<RunResult> flow = RunScenario(at, options);
  if (!flow.ok()) return flow.error();
  at.network.fidelity = NetworkFidelity::kPacket;
  Result<RunResult> packet = RunScenario(at, options);
  if (!packet.ok()) return packet.error();
  CrossCheckReport report = CompareRuns(flow.value(), packet.value());
  report.scenario = config.name;
  report.seed = config.run.seed;
  report.duration_s = UsToSeconds(config.run.duration_us);
  return report;
}

std::string FormatCrossCheck(const CrossCheckReport& r) {
  std::string out = "cross-check: " + r.scenario + " (seed " + std::to_string(r.seed) + ", " +
                    Number(r.duration_s) + " s simulated, " + std::to_string(r.viewers) +
                    " viewers)\n\n| metric | unit | flow | packet | packet/flow | target |\n"
                    "|---|---|---:|---:|---:|---|\n";
  for (const CrossCheckRow& row : r.rows) {
    std::string target = "";
    if (row.tolerance > 0) {
      target = (row.absolute ? "within " + Number(row.tolerance * 100) + " points"
                             : "within " + Number(row.tolerance * 100) + " %") +
               (row.Within() ? ": ok" : ": **miss**");
    }
    out += "| " + row.metric + " | " + row.unit + " | " + Number(row.flow) + " | " +
           Number(row.packet) + " | " + (row.flow != 0 ? Number(row.Ratio()) : "-") + " | " +
           target + " |\n";
  }
  out += "\nwall: flow " + Number(r.flow_wall_s) + " s (" + std::to_string(r.flow_events) +
         " events), packet " + Number(r.packet_wall_s) + " s (" +
         std::to_string(r.packet_events) + " events); packet cost " +
         Number(r.packet_wall_s / std::max(r.duration_s, 1e-9)) + " CPU-s per simulated s; " +
         std::to_string(r.misses()) + " target(s) missed\n";
  return out;
}

}  // namespace cdnmesh
