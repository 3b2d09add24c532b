// The human-readable summary `cdnmesh run` prints.
#pragma once

#include <string>

#include "sim/config/scenario-config.h"
#include "sim/world/run-result.h"

namespace cdnmesh {

/// A table of the main metrics of a run, one per line, with units.
std::string FormatSummaryTable(const ScenarioConfig& config, const RunResult& result);

}  // namespace cdnmesh
