// timeseries.csv (one row per interval) and peers.csv (one row per viewer session).
#pragma once

#include <ostream>

#include "sim/world/run-result.h"

namespace cdnmesh {

/// Writes the time series, one row per interval [start_s, end_s): viewers (live at end_s),
/// cdn_egress_bps_<pop>... (PoP egress rate over the interval), cdn_bps and p2p_bps (segment
/// bytes completed in the interval, as rates), offload (their ratio; empty when nothing
/// completed), stalls (stalls that began in it), stall_s (stalled time in it), swarms
/// (non-empty swarms at end_s). See docs/outputs.md.
void WriteTimeseriesCsv(const RunResult& result, std::ostream& out);
/// Writes one row per viewer, ordered by viewer id.
void WritePeersCsv(const RunResult& result, std::ostream& out);

}  // namespace cdnmesh
