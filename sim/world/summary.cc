#include "sim/world/summary.h"

#include <algorithm>
#include <cmath>

#include "sim/world/offload-bound.h"

namespace cdnmesh {
namespace {

// Nearest-rank percentile of `values` (sorted in place); 0 when empty.
double Percentile(std::vector<double>* values, double fraction) {
  if (values->empty()) return 0;
  std::sort(values->begin(), values->end());
  const auto rank = static_cast<std::size_t>(
      std::ceil(fraction * static_cast<double>(values->size())));
  return (*values)[std::max<std::size_t>(rank, 1) - 1];
}

double Ratio(double a, double b) { return b > 0 ? a / b : 0; }

// Sums of per-viewer counters and the per-viewer distributions.
void AddRecords(const std::vector<PeerRecord>& records, RunSummary* s) {
  std::vector<double> startup_s, upload_bytes;
  double watch_us = 0, stall_us = 0, stalls = 0, switches = 0, bitrate_time = 0, played_us = 0;
  double cross = 0, connections = 0, max_connections = 0;
  for (const PeerRecord& r : records) {
    const SchedulerStats& st = r.stats;
    s->cdn_bytes += st.cdn_bytes;
    s->p2p_bytes += st.p2p_bytes;
    s->wasted_bytes += st.wasted_bytes;
    s->p2p_requests += st.p2p_requests;
    s->p2p_failures += st.p2p_failures;
    s->p2p_timeouts += st.p2p_timeouts;
    s->p2p_busy_refusals += st.p2p_busy_refusals;
    s->cdn_requests += st.cdn_requests;
    s->cdn_fallbacks += st.buffer_fallbacks;
    s->urgent_cdn_fetches += st.urgent_cdn_fetches;
    s->seeding_fetches += st.seeding_fetches;
    const auto played = static_cast<double>(r.qos.played_us);
    watch_us += played + static_cast<double>(r.qos.stall_time_us);
    stall_us += static_cast<double>(r.qos.stall_time_us);
    stalls += r.qos.stall_count;
    s->live_resyncs += r.qos.live_resyncs;
    switches += r.qos.bitrate_switches;
    bitrate_time += r.mean_bitrate_bps * played;
    played_us += played;
    cross += static_cast<double>(r.p2p_cross_isp_bytes);
    connections += static_cast<double>(r.connections_opened);
    max_connections += r.max_connections;
    upload_bytes.push_back(static_cast<double>(r.uploaded_bytes_delivered));
    const DurationUs startup_us = r.qos.startup_delay_us();
    if (startup_us < 0) {
      ++s->viewers_never_started;
    } else {
      startup_s.push_back(UsToSeconds(startup_us));
    }
  }
  const double viewers = static_cast<double>(records.size());
  s->viewers = static_cast<std::int64_t>(records.size());
  s->watch_hours = watch_us / 3.6e9;
  s->offload_ratio = Ratio(static_cast<double>(s->p2p_bytes),
                           static_cast<double>(s->cdn_bytes + s->p2p_bytes));
  s->p2p_cross_isp_share = Ratio(cross, static_cast<double>(s->p2p_bytes));
  s->rebuffer_ratio = Ratio(stall_us, watch_us);
  s->stalls_per_viewer_hour = Ratio(stalls, s->watch_hours);
  s->bitrate_switches_per_hour = Ratio(switches, s->watch_hours);
  s->mean_bitrate_bps = Ratio(bitrate_time, played_us);
  s->connections_per_peer = Ratio(connections, viewers);
  s->max_connections_per_peer_mean = Ratio(max_connections, viewers);
  s->startup_delay_p50_s = Percentile(&startup_s, 0.5);
  s->startup_delay_p95_s = Percentile(&startup_s, 0.95);
  s->upload_per_viewer_p50_bytes = Percentile(&upload_bytes, 0.5);
  s->upload_per_viewer_p95_bytes = Percentile(&upload_bytes, 0.95);
}

// PoP egress and inter-ISP transit from the link byte counters.
void AddNetwork(const SummaryInputs& in, RunSummary* s) {
  const Transport& network = *in.transport;
  for (std::size_t pop = 0; pop < in.topology->pop_count(); ++pop) {
    const auto index = static_cast<PopIndex>(pop);
    const double bytes = network.LinkBytes(in.topology->PopEgressLink(index), in.end_us);
    s->pop_names.push_back(in.topology->pop_name(index));
    s->cdn_egress_bytes_per_pop.push_back(bytes);
    s->cdn_egress_bytes += bytes;
  }
  for (std::size_t a = 0; a < in.topology->isp_count(); ++a) {
    for (std::size_t b = 0; b < in.topology->isp_count(); ++b) {
      if (a == b) continue;
      const LinkId link = in.topology->TransitLink(static_cast<IspId>(a), static_cast<IspId>(b));
      s->transit_bytes += network.LinkBytes(link, in.end_us);
    }
  }
  s->transit_cost = s->transit_bytes / 1e9 * in.config->topology.transit.cost_per_gb;
}

}  // namespace

RunSummary ComputeSummary(const SummaryInputs& in) {
  RunSummary s;
  AddRecords(*in.records, &s);
  AddNetwork(in, &s);
  const BoundInputs& bound = in.sampler->bound_inputs();
  s.peak_concurrent_viewers = static_cast<double>(in.sampler->peak_viewers());
  s.mean_concurrent_viewers = Ratio(bound.viewers, bound.samples);
  const double duration_s = UsToSeconds(in.end_us);
  s.tracker_requests = static_cast<std::int64_t>(in.services->tracker().stats().requests);
  s.tracker_requests_per_s = Ratio(static_cast<double>(s.tracker_requests), duration_s);
  s.distributor_requests = static_cast<std::int64_t>(in.services->distributor().requests());
  s.connection_attempts = static_cast<std::int64_t>(in.signaling->attempts());
  s.nat_traversal_failures =
      static_cast<std::int64_t>(in.signaling->nat_failures() + in.signaling->traversal_failures());
  s.peer_messages = static_cast<std::int64_t>(in.mesh->stats().peer_messages);
  s.service_messages = static_cast<std::int64_t>(in.mesh->stats().service_messages);
  s.encoded_message_bytes = static_cast<std::int64_t>(in.mesh->stats().encoded_bytes);
  s.theoretical_offload_bound = TheoreticalOffloadBound(bound);
  s.efficiency = Ratio(s.offload_ratio, s.theoretical_offload_bound);
  return s;
}

}  // namespace cdnmesh
