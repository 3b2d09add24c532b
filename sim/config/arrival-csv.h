// The arrival-rate curve of `audience.arrivals.kind: csv`, read from a CSV file.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "core/common/result.h"
#include "core/common/time.h"

namespace cdnmesh {

/// Arrival-rate points (time, arrivals per second), rate constant until the next point.
using ArrivalCurve = std::vector<std::pair<TimeUs, double>>;

/// Parses CSV text with header `time_s,rate_per_s` and at least one row; blank lines and lines
/// starting with '#' are skipped. Times must be >= 0 and non-decreasing, rates >= 0. Errors
/// read "<name>:<line>: ...".
Result<ArrivalCurve> ParseArrivalCurve(const std::string& text, const std::string& name);

/// Reads and parses the file at `path`.
Result<ArrivalCurve> LoadArrivalCurve(const std::string& path);

}  // namespace cdnmesh
