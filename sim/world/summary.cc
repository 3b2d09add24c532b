#include "sim/world/summary.h"

#include <string>

#include "sim/world/offload-bound.h"
#include "sim/world/record-aggregate.h"
#include "sim/world/tight-bound.h"

namespace cdnmesh {
namespace {

// Whole-audience and per-group aggregates of the window's records.
void AddRecords(const SummaryInputs& in, RunSummary* s) {
  const Topology& topology = *in.world->topology;
  std::vector<RecordAggregate> by_isp(topology.isp_count());
  std::vector<RecordAggregate> by_device(kDeviceClassCount);
  RecordAggregate all;
  for (const PeerRecord& record : *in.records) {
    const std::optional<WindowedRecord> windowed = in.window->Clip(record);
    if (!windowed) continue;
    all.Add(*windowed);
    by_isp[record.identity.net.isp].Add(*windowed);
    by_device[static_cast<std::size_t>(record.identity.device)].Add(*windowed);
  }
  all.FillSummary(s);
  for (std::size_t i = 0; i < by_isp.size(); ++i) {
    s->by_isp.names.push_back(topology.isp_name(static_cast<IspId>(i)));
    s->by_isp.rows.push_back(by_isp[i].Group());
  }
  for (int d = 0; d < kDeviceClassCount; ++d) {
    s->by_device.names.emplace_back(DeviceClassName(static_cast<DeviceClass>(d)));
    s->by_device.rows.push_back(by_device[static_cast<std::size_t>(d)].Group());
  }
}

// PoP egress, transit and service counters: their change over the window.
void AddCounters(const SummaryInputs& in, RunSummary* s) {
  const WorldCounters& a = *in.at_start;
  const WorldCounters& b = *in.at_end;
  const Topology& topology = *in.world->topology;
  for (std::size_t pop = 0; pop < topology.pop_count(); ++pop) {
    const double bytes = b.pop_egress_bytes[pop] - a.pop_egress_bytes[pop];
    s->pop_names.push_back(topology.pop_name(static_cast<PopIndex>(pop)));
    s->cdn_egress_bytes_per_pop.push_back(bytes);
    s->cdn_egress_bytes += bytes;
  }
  s->transit_bytes = b.transit_bytes - a.transit_bytes;
  s->transit_cost = s->transit_bytes / 1e9 * in.config->topology.transit.cost_per_gb;
  const auto delta = [](double end, double start) { return static_cast<std::int64_t>(end - start); };
  s->tracker_requests = delta(b.tracker_requests, a.tracker_requests);
  s->distributor_requests = delta(b.distributor_requests, a.distributor_requests);
  s->connection_attempts = delta(b.connection_attempts, a.connection_attempts);
  s->nat_traversal_failures = delta(b.nat_traversal_failures, a.nat_traversal_failures);
  s->connection_timeouts = delta(b.connection_timeouts, a.connection_timeouts);
  s->connections_to_departed = delta(b.connections_to_departed, a.connections_to_departed);
  s->silent_departures = delta(b.silent_departures, a.silent_departures);
  s->uplink_stalls = delta(b.uplink_stalls, a.uplink_stalls);
  s->background_uploads = delta(b.background_uploads, a.background_uploads);
  s->peer_messages = delta(b.peer_messages, a.peer_messages);
  s->service_messages = delta(b.service_messages, a.service_messages);
  s->encoded_message_bytes = delta(b.encoded_message_bytes, a.encoded_message_bytes);
  const double window_s = UsToSeconds(in.window->end_us() - in.window->start_us());
  s->tracker_requests_per_s = RatioOrNan(static_cast<double>(s->tracker_requests), window_s);
}

}  // namespace

WorldCounters ReadWorldCounters(const WorldView& world, TimeUs now_us) {
  WorldCounters c;
  const Transport& network = *world.transport;
  const Topology& topology = *world.topology;
  for (std::size_t pop = 0; pop < topology.pop_count(); ++pop) {
    c.pop_egress_bytes.push_back(
        network.LinkBytes(topology.PopEgressLink(static_cast<PopIndex>(pop)), now_us));
  }
  for (std::size_t a = 0; a < topology.isp_count(); ++a) {
    for (std::size_t b = 0; b < topology.isp_count(); ++b) {
      if (a == b) continue;
      const LinkId link = topology.TransitLink(static_cast<IspId>(a), static_cast<IspId>(b));
      c.transit_bytes += network.LinkBytes(link, now_us);
    }
  }
  c.tracker_requests = static_cast<double>(world.services->tracker().stats().requests);
  c.distributor_requests = static_cast<double>(world.services->distributor().requests());
  c.connection_attempts = static_cast<double>(world.signaling->attempts());
  c.nat_traversal_failures = static_cast<double>(world.signaling->nat_failures() +
                                                 world.signaling->traversal_failures());
  c.connection_timeouts = static_cast<double>(world.signaling->ice_timeouts());
  c.connections_to_departed = static_cast<double>(world.signaling->departed_peers());
  c.silent_departures = static_cast<double>(world.failures->silent_departures);
  c.uplink_stalls = static_cast<double>(world.failures->uplink_stalls);
  c.background_uploads = static_cast<double>(world.failures->background_uploads);
  c.peer_messages = static_cast<double>(world.mesh->stats().peer_messages);
  c.service_messages = static_cast<double>(world.mesh->stats().service_messages);
  c.encoded_message_bytes = static_cast<double>(world.mesh->stats().encoded_bytes);
  return c;
}

RunSummary ComputeSummary(const SummaryInputs& in) {
  RunSummary s;
  s.window_start_s = UsToSeconds(in.window->start_us());
  s.window_end_s = UsToSeconds(in.window->end_us());
  AddRecords(in, &s);
  AddCounters(in, &s);
  const BoundInputs& bound = in.sampler->bound_inputs();
  s.peak_concurrent_viewers = static_cast<double>(in.sampler->peak_viewers());
  s.mean_concurrent_viewers = RatioOrNan(bound.viewers, bound.samples);
  s.theoretical_offload_bound = TheoreticalOffloadBound(bound);
  s.tight_offload_bound = TightOffloadBound(in.tight->Problem());
  s.efficiency = RatioOrNan(s.offload_ratio, s.tight_offload_bound);
  return s;
}

}  // namespace cdnmesh
