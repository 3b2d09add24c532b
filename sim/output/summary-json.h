// The run's summary as JSON: the measurement window, the metrics (named by the metric
// catalogue), per-ISP and per-device breakdowns, the resolved scenario, the seed and the code
// version. Undefined values are null. Deterministic: same result, same bytes.
#pragma once

#include <nlohmann/json.hpp>

#include "sim/config/scenario-config.h"
#include "sim/world/run-result.h"

namespace cdnmesh {

/// The code version compiled in (git describe), or "unknown".
const char* CodeVersion();
/// Every summary metric as an ordered JSON object.
nlohmann::ordered_json MetricsToJson(const RunSummary& summary);
/// One breakdown (e.g. per ISP) as {group name: {metric: value}}.
nlohmann::ordered_json BreakdownToJson(const GroupBreakdown& breakdown);
/// The whole summary.json document.
nlohmann::ordered_json SummaryDocument(const ScenarioConfig& config, const RunResult& result);

}  // namespace cdnmesh
