// Records, during a run, what the tight offload bound is computed from: the segment bytes each
// class of viewers took per slot, the upload capacity each class had per slot, and the first
// copy of every segment in each swarm. Simulation truth, used for the bound only.
#pragma once

#include <cstdint>
#include <map>
#include <tuple>
#include <unordered_set>
#include <vector>

#include "core/stream/stream.h"
#include "models/peer/peer-context.h"
#include "models/peer/peer-record.h"
#include "sim/world/tight-bound.h"

namespace cdnmesh {

/// Builds the TightBoundProblem of one run's measurement window.
class TightBoundRecorder {
 public:
  /// Slots are `slot_us` wide from t = 0 (the timeseries intervals); only [window_start_us,
  /// window_end_us) is counted.
  TightBoundRecorder(const std::vector<Stream>& streams, DurationUs slot_us, TimeUs window_start_us,
                     TimeUs window_end_us);

  /// Viewer `who` stored segment `key` of its content (`size_bytes`) at `now_us`.
  void OnSegmentStored(const PeerIdentity& who, SegmentKey key, std::int64_t size_bytes,
                       TimeUs now_us);
  /// A viewer live at `now_us` (a sampling instant) could upload at `usable_bps` since the
  /// previous instant (or since it joined).
  void AddLiveUpload(const PeerIdentity& who, double usable_bps, TimeUs now_us);
  /// Every live viewer has been added for this instant.
  void EndInstant(TimeUs now_us) { previous_instant_us_ = now_us; }
  /// A session ended between instants; its last stretch counts its raw uplink (an upper bound).
  void OnSessionEnded(const PeerRecord& record);

  /// The problem so far.
  TightBoundProblem Problem() const;
  /// Segment bytes counted as demand (equals the window's CDN + peer bytes).
  std::int64_t demand_bytes() const { return demand_bytes_; }

 private:
  int Swarm(ContentId content, RenditionIndex rendition) const;
  void AddUpload(const PeerIdentity& who, double bps, TimeUs from_us, TimeUs to_us);

  DurationUs slot_us_;
  TimeUs window_start_us_;
  TimeUs window_end_us_;
  TimeUs previous_instant_us_ = 0;
  std::vector<int> first_swarm_of_content_;
  std::vector<ContentId> swarm_content_;
  std::vector<std::int64_t> first_copy_bytes_;
  std::unordered_set<std::uint64_t> stored_segments_;  ///< (swarm, seq) seen anywhere
  std::map<std::tuple<int, int, NatType>, std::int64_t> demand_;  ///< (slot, swarm, nat)
  std::map<std::tuple<int, ContentId, NatType>, double> upload_;  ///< (slot, content, nat)
  std::int64_t demand_bytes_ = 0;
};

}  // namespace cdnmesh
