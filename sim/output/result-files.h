// Writing a run's result files (summary.json, timeseries.csv, peers.csv) so that a final name
// only ever holds a complete file: each is written to a temporary file beside it, flushed and
// checked, and renamed into place only once all three were written without error.
#pragma once

#include <functional>
#include <ostream>
#include <string>

#include "core/common/result.h"
#include "sim/config/scenario-config.h"
#include "sim/world/run-result.h"

namespace cdnmesh {

/// Writes the three result files into `dir` (created if missing). On any error (directory,
/// open, write, flush, close, rename) removes its temporary files and returns an error naming
/// the file; files already under the final names are then those of an earlier run, untouched.
Status WriteResultFiles(const std::string& dir, const ScenarioConfig& config,
                        const RunResult& result);

/// Writes `write`'s output to `path` + a temporary suffix, flushed and checked; returns the
/// temporary path, or an error naming `path` (the temporary file is then removed).
Result<std::string> WriteTemporaryFile(const std::string& path,
                                       const std::function<void(std::ostream&)>& write);

}  // namespace cdnmesh
