#include "sim/output/csv-writers.h"

#include <algorithm>
#include <string>
#include <vector>

#include "core/common/types.h"
#include "sim/output/csv-row.h"

namespace cdnmesh {
namespace {

// Seconds of a time, or an empty field for "never".
void Seconds(CsvRow& row, TimeUs us) {
  if (us == kNever) {
    row.Empty();
  } else {
    row.Number(UsToSeconds(us));
  }
}

void TimeseriesHeader(const RunResult& result, std::ostream& out) {
  CsvRow header(out);
  header.Text("start_s").Text("end_s").Text("viewers");
  for (const std::string& pop : result.summary.pop_names) header.Text("cdn_egress_bps_" + pop);
  header.Text("cdn_bps").Text("p2p_bps").Text("offload").Text("stalls").Text("stall_s");
  header.Text("swarms").End();
}

constexpr const char* kPeerColumns[] = {
    "id", "isp", "device", "nat", "content", "pop", "down_bps", "up_bps", "join_s", "leave_s",
    "startup_delay_s", "stall_count", "stall_s", "live_resyncs", "played_s", "mean_bitrate_bps",
    "bitrate_switches", "cdn_bytes", "p2p_bytes", "p2p_cross_isp_bytes", "wasted_bytes",
    "uploaded_bytes", "cdn_requests", "p2p_requests", "p2p_failures", "p2p_timeouts",
    "cdn_fallbacks", "connections_opened", "connect_failures", "max_connections"};

void PeerRow(const RunResult& result, const PeerRecord& r, std::ostream& out) {
  const PeerIdentity& who = r.identity;
  const DurationUs startup_us = r.qos.startup_delay_us();
  CsvRow row(out);
  row.Integer(static_cast<std::int64_t>(who.id)).Text(result.isp_names[who.net.isp]);
  row.Text(DeviceClassName(who.device)).Text(NatTypeName(who.nat));
  row.Integer(static_cast<std::int64_t>(who.content)).Text(result.summary.pop_names[who.net.pop]);
  row.Integer(who.net.down_bps).Integer(who.net.up_bps);
  Seconds(row, who.join_us);
  Seconds(row, r.leave_us);
  if (startup_us < 0) {
    row.Empty();
  } else {
    row.Number(UsToSeconds(startup_us));
  }
  row.Integer(r.qos.stall_count).Number(UsToSeconds(r.qos.stall_time_us));
  row.Integer(r.qos.live_resyncs).Number(UsToSeconds(r.qos.played_us));
  row.Number(r.mean_bitrate_bps).Integer(r.qos.bitrate_switches);
  row.Integer(r.stats.cdn_bytes).Integer(r.stats.p2p_bytes).Integer(r.p2p_cross_isp_bytes);
  row.Integer(r.stats.wasted_bytes).Integer(r.uploaded_bytes_delivered);
  row.Integer(r.stats.cdn_requests).Integer(r.stats.p2p_requests);
  row.Integer(r.stats.p2p_failures).Integer(r.stats.p2p_timeouts);
  row.Integer(r.stats.buffer_fallbacks).Integer(r.connections_opened);
  row.Integer(r.connect_failures).Integer(r.max_connections).End();
}

}  // namespace

void WriteTimeseriesCsv(const RunResult& result, std::ostream& out) {
  TimeseriesHeader(result, out);
  for (const TimeseriesRow& ts : result.timeseries) {
    CsvRow row(out);
    row.Number(ts.start_s).Number(ts.end_s).Integer(ts.viewers);
    for (const double bps : ts.cdn_egress_bps_per_pop) row.Number(bps);
    row.Number(ts.cdn_bps).Number(ts.p2p_bps).Number(ts.offload).Integer(ts.stalls);
    row.Number(ts.stall_s).Integer(ts.swarms).End();
  }
}

void WritePeersCsv(const RunResult& result, std::ostream& out) {
  CsvRow header(out);
  for (const char* column : kPeerColumns) header.Text(column);
  header.End();
  std::vector<const PeerRecord*> rows;
  for (const PeerRecord& r : result.peers) rows.push_back(&r);
  std::sort(rows.begin(), rows.end(), [](const PeerRecord* a, const PeerRecord* b) {
    return a->identity.id < b->identity.id;
  });
  for (const PeerRecord* r : rows) PeerRow(result, *r, out);
}

}  // namespace cdnmesh
