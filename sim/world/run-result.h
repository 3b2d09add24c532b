// What a run produces: the summary metrics (named by the metric catalogue), the time series
// and the per-viewer records.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "models/network/transport.h"
#include "models/peer/peer-record.h"
#include "sim/world/metric-catalogue.h"

namespace cdnmesh {

/// One group's metrics (an ISP's or a device class's viewers), see CDNMESH_GROUP_METRICS.
struct GroupMetrics {
#define CDNMESH_GROUP_SHARED_FIELD(type, name) type name = 0;
#define CDNMESH_GROUP_OWN_FIELD(type, name, kind, label, description) type name = 0;
  CDNMESH_GROUP_METRICS(CDNMESH_GROUP_SHARED_FIELD, CDNMESH_GROUP_OWN_FIELD)
#undef CDNMESH_GROUP_SHARED_FIELD
#undef CDNMESH_GROUP_OWN_FIELD
};

/// Metrics per value of one viewer attribute, e.g. per ISP; groups without viewers are kept.
struct GroupBreakdown {
  std::vector<std::string> names;   ///< group names, same order as rows
  std::vector<GroupMetrics> rows;
};

/// Summary metrics of a run over its measurement window (see metric-catalogue.h).
struct RunSummary {
#define CDNMESH_SUMMARY_FIELD(type, name, kind, label, description) type name = 0;
  CDNMESH_SUMMARY_METRICS(CDNMESH_SUMMARY_FIELD)
#undef CDNMESH_SUMMARY_FIELD
  std::vector<std::string> pop_names;        ///< PoP names, same order as below
  std::vector<double> cdn_egress_bytes_per_pop;  ///< bytes each PoP sent in the window
  double window_start_s = 0;                 ///< the measurement window, simulated seconds
  double window_end_s = 0;
  GroupBreakdown by_isp;
  GroupBreakdown by_device;
};

/// One row of timeseries.csv: what happened during [start_s, end_s).
struct TimeseriesRow {
  double start_s = 0;
  double end_s = 0;
  std::int64_t viewers = 0;                  ///< at the end of the interval
  std::vector<double> cdn_egress_bps_per_pop;
  double cdn_bps = 0;                        ///< completed CDN segment bytes, as a rate
  double p2p_bps = 0;                        ///< completed peer segment bytes, as a rate
  double offload = 0;                        ///< p2p / (cdn + p2p) within the interval (NaN if 0/0)
  std::int64_t stalls = 0;                   ///< stalls that started in the interval
  double stall_s = 0;                        ///< stalled time within the interval
  std::int64_t swarms = 0;                   ///< non-empty (content, rendition) swarms
};

/// Everything a run returns.
struct RunResult {
  RunSummary summary;
  std::vector<TimeseriesRow> timeseries;
  std::vector<PeerRecord> peers;  ///< in the order sessions ended
  std::vector<std::string> isp_names;
  double wall_seconds = 0;        ///< not part of summary.json (it would break determinism)
  /// Segment bytes the tight bound counted as demand; equals the window's cdn + p2p bytes
  /// (a consistency check for tests, not an output).
  std::int64_t bound_demand_bytes = 0;
  /// Completed transfers' times (RunOptions::record_transfer_times only; not in any file).
  std::vector<TransferTime> transfer_times;
};

}  // namespace cdnmesh
