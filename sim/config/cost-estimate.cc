#include "sim/config/cost-estimate.h"

#include <unistd.h>

#include <algorithm>
#include <cmath>

#include "sim/config/number-text.h"

namespace cdnmesh {
namespace {

// Measured on live-sports (README, scale benchmark): 15 KB per concurrent viewer at a million
// viewers, 16 at 100 000, 19 at 10 000 (peak RSS over the audience). The constants err high.
constexpr double kEventsPerViewerSegment = 16;  // fetches, haves, progress, playback per segment
constexpr double kEventsPerAnnounce = 4;        // announce, peer list, connection set-ups
// Pipelined relaying: each relay step is a flow of its own (start, end, the relay watch and the
// downstream's progress). Measured on live-sports: 26.7 M events with 256 KiB steps against
// 8.85 M with whole segments, ~40 more per viewer-segment of ~2.5 MB.
constexpr double kEventsPerRelayStep = 4;
constexpr double kBytesPerLiveViewer = 17e3;
constexpr double kBytesPerSession = 600;   // a PeerRecord (~450 bytes) kept per session
constexpr double kBaseMemoryBytes = 64e6;  // ns-3, topology, code
constexpr double kSecondsPerEvent = 2e-6;
constexpr double kPeersCsvBytesPerRow = 320;
constexpr double kSummaryBytes = 64e3;

double Seconds(DurationUs us) { return UsToSeconds(us); }

// Arrivals (without the initial viewers) within [0, duration].
double Arrivals(const ArrivalConfig& a, double duration_s) {
  switch (a.kind) {
    case ArrivalKind::kConstant: {
      const double end_s = a.end_us == 0 ? duration_s : std::min(Seconds(a.end_us), duration_s);
      return a.rate_per_s * std::max(0.0, end_s - Seconds(a.start_us));
    }
    case ArrivalKind::kFlashCrowd:
    case ArrivalKind::kEvenlySpaced:
      return Seconds(a.start_us) < duration_s ? static_cast<double>(a.viewers) : 0.0;
    case ArrivalKind::kCsv: {
      double total = 0;
      for (std::size_t i = 0; i < a.curve.size(); ++i) {
        const double from_s = std::min(Seconds(a.curve[i].first), duration_s);
        const double to_s = i + 1 < a.curve.size()
                                ? std::min(Seconds(a.curve[i + 1].first), duration_s)
                                : duration_s;
        total += a.curve[i].second * std::max(0.0, to_s - from_s);
      }
      return total;
    }
  }
  return 0;
}

// Mean time a session spends inside the run.
double MeanSessionSeconds(const SessionConfig& s, double duration_s) {
  double mean_s = duration_s;
  if (s.kind == SessionKind::kExponential) mean_s = Seconds(s.mean_us);
  if (s.kind == SessionKind::kLognormal)
    mean_s = Seconds(s.median_us) * std::exp(s.sigma * s.sigma / 2);
  return std::clamp(std::max(mean_s, Seconds(s.min_us)), 0.0, duration_s);
}

std::string Bytes(double bytes) {
  if (bytes >= 1e9) return FormatGeneral(bytes / 1e9, 3) + " GB";
  if (bytes >= 1e6) return FormatGeneral(bytes / 1e6, 3) + " MB";
  return FormatGeneral(bytes / 1e3, 3) + " kB";
}

std::string Count(double n) { return n < 1e6 ? FormatFixed(n, 0) : FormatGeneral(n, 3); }

// The key that contributes most viewers.
std::string AudienceKnob(const ScenarioConfig& c, const CostEstimate& e) {
  const char* arrivals =
      c.audience.arrivals.kind == ArrivalKind::kFlashCrowd ||
              c.audience.arrivals.kind == ArrivalKind::kEvenlySpaced
          ? "audience.arrivals.viewers"
      : c.audience.arrivals.kind == ArrivalKind::kConstant ? "audience.arrivals.rate_per_s"
                                                           : "the rates of audience.arrivals.csv";
  return e.initial_viewers >= e.viewers / 2 ? "audience.initial_viewers" : arrivals;
}

}  // namespace

CostBudget DefaultCostBudget() {
  CostBudget budget;
  budget.max_events = 5e9;
  const long pages = sysconf(_SC_PHYS_PAGES);
  const long page_bytes = sysconf(_SC_PAGESIZE);
  const double physical = pages > 0 && page_bytes > 0
                              ? static_cast<double>(pages) * static_cast<double>(page_bytes)
                              : 8e9 / 0.6;
  budget.max_memory_bytes = 0.6 * physical;
  budget.max_output_bytes = 4e9;
  return budget;
}

CostEstimate EstimateCost(const ScenarioConfig& c) {
  CostEstimate e;
  const double duration_s = Seconds(c.run.duration_us);
  e.initial_viewers = static_cast<double>(c.audience.arrivals.initial_viewers);
  e.viewers = e.initial_viewers + Arrivals(c.audience.arrivals, duration_s);
  if (c.audience.max_viewers > 0) e.viewers = std::min(e.viewers, double(c.audience.max_viewers));
  const double session_s = MeanSessionSeconds(c.audience.session, duration_s);
  e.viewer_seconds = e.viewers * session_s;
  // Twice the mean concurrency covers a crowd that arrives at once; never more than everyone.
  e.peak_viewers =
      std::min(e.viewers, std::max(e.initial_viewers, 2 * e.viewer_seconds / duration_s));
  const double segment_s = Seconds(c.stream.stream.segment_duration_us);
  const double announce_s = Seconds(c.peer.scheduler.announce_interval_us);
  double events_per_segment = kEventsPerViewerSegment;
  const std::int64_t relay_step_bytes = c.peer.scheduler.relay_after_bytes;
  if (relay_step_bytes > 0 && c.peer.scheduler.p2p_enabled) {
    // Sized for the top rendition (the ladder ascends): the estimate errs high.
    const auto& ladder = c.stream.stream.ladder;
    const double top_bps = ladder.empty() ? 0.0 : static_cast<double>(ladder.back().bitrate_bps);
    const double segment_bytes = top_bps / 8 * segment_s;
    events_per_segment +=
        kEventsPerRelayStep * std::ceil(segment_bytes / static_cast<double>(relay_step_bytes));
  }
  e.events =
      e.viewer_seconds * (events_per_segment / segment_s + kEventsPerAnnounce / announce_s);
  e.timeseries_rows = std::ceil(duration_s / Seconds(c.run.timeseries_interval_us));
  const double pops = static_cast<double>(c.topology.pops.size());
  const double row_bytes = 120 + 8 * pops;  // a TimeseriesRow
  e.memory_bytes = kBaseMemoryBytes + e.peak_viewers * kBytesPerLiveViewer +
                   e.viewers * kBytesPerSession + e.timeseries_rows * row_bytes;
  e.output_bytes =
      kSummaryBytes + e.timeseries_rows * (80 + 14 * pops) + e.viewers * kPeersCsvBytesPerRow;
  e.wall_seconds = e.events * kSecondsPerEvent;
  e.audience_knob = AudienceKnob(c, e);
  return e;
}

Status CheckCostBudget(const CostEstimate& e, const CostBudget& b) {
  const std::string force = "; or raise the limit, or pass --force to run anyway";
  // Output first: a fine time series costs memory too, and its message names the knob.
  if (e.output_bytes > b.max_output_bytes) {
    // A timeseries.csv row is ~100 bytes, a peers.csv row ~300: name the larger file's knob.
    const std::string knob = e.timeseries_rows > 3 * e.viewers ? "raise run.timeseries_interval_s"
                                                               : "reduce " + e.audience_knob;
    return Error{"the run would write about " + Bytes(e.output_bytes) + " of results (" +
                 Count(e.timeseries_rows) + " timeseries rows, " + Count(e.viewers) +
                 " peers rows); the budget is " + Bytes(b.max_output_bytes) +
                 " (--max-output-gb); " + knob + force};
  }
  if (e.memory_bytes > b.max_memory_bytes) {
    return Error{"the run would need about " + Bytes(e.memory_bytes) + " of memory (" +
                 Count(e.peak_viewers) + " viewers at once); the budget is " +
                 Bytes(b.max_memory_bytes) + " (--max-memory-gb); reduce " + e.audience_knob +
                 force};
  }
  if (e.events > b.max_events) {
    return Error{"the run would take about " + Count(e.events) + " simulator events (~" +
                 Count(e.wall_seconds / 3600) + " h); the budget is " + Count(b.max_events) +
                 " events (--max-events); reduce run.duration_s or " + e.audience_knob +
                 ", or raise stream.segment_duration_s" + force};
  }
  return {};
}

std::string FormatCostEstimate(const CostEstimate& e) {
  return "~" + Count(e.viewers) + " viewers (" + Count(e.peak_viewers) + " at once), " +
         Count(e.events) + " events (~" + FormatGeneral(std::max(e.wall_seconds, 0.1), 2) +
         " s), " + Bytes(e.memory_bytes) + " memory, " + Bytes(e.output_bytes) + " output";
}

}  // namespace cdnmesh
