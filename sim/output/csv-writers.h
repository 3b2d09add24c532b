// timeseries.csv (one row per interval) and peers.csv (one row per viewer session).
#pragma once

#include <ostream>

#include "sim/world/run-result.h"

namespace cdnmesh {

/// Writes the time series: time_s, viewers, cdn_egress_bps_<pop>..., cdn_bps, p2p_bps,
/// offload, stalls, stall_s, swarms.
void WriteTimeseriesCsv(const RunResult& result, std::ostream& out);
/// Writes one row per viewer, ordered by viewer id.
void WritePeersCsv(const RunResult& result, std::ostream& out);

}  // namespace cdnmesh
