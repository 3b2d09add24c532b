// Samples the running world at every timeseries interval: rates per PoP and per source,
// viewers, stalls, swarms, and the inputs of the theoretical offload bound.
#pragma once

#include <cstdint>
#include <vector>

#include "models/network/transport.h"
#include "core/services/tracker_service.h"
#include "models/peer/mesh-network.h"
#include "models/topology/topology.h"
#include "sim/world/measurement-window.h"
#include "sim/world/record-collector.h"
#include "sim/world/run-result.h"

namespace cdnmesh {

/// Sums, over the samples, of what the offload bound needs (see offload-bound.h).
struct BoundInputs {
  double viewers = 0;        ///< sum of live viewers per sample (N)
  double swarms = 0;         ///< sum of groups per sample (K): swarms + CDN-only viewers
  double upload_bps = 0;     ///< sum of usable upload capacity of live viewers (N x u)
  double bitrate_bps = 0;    ///< sum of the bitrates live viewers fetch (N x r)
  double samples = 0;
};

/// Produces one TimeseriesRow per interval and feeds the tight bound's upload capacities; the bound's inputs and the viewer counts come from
/// the samples whose interval ends inside the measurement window.
class Sampler {
 public:
  Sampler(const Topology& topology, const Transport& transport,
          const TrackerService& tracker, const MeshNetwork& directory,
          const RecordCollector& records, const std::vector<Stream>& streams,
          const MeasurementWindow& window, TightBoundRecorder* tight);

  /// Appends the row for the interval that ends at `now_us` (started at `start_us`).
  void Sample(TimeUs start_us, TimeUs now_us, std::vector<TimeseriesRow>* rows);
  /// Bound inputs accumulated so far.
  const BoundInputs& bound_inputs() const { return bound_; }
  /// Most live viewers seen at a sample in the window.
  std::int64_t peak_viewers() const { return peak_viewers_; }

 private:
  DeliveryTotals LiveTotals(TimeUs now_us, bool in_window);

  const Topology& topology_;
  const Transport& transport_;
  const TrackerService& tracker_;
  const MeshNetwork& directory_;
  const RecordCollector& records_;
  const std::vector<Stream>& streams_;
  DeliveryTotals previous_;
  std::vector<double> previous_egress_bytes_;
  BoundInputs bound_;
  std::int64_t peak_viewers_ = 0;
  const MeasurementWindow& window_;
  TightBoundRecorder* tight_;  ///< may be null
};

}  // namespace cdnmesh
