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

constexpr int kRuns = 4;  // flow, + slow start, + queueing, packet

CrossCheckRow MakeRow(const std::string& metric, const std::string& unit, const double v[kRuns],
                      double tolerance = 0, bool absolute = false) {
  return {metric, unit, v[0], v[1], v[2], v[3], tolerance, absolute};
}

// Completed transfers' times of one kind; with `without_timeouts`, those no RTO delayed.
std::vector<double> TimesS(const RunResult& run, TransferKind kind, bool without_timeouts = false) {
  std::vector<double> times;
  for (const TransferTime& t : run.transfer_times) {
    if (t.kind != kind || (without_timeouts && t.timed_out)) continue;
    times.push_back(static_cast<double>(t.duration_us) / 1e6);
  }
  return times;
}

// How much of the tail retransmission timeouts make (the flow model has none): the transfers
// an RTO delayed, and the p95 of the others.
void AddTimeoutRows(const RunResult* runs[kRuns], TransferKind kind, const std::string& what,
                    std::vector<CrossCheckRow>* rows) {
  double count[kRuns];
  double p95[kRuns];
  for (int i = 0; i < kRuns; ++i) {
    std::vector<double> all = TimesS(*runs[i], kind);
    std::vector<double> clean = TimesS(*runs[i], kind, /*without_timeouts=*/true);
    count[i] = static_cast<double>(all.size() - clean.size());
    p95[i] = Percentile(&clean, 0.95);
  }
  rows->push_back(MakeRow(what + " transfers an RTO delayed", "count", count));
  rows->push_back(MakeRow(what + " segment time p95 without RTO", "s", p95));
}


