#include "sim/world/make-transport.h"

#include "models/network/flow-transport.h"
#include "models/network/packet-transport.h"

namespace cdnmesh {

std::unique_ptr<Transport> MakeTransport(const ScenarioConfig& config) {
  if (config.network.fidelity == NetworkFidelity::kPacket) {
    return std::make_unique<PacketTransport>(config.topology, config.network.packet);
  }
  const PacketConfig& k = config.network.packet;
  const TransportConfig& t = config.topology.transport;
  FlowTcpCorrection correction;
  correction.enabled = t.slow_start;
  correction.cdn = {static_cast<double>(k.cdn_initial_cwnd_segments) * k.cdn_mss_bytes,
                    static_cast<double>(k.cdn_mss_bytes),
                    k.cdn_tcp == TcpVariant::kNewReno ? 1.5 : 2.0};
  correction.p2p = {static_cast<double>(k.p2p_initial_cwnd_segments) * k.p2p_mss_bytes,
                    static_cast<double>(k.p2p_mss_bytes), 1.5};
  correction.queue_factor = t.queue_factor;
  correction.ack_queue_factor = t.ack_queue_factor;
  correction.newcomer_factor = t.newcomer_factor;
  correction.queue_packets = k.queue_packets;
  return std::make_unique<FlowTransport>(correction);
}

}  // namespace cdnmesh
