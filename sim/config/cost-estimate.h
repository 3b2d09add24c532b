// What a run will cost before it starts: viewers, simulator events, memory and output size,
// estimated from the scenario alone, and the budget a run must fit unless forced. The figures
// are deliberately rough (within a small factor of measured runs, erring high): their job is to
// refuse a mistyped 2 000 000 viewers or a 1e9 s run with a message, not to predict wall time.
#pragma once

#include <string>

#include "core/common/result.h"
#include "sim/config/scenario-config.h"

namespace cdnmesh {

/// The estimated size of a run.
struct CostEstimate {
  double viewers = 0;          ///< sessions started over the run
  double initial_viewers = 0;  ///< of which present from the start
  double peak_viewers = 0;     ///< upper estimate of viewers at once
  double viewer_seconds = 0;   ///< summed session time within the run
  double events = 0;           ///< simulator events
  double memory_bytes = 0;     ///< peak resident memory
  double output_bytes = 0;     ///< summary.json + timeseries.csv + peers.csv
  double timeseries_rows = 0;  ///< rows of timeseries.csv
  double wall_seconds = 0;     ///< at ~2 us per event on one core
  std::string audience_knob;   ///< the key that contributes most viewers
};

/// Limits a run must fit (`cdnmesh run --max-...`); exceeded limits refuse the run unless forced.
struct CostBudget {
  double max_events = 0;        ///< simulator events
  double max_memory_bytes = 0;  ///< estimated peak memory
  double max_output_bytes = 0;  ///< estimated size of the result files
};

/// The default budget: 5e9 events (about 3 h on this kind of machine), 60 % of the machine's
/// physical memory (8 GB when it cannot be read), 4 GB of output.
CostBudget DefaultCostBudget();

/// The estimate for a validated scenario.
CostEstimate EstimateCost(const ScenarioConfig& config);

/// An error naming the exceeded limit, the estimate, the knobs that drive it and the flag that
/// raises the limit, or ok.
Status CheckCostBudget(const CostEstimate& estimate, const CostBudget& budget);

/// One line: "~3300 viewers, 7.9e6 events (~16 s), 85 MB memory, 1.1 MB output".
std::string FormatCostEstimate(const CostEstimate& estimate);

}  // namespace cdnmesh