void AddTimes(const RunResult* runs[kRuns], TransferKind kind, const std::string& what,
              std::vector<CrossCheckRow>* rows) {
  std::vector<double> times[kRuns];
  double count[kRuns];
  for (int r = 0; r < kRuns; ++r) {
    times[r] = TimesS(*runs[r], kind);
    count[r] = static_cast<double>(times[r].size());
  }
  rows->push_back(MakeRow(what + " transfers", "count", count));
  const double fractions[3] = {0.05, 0.5, 0.95};
  const double tolerances[3] = {0, 0.15, 0.25};
  const char* names[3] = {"p5", "p50", "p95"};
  for (int i = 0; i < 3; ++i) {
    double v[kRuns];
    for (int r = 0; r < kRuns; ++r) v[r] = Percentile(&times[r], fractions[i]);
    rows->push_back(MakeRow(what + " segment time " + names[i], "s", v, tolerances[i]));
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

bool CrossCheckRow::Within(double model) const {
  if (tolerance <= 0) return false;
  if (absolute) return std::fabs(packet - model) <= tolerance;
  return model != 0 && std::fabs(packet / model - 1) <= tolerance;
}

std::size_t CrossCheckReport::misses(Variant variant) const {
  return static_cast<std::size_t>(std::count_if(rows.begin(), rows.end(), [&](const auto& r) {
    const double model = variant == kFlow ? r.flow : variant == kSlowStart ? r.corrected : r.queued;
    return r.tolerance > 0 && !r.Within(model);
  }));
}

CrossCheckReport CompareRuns(const RunResult& flow, const RunResult& corrected,
                             const RunResult& queued, const RunResult& packet) {
  const RunSummary& p = packet.summary;
  CrossCheckReport report;
  report.viewers = p.viewers;
  report.flow_wall_s = flow.wall_seconds;
  report.packet_wall_s = packet.wall_seconds;
  report.flow_events = flow.summary.events;
  report.packet_events = p.events;
  std::vector<CrossCheckRow>& rows = report.rows;
  const RunResult* runs[kRuns] = {&flow, &corrected, &queued, &packet};
  const RunSummary* s[kRuns] = {&flow.summary, &corrected.summary, &queued.summary, &p};
  const auto row = [&rows](const char* name, const char* unit, double scale, auto member,
                           double tolerance, bool absolute) {
    double v[kRuns];
    for (int r = 0; r < kRuns; ++r) v[r] = member(r) * scale;
    rows.push_back(MakeRow(name, unit, v, tolerance, absolute));
  };
  row("offload", "ratio", 1, [&](int i) { return s[i]->offload_ratio; }, 0.03, true);
  row("rebuffer ratio", "ratio", 1, [&](int i) { return s[i]->rebuffer_ratio; }, 0, false);
  row("mean bitrate", "Mbit/s", 1e-6, [&](int i) { return s[i]->mean_bitrate_bps; }, 0, false);
  row("startup delay p50", "s", 1, [&](int i) { return s[i]->startup_delay_p50_s; }, 0, false);
  row("startup delay p95", "s", 1, [&](int i) { return s[i]->startup_delay_p95_s; }, 0, false);
  row("CDN egress", "GB", 1e-9, [&](int i) { return s[i]->cdn_egress_bytes; }, 0, false);
  row("P2P requests", "count", 1, [&](int i) { return 1.0 * s[i]->p2p_requests; }, 0, false);
  row("P2P busy refusals", "count", 1, [&](int i) { return 1.0 * s[i]->p2p_busy_refusals; }, 0,
      false);
  row("urgent CDN fetches", "count", 1, [&](int i) { return 1.0 * s[i]->urgent_cdn_fetches; }, 0,
      false);
  row("CDN fallbacks (buffer)", "count", 1, [&](int i) { return 1.0 * s[i]->cdn_fallbacks; }, 0,
      false);
  row("wasted", "GB", 1e-9, [&](int i) { return 1.0 * s[i]->wasted_bytes; }, 0, false);
  AddTimes(runs, TransferKind::kCdn, "CDN", &rows);
  AddTimeoutRows(runs, TransferKind::kCdn, "CDN", &rows);
  AddTimes(runs, TransferKind::kPeer, "peer", &rows);
  AddTimeoutRows(runs, TransferKind::kPeer, "peer", &rows);
  return report;
}

Result<CrossCheckReport> RunCrossCheck(const ScenarioConfig& config, bool progress) {
  RunOptions options;
  options.progress = progress;
  options.record_transfer_times = true;
  ScenarioConfig at = config;
  at.network.fidelity = NetworkFidelity::kFlow;
  at.topology.transport.slow_start = false;
  Result<RunResult> flow = RunScenario(at, options);
  if (!flow.ok()) return flow.error();
  at.topology.transport.slow_start = true;
  at.topology.transport.queue_factor = 0;
  at.topology.transport.ack_queue_factor = 0;
  at.topology.transport.newcomer_factor = 0;
  Result<RunResult> corrected = RunScenario(at, options);
  if (!corrected.ok()) return corrected.error();
  at.topology.transport = config.topology.transport;
  at.topology.transport.slow_start = true;
  Result<RunResult> queued = RunScenario(at, options);
  if (!queued.ok()) return queued.error();
  at.network.fidelity = NetworkFidelity::kPacket;
  Result<RunResult> packet = RunScenario(at, options);
  if (!packet.ok()) return packet.error();
  CrossCheckReport report =
      CompareRuns(flow.value(), corrected.value(), queued.value(), packet.value());
  report.scenario = config.name;
  report.seed = config.run.seed;
  report.duration_s = UsToSeconds(config.run.duration_us);
  return report;
}

// "within 15 %: ok" / "**miss**" for `model`, or "" without a target.
std::string Verdict(const CrossCheckRow& row, double model) {
  if (row.tolerance <= 0) return "";
  return row.Within(model) ? "ok" : "**miss**";
}

std::string FormatCrossCheck(const CrossCheckReport& r) {
  std::string out = "cross-check: " + r.scenario + " (seed " + std::to_string(r.seed) + ", " +
                    Number(r.duration_s) + " s simulated, " + std::to_string(r.viewers) +
                    " viewers)\n\n| metric | unit | flow | flow + slow start | flow + ss + "
                    "queueing | packet | packet/flow | packet/(flow + ss) | packet/(flow + ss + q) "
                    "| target | flow | flow + ss | flow + ss + q |\n"
                    "|---|---|---:|---:|---:|---:|---:|---:|---:|---|---|---|---|\n";
  for (const CrossCheckRow& row : r.rows) {
    std::string target;
    if (row.tolerance > 0) {
      target = row.absolute ? Number(row.tolerance * 100) + " points"
                            : Number(row.tolerance * 100) + " %";
    }
    out += "| " + row.metric + " | " + row.unit + " | " + Number(row.flow) + " | " +
           Number(row.corrected) + " | " + Number(row.queued) + " | " + Number(row.packet) +
           " | " + (row.flow != 0 ? Number(row.Ratio()) : "-") + " | " +
           (row.corrected != 0 ? Number(row.RatioCorrected()) : "-") + " | " +
           (row.queued != 0 ? Number(row.RatioQueued()) : "-") + " | " + target + " | " +
           Verdict(row, row.flow) + " | " + Verdict(row, row.corrected) + " | " +
           Verdict(row, row.queued) + " |\n";
  }
  out += "\nwall: flow " + Number(r.flow_wall_s) + " s (" + std::to_string(r.flow_events) +
         " events), packet " + Number(r.packet_wall_s) + " s (" +
         std::to_string(r.packet_events) + " events, " +
         Number(r.packet_wall_s / std::max(r.duration_s, 1e-9)) +
         " wall-s per simulated s); targets missed: flow " +
         std::to_string(r.misses(CrossCheckReport::kFlow)) + ", flow + slow start " +
         std::to_string(r.misses(CrossCheckReport::kSlowStart)) + ", flow + ss + queueing " +
         std::to_string(r.misses(CrossCheckReport::kQueueing)) + "\n";
  return out;
}

}  // namespace cdnmesh
