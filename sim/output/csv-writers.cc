#include "sim/output/csv-writers.h"

#include <algorithm>
#include <string>
#include <vector>

#include "core/common/types.h"
#include "sim/config/number-text.h"

namespace cdnmesh {
namespace {

// Fixed, locale-free number formatting ("%.6g" in the C locale) so files are byte-identical
// across runs and host processes.
std::string Num(double value) { return FormatGeneral(value, 6); }

std::string Seconds(TimeUs us) { return us == kNever ? "" : Num(UsToSeconds(us)); }

}  // namespace

void WriteTimeseriesCsv(const RunResult& result, std::ostream& out) {
  out << "time_s,viewers";
  for (const std::string& pop : result.summary.pop_names) out << ",cdn_egress_bps_" << pop;
  out << ",cdn_bps,p2p_bps,offload,stalls,stall_s,swarms\n";
  for (const TimeseriesRow& row : result.timeseries) {
    out << Num(row.start_s) << ',' << row.viewers;
    for (const double bps : row.cdn_egress_bps_per_pop) out << ',' << Num(bps);
    out << ',' << Num(row.cdn_bps) << ',' << Num(row.p2p_bps) << ',' << Num(row.offload) << ','
        << row.stalls << ',' << Num(row.stall_s) << ',' << row.swarms << '\n';
  }
}

void WritePeersCsv(const RunResult& result, std::ostream& out) {
  out << "id,isp,device,nat,content,pop,down_bps,up_bps,join_s,leave_s,startup_delay_s,"
         "stall_count,stall_s,live_resyncs,played_s,mean_bitrate_bps,bitrate_switches,cdn_bytes,p2p_bytes,"
         "p2p_cross_isp_bytes,wasted_bytes,uploaded_bytes,cdn_requests,p2p_requests,"
         "p2p_failures,p2p_timeouts,cdn_fallbacks,connections_opened,connect_failures,"
         "max_connections\n";
  std::vector<const PeerRecord*> rows;
  for (const PeerRecord& r : result.peers) rows.push_back(&r);
  std::sort(rows.begin(), rows.end(), [](const PeerRecord* a, const PeerRecord* b) {
    return a->identity.id < b->identity.id;
  });
  for (const PeerRecord* r : rows) {
    const PeerIdentity& who = r->identity;
    const DurationUs startup_us = r->qos.startup_delay_us();
    out << who.id << ',' << result.isp_names[who.net.isp] << ',' << DeviceClassName(who.device)
        << ',' << NatTypeName(who.nat) << ',' << who.content << ','
        << result.summary.pop_names[who.net.pop] << ',' << who.net.down_bps << ','
        << who.net.up_bps << ',' << Seconds(who.join_us) << ',' << Seconds(r->leave_us) << ','
        << (startup_us < 0 ? std::string() : Num(UsToSeconds(startup_us))) << ','
        << r->qos.stall_count << ',' << Num(UsToSeconds(r->qos.stall_time_us)) << ','
        << r->qos.live_resyncs << ','
        << Num(UsToSeconds(r->qos.played_us)) << ',' << Num(r->mean_bitrate_bps) << ','
        << r->qos.bitrate_switches << ',' << r->stats.cdn_bytes << ',' << r->stats.p2p_bytes
        << ',' << r->p2p_cross_isp_bytes << ',' << r->stats.wasted_bytes << ','
        << r->uploaded_bytes_delivered << ',' << r->stats.cdn_requests << ','
        << r->stats.p2p_requests << ',' << r->stats.p2p_failures << ','
        << r->stats.p2p_timeouts << ',' << r->stats.buffer_fallbacks << ','
        << r->connections_opened << ',' << r->connect_failures << ',' << r->max_connections
        << '\n';
  }
}

}  // namespace cdnmesh
