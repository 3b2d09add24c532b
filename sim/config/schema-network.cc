// Schema entries of network.*: the fidelity and the packet-level transport's knobs.
#include "sim/config/schema-builders.h"
#include "sim/config/schema-tables.h"

namespace cdnmesh {
namespace {

using S = ScenarioConfig;

const NameTable<NetworkFidelity>& FidelityNames() {
  static const NameTable<NetworkFidelity> table = {{"flow", NetworkFidelity::kFlow},
                                                   {"packet", NetworkFidelity::kPacket}};
  return table;
}

const NameTable<TcpVariant>& TcpVariantNames() {
  static const NameTable<TcpVariant> table = {{"new_reno", TcpVariant::kNewReno},
                                              {"cubic", TcpVariant::kCubic},
                                              {"linux_reno", TcpVariant::kLinuxReno},
                                              {"bbr", TcpVariant::kBbr}};
  return table;
}

const NameTable<QueueDiscipline>& QueueDisciplineNames() {
  static const NameTable<QueueDiscipline> table = {{"drop_tail", QueueDiscipline::kDropTail},
                                                   {"fq_codel", QueueDiscipline::kFqCoDel}};
  return table;
}

void AppendTcp(std::vector<Field<S>>& f, const std::string& p) {
  f.push_back(EnumEntry<S>(p + "cdn_tcp", CDNMESH_REF(network.packet.cdn_tcp), TcpVariantNames(),
                           "Congestion control of CDN connections (peer connections use "
                           "new_reno, the stand-in for WebRTC's SCTP)."));
  f.push_back(IntEntry<S>(p + "cdn_mss_bytes", CDNMESH_REF(network.packet.cdn_mss_bytes), "bytes",
                          ValueRange::Between(536, 8960), "TCP segment size of CDN connections."));
  f.push_back(IntEntry<S>(p + "p2p_mss_bytes", CDNMESH_REF(network.packet.p2p_mss_bytes), "bytes",
                          ValueRange::Between(536, 8960),
                          "Segment size of peer connections (SCTP payload over DTLS)."));
  f.push_back(IntEntry<S>(p + "cdn_initial_cwnd_segments",
                          CDNMESH_REF(network.packet.cdn_initial_cwnd_segments), "segments",
                          ValueRange::Between(1, 100), "Initial window of CDN connections."));
  f.push_back(IntEntry<S>(p + "p2p_initial_cwnd_segments",
                          CDNMESH_REF(network.packet.p2p_initial_cwnd_segments), "segments",
                          ValueRange::Between(1, 100), "Initial window of peer connections."));
  f.push_back(SecondsEntry<S>(p + "min_rto_s", CDNMESH_REF(network.packet.min_rto_us),
                              ValueRange::Between(0.01, 10), "Minimum retransmission timeout."));
}

}  // namespace

void AppendNetworkFields(std::vector<Field<S>>& f) {
  f.push_back(EnumEntry<S>("network.fidelity", CDNMESH_REF(network.fidelity), FidelityNames(),
                           "flow: max-min fluid flows (scale); packet: the same topology as "
                           "ns-3 nodes, point-to-point links and TCP (validation, up to ~1 000 "
                           "viewers; socket buffers are transport.*_window_bytes)."));
  const std::string p = "network.packet.";
  f.push_back(IntEntry<S>(p + "queue_packets", CDNMESH_REF(network.packet.queue_packets),
                          "packets", ValueRange::Between(1, 100000),
                          "Drop-tail queue of every point-to-point device."));
  f.push_back(EnumEntry<S>(p + "queue_discipline", CDNMESH_REF(network.packet.queue_discipline),
                           QueueDisciplineNames(),
                           "drop_tail: the device queue only; fq_codel: ns-3's FqCoDel in front "
                           "of it (refused for now: such runs do not finish)."));
  AppendTcp(f, p);
  f.push_back(IntEntry<S>(p + "request_bytes", CDNMESH_REF(network.packet.request_bytes), "bytes",
                          ValueRange::Between(1, 65536),
                          "Size of a CDN request sent before its response."));
  f.push_back(IntEntry<S>(p + "ack_only_uplink_bps", CDNMESH_REF(network.packet.ack_only_uplink_bps),
                          "bps", ValueRange::Between(1000, 1e9),
                          "Uplink of a viewer that uploads nothing (carries ACKs and requests)."));
}

}  // namespace cdnmesh
