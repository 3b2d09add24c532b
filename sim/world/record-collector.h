// Collects the records of finished sessions and keeps running totals of what they delivered,
// so that metrics over time need not revisit departed viewers.
#pragma once

#include <cstdint>
#include <vector>

#include "models/peer/peer-context.h"
#include "models/peer/peer-record.h"
#include "sim/world/tight-bound-recorder.h"

namespace cdnmesh {

/// Totals over sessions, used for rates per interval.
struct DeliveryTotals {
  std::int64_t cdn_bytes = 0;
  std::int64_t p2p_bytes = 0;
  std::int64_t stall_count = 0;
  DurationUs stall_time_us = 0;

  /// Adds one viewer's counters.
  void Add(const SchedulerStats& stats, const QosRecord& qos) {
    cdn_bytes += stats.cdn_bytes;
    p2p_bytes += stats.p2p_bytes;
    stall_count += qos.stall_count;
    stall_time_us += qos.stall_time_us;
  }
};

/// The PeerRecordSink of a run.
class RecordCollector : public PeerRecordSink {
 public:
  /// Also reports segments and departures to `bound` (may be null; must outlive this).
  explicit RecordCollector(TightBoundRecorder* bound = nullptr) : bound_(bound) {}

  void OnPeerFinished(const PeerRecord& record) override {
    finished_.Add(record.stats, record.qos);
    if (bound_ != nullptr) bound_->OnSessionEnded(record);
    records_.push_back(record);
  }
  void OnSegmentStored(const PeerIdentity& who, SegmentKey key, std::int64_t size_bytes,
                       TimeUs now_us) override {
    if (bound_ != nullptr) bound_->OnSegmentStored(who, key, size_bytes, now_us);
  }
  /// Records so far, in the order sessions ended.
  std::vector<PeerRecord>& records() { return records_; }
  /// Totals over finished sessions.
  const DeliveryTotals& finished() const { return finished_; }

 private:
  TightBoundRecorder* bound_;
  std::vector<PeerRecord> records_;
  DeliveryTotals finished_;
};

}  // namespace cdnmesh
