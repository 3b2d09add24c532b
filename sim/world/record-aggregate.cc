#include "sim/world/record-aggregate.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace cdnmesh {

double RatioOrNan(double a, double b) {
  return b != 0 ? a / b : std::numeric_limits<double>::quiet_NaN();
}

double NearestRankPercentile(std::vector<double>* values, double fraction) {
  if (values->empty()) return std::numeric_limits<double>::quiet_NaN();
  std::sort(values->begin(), values->end());
  const auto rank = static_cast<std::size_t>(
      std::ceil(fraction * static_cast<double>(values->size())));
  return (*values)[std::max<std::size_t>(rank, 1) - 1];
}

void RecordAggregate::Add(const WindowedRecord& windowed) {
  const PeerRecord& r = windowed.record;
  const SchedulerStats& st = r.stats;
  totals_.cdn_bytes += st.cdn_bytes;
  totals_.p2p_bytes += st.p2p_bytes;
  totals_.wasted_bytes += st.wasted_bytes;
  totals_.resumed_bytes += st.resumed_bytes;
  totals_.p2p_requests += st.p2p_requests;
  totals_.p2p_failures += st.p2p_failures;
  totals_.p2p_timeouts += st.p2p_timeouts;
  totals_.p2p_busy_refusals += st.p2p_busy_refusals;
  totals_.cdn_requests += st.cdn_requests;
  totals_.buffer_fallbacks += st.buffer_fallbacks;
  totals_.urgent_cdn_fetches += st.urgent_cdn_fetches;
  totals_.seeding_fetches += st.seeding_fetches;
  ++viewers_;
  const auto played = static_cast<double>(r.qos.played_us);
  watch_us_ += played + static_cast<double>(r.qos.stall_time_us);
  stall_us_ += static_cast<double>(r.qos.stall_time_us);
  stalls_ += r.qos.stall_count;
  live_resyncs_ += r.qos.live_resyncs;
  switches_ += r.qos.bitrate_switches;
  bitrate_time_ += r.mean_bitrate_bps * played;
  played_us_ += played;
  cross_isp_bytes_ += static_cast<double>(r.p2p_cross_isp_bytes);
  connections_ += static_cast<double>(r.connections_opened);
  max_connections_ += r.max_connections;
  uploaded_bytes_ += r.uploaded_bytes_delivered;
  upload_bytes_.push_back(static_cast<double>(r.uploaded_bytes_delivered));
  if (!windowed.started_in_window) return;
  const DurationUs startup_us = r.qos.startup_delay_us();
  if (startup_us < 0) {
    ++never_started_;
  } else {
    startup_s_.push_back(UsToSeconds(startup_us));
  }
}

void RecordAggregate::FillSummary(RunSummary* s) {
  s->cdn_bytes = totals_.cdn_bytes;
  s->p2p_bytes = totals_.p2p_bytes;
  s->wasted_bytes = totals_.wasted_bytes;
  s->resumed_bytes = totals_.resumed_bytes;
  s->p2p_requests = totals_.p2p_requests;
  s->p2p_failures = totals_.p2p_failures;
  s->p2p_timeouts = totals_.p2p_timeouts;
  s->p2p_busy_refusals = totals_.p2p_busy_refusals;
  s->cdn_requests = totals_.cdn_requests;
  s->cdn_fallbacks = totals_.buffer_fallbacks;
  s->urgent_cdn_fetches = totals_.urgent_cdn_fetches;
  s->seeding_fetches = totals_.seeding_fetches;
  s->viewers = viewers_;
  s->viewers_never_started = never_started_;
  s->live_resyncs = live_resyncs_;
  s->watch_hours = watch_us_ / 3.6e9;
  s->offload_ratio = RatioOrNan(static_cast<double>(s->p2p_bytes),
                                static_cast<double>(s->cdn_bytes + s->p2p_bytes));
  s->p2p_cross_isp_share = RatioOrNan(cross_isp_bytes_, static_cast<double>(s->p2p_bytes));
  s->rebuffer_ratio = RatioOrNan(stall_us_, watch_us_);
  s->stalls_per_viewer_hour = RatioOrNan(stalls_, s->watch_hours);
  s->bitrate_switches_per_hour = RatioOrNan(switches_, s->watch_hours);
  s->mean_bitrate_bps = RatioOrNan(bitrate_time_, played_us_);
  const auto viewers = static_cast<double>(viewers_);
  s->connections_per_peer = RatioOrNan(connections_, viewers);
  s->max_connections_per_peer_mean = RatioOrNan(max_connections_, viewers);
  s->startup_delay_p50_s = NearestRankPercentile(&startup_s_, 0.5);
  s->startup_delay_p95_s = NearestRankPercentile(&startup_s_, 0.95);
  s->upload_per_viewer_p50_bytes = NearestRankPercentile(&upload_bytes_, 0.5);
  s->upload_per_viewer_p95_bytes = NearestRankPercentile(&upload_bytes_, 0.95);
}

GroupMetrics RecordAggregate::Group() {
  RunSummary s;
  FillSummary(&s);
  GroupMetrics g;
#define CDNMESH_COPY_SHARED(type, name) g.name = s.name;
#define CDNMESH_SKIP_OWN(type, name, kind, label, description)
  CDNMESH_GROUP_METRICS(CDNMESH_COPY_SHARED, CDNMESH_SKIP_OWN)
#undef CDNMESH_COPY_SHARED
#undef CDNMESH_SKIP_OWN
  g.uploaded_bytes = uploaded_bytes_;
  g.upload_per_viewer_mean_bytes =
      RatioOrNan(static_cast<double>(uploaded_bytes_), static_cast<double>(viewers_));
  return g;
}

}  // namespace cdnmesh
