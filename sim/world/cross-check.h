// The cross-check: one scenario run at both network fidelities with the same seed, the flow
// model without its TCP correction, with its slow-start part (transport.slow_start, queueing
// factors 0) and with its fitted queueing terms too (transport.*_factor), its headline metrics
// and per-segment download times side by side with packet/flow ratios and the validation
// targets (offload within 3 points; per-segment time within 15 % at p50 and 25 % at p95, for
// CDN and for peer transfers).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/common/result.h"
#include "sim/config/scenario-config.h"
#include "sim/world/run-result.h"

namespace cdnmesh {

/// One metric at both fidelities.
struct CrossCheckRow {
  std::string metric;
  std::string unit;
  double flow = 0;       ///< flow model, transport.slow_start off
  double corrected = 0;  ///< flow model, transport.slow_start on, queueing factors 0
  double queued = 0;     ///< flow model, transport.slow_start on with its queueing factors
  double packet = 0;
  /// Target: |packet - flow| <= tolerance (absolute) or |packet / flow - 1| <= tolerance
  /// (relative); tolerance 0 = no target.
  double tolerance = 0;
  bool absolute = false;
  /// packet / flow (0 when flow is 0).
  double Ratio() const { return flow != 0 ? packet / flow : 0; }
  /// packet / corrected flow (0 when it is 0).
  double RatioCorrected() const { return corrected != 0 ? packet / corrected : 0; }
  /// packet / flow with queueing (0 when it is 0).
  double RatioQueued() const { return queued != 0 ? packet / queued : 0; }
  /// Whether the row has a target and `model` (flow or corrected) meets it.
  bool Within(double model) const;
};

/// The two runs compared.
struct CrossCheckReport {
  std::string scenario;
  std::uint64_t seed = 0;
  std::int64_t viewers = 0;
  double duration_s = 0;
  std::vector<CrossCheckRow> rows;
  double flow_wall_s = 0;  ///< uncorrected flow run
  double packet_wall_s = 0;
  std::uint64_t flow_events = 0;
  std::uint64_t packet_events = 0;
  /// The flow model variants, in column order.
  enum Variant { kFlow = 0, kSlowStart = 1, kQueueing = 2 };
  /// Rows with a target that the flow model `variant` misses.
  std::size_t misses(Variant variant) const;
};

/// Runs `config` at flow fidelity without the TCP correction, with its slow-start part and with
/// its queueing terms (the scenario's transport.*_factor: by default the fitted ones), and at
/// packet fidelity (its own network.fidelity and transport.slow_start are overridden).
Result<CrossCheckReport> RunCrossCheck(const ScenarioConfig& config, bool progress);
/// The rows of four finished runs (their transfer_times recorded).
CrossCheckReport CompareRuns(const RunResult& flow, const RunResult& corrected,
                             const RunResult& queued, const RunResult& packet);
/// A Markdown table of the report, with targets and misses marked.
std::string FormatCrossCheck(const CrossCheckReport& report);

}  // namespace cdnmesh
