// Sums and distributions over a set of windowed session records: the record-based metrics of
// the summary, for the whole audience or for one group of it (an ISP, a device class).
#pragma once

#include <vector>

#include "sim/world/measurement-window.h"
#include "sim/world/run-result.h"

namespace cdnmesh {

/// a / b, NaN when b is 0 (an undefined ratio is not 0).
double RatioOrNan(double a, double b);
/// Nearest-rank percentile of `values` (sorted in place); NaN when empty.
double NearestRankPercentile(std::vector<double>* values, double fraction);

/// Accumulates windowed records; read the metrics once every record is added.
class RecordAggregate {
 public:
  void Add(const WindowedRecord& windowed);
  /// Fills the summary's record-based metrics (bytes, QoS, requests, uploads, connections).
  void FillSummary(RunSummary* s);
  /// The group metrics of the records added.
  GroupMetrics Group();

 private:
  SchedulerStats totals_;
  std::int64_t viewers_ = 0;
  std::int64_t never_started_ = 0;
  std::int64_t live_resyncs_ = 0;
  std::int64_t uploaded_bytes_ = 0;
  double watch_us_ = 0, stall_us_ = 0, stalls_ = 0, switches_ = 0;
  double bitrate_time_ = 0, played_us_ = 0, cross_isp_bytes_ = 0;
  double connections_ = 0, max_connections_ = 0;
  std::vector<double> startup_s_;
  std::vector<double> upload_bytes_;
};

}  // namespace cdnmesh
