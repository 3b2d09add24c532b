#include "sim/world/measurement-window.h"

#include <cstddef>

namespace cdnmesh {
namespace {

SchedulerStats StatsDifference(const SchedulerStats& a, const SchedulerStats& b) {
  // Every field is listed: a new counter must be added here (the size check says so).
  static_assert(sizeof(SchedulerStats) == 18 * sizeof(std::int64_t),
                "SchedulerStats changed: update StatsDifference");
  SchedulerStats d;
  d.cdn_bytes = a.cdn_bytes - b.cdn_bytes;
  d.p2p_bytes = a.p2p_bytes - b.p2p_bytes;
  d.wasted_bytes = a.wasted_bytes - b.wasted_bytes;
  d.uploaded_bytes = a.uploaded_bytes - b.uploaded_bytes;
  d.cdn_requests = a.cdn_requests - b.cdn_requests;
  d.p2p_requests = a.p2p_requests - b.p2p_requests;
  d.p2p_failures = a.p2p_failures - b.p2p_failures;
  d.p2p_busy_refusals = a.p2p_busy_refusals - b.p2p_busy_refusals;
  d.p2p_timeouts = a.p2p_timeouts - b.p2p_timeouts;
  d.cdn_failures = a.cdn_failures - b.cdn_failures;
  d.buffer_fallbacks = a.buffer_fallbacks - b.buffer_fallbacks;
  d.urgent_cdn_fetches = a.urgent_cdn_fetches - b.urgent_cdn_fetches;
  d.seeding_fetches = a.seeding_fetches - b.seeding_fetches;
  d.uploads_accepted = a.uploads_accepted - b.uploads_accepted;
  d.uploads_rejected = a.uploads_rejected - b.uploads_rejected;
  d.relayed_uploads = a.relayed_uploads - b.relayed_uploads;
  d.decisions = a.decisions - b.decisions;
  d.resumed_bytes = a.resumed_bytes - b.resumed_bytes;
  return d;
}

QosRecord QosDifference(const QosRecord& a, const QosRecord& b) {
  QosRecord d = a;  // session and playback start stay those of the session
  d.stall_count = a.stall_count - b.stall_count;
  d.stall_time_us = a.stall_time_us - b.stall_time_us;
  d.played_us = a.played_us - b.played_us;
  d.bitrate_switches = a.bitrate_switches - b.bitrate_switches;
  d.live_resyncs = a.live_resyncs - b.live_resyncs;
  for (std::size_t i = 0; i < d.played_us_per_rendition.size(); ++i) {
    if (i < b.played_us_per_rendition.size()) {
      d.played_us_per_rendition[i] -= b.played_us_per_rendition[i];
    }
  }
  return d;
}

}  // namespace

PeerRecord RecordDifference(const PeerRecord& later, const PeerRecord& earlier) {
  PeerRecord d = later;
  d.stats = StatsDifference(later.stats, earlier.stats);
  d.qos = QosDifference(later.qos, earlier.qos);
  const auto later_bits = later.mean_bitrate_bps * static_cast<double>(later.qos.played_us);
  const auto earlier_bits = earlier.mean_bitrate_bps * static_cast<double>(earlier.qos.played_us);
  d.mean_bitrate_bps =
      d.qos.played_us > 0 ? (later_bits - earlier_bits) / static_cast<double>(d.qos.played_us) : 0;
  d.uploaded_bytes_delivered = later.uploaded_bytes_delivered - earlier.uploaded_bytes_delivered;
  d.p2p_cross_isp_bytes = later.p2p_cross_isp_bytes - earlier.p2p_cross_isp_bytes;
  d.connections_opened = later.connections_opened - earlier.connections_opened;
  d.connect_failures = later.connect_failures - earlier.connect_failures;
  d.peer_lists = later.peer_lists - earlier.peer_lists;
  return d;
}

void MeasurementWindow::MarkStart(const std::vector<PeerRecord>& live) {
  for (const PeerRecord& record : live) at_start_[record.identity.id] = record;
}

void MeasurementWindow::MarkEnd(const std::vector<PeerRecord>& live) {
  for (const PeerRecord& record : live) at_end_[record.identity.id] = record;
}

std::optional<WindowedRecord> MeasurementWindow::Clip(const PeerRecord& record) const {
  const PeerId id = record.identity.id;
  if (record.identity.join_us >= end_us_) return std::nullopt;
  const auto start = at_start_.find(id);
  if (start == at_start_.end() && record.identity.join_us < start_us_) {
    return std::nullopt;  // ended before the window began
  }
  const auto end = at_end_.find(id);
  const PeerRecord& last = end != at_end_.end() ? end->second : record;
  WindowedRecord clipped;
  clipped.started_in_window = record.identity.join_us >= start_us_;
  clipped.record = start == at_start_.end() ? last : RecordDifference(last, start->second);
  if (clipped.started_in_window && clipped.record.qos.playback_start_us >= end_us_) {
    clipped.record.qos.playback_start_us = kNever;  // had not played by the end of the window
  }
  return clipped;
}

}  // namespace cdnmesh
