// The measurement window: every summary metric covers [start, end) of simulated time. Sessions
// live at the start are measured from their counters at the start; sessions live at the end up
// to their counters at the end.
#pragma once

#include <optional>
#include <unordered_map>
#include <vector>

#include "models/peer/peer-record.h"

namespace cdnmesh {

/// A session's record restricted to the window.
struct WindowedRecord {
  PeerRecord record;              ///< counters of what happened inside the window
  bool started_in_window = false; ///< the session began inside it (its startup counts)
};

/// `later` - `earlier` for every counter of one session (max_connections and identity kept
/// from `later`; the mean bitrate is the played-time-weighted mean of the difference).
PeerRecord RecordDifference(const PeerRecord& later, const PeerRecord& earlier);

/// The window and the records of the sessions live at its edges.
class MeasurementWindow {
 public:
  /// [start_us, end_us) of simulated time.
  MeasurementWindow(TimeUs start_us, TimeUs end_us) : start_us_(start_us), end_us_(end_us) {}

  TimeUs start_us() const { return start_us_; }
  TimeUs end_us() const { return end_us_; }
  /// Keeps the records of the sessions live at the start.
  void MarkStart(const std::vector<PeerRecord>& live);
  /// Keeps the records of the sessions live at the end (when it is before the run's end).
  void MarkEnd(const std::vector<PeerRecord>& live);
  /// `record` (a finished session) restricted to the window; nullopt when outside it.
  std::optional<WindowedRecord> Clip(const PeerRecord& record) const;

 private:
  TimeUs start_us_;
  TimeUs end_us_;
  std::unordered_map<PeerId, PeerRecord> at_start_;
  std::unordered_map<PeerId, PeerRecord> at_end_;
};

}  // namespace cdnmesh
