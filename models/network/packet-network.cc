#include "models/network/packet-network.h"

#include <algorithm>

#include <ns3/boolean.h>
#include <ns3/data-rate.h>
#include <ns3/drop-tail-queue.h>
#include <ns3/ipv4.h>
#include <ns3/mac48-address.h>
#include <ns3/net-device-container.h>
#include <ns3/nstime.h>
#include <ns3/point-to-point-channel.h>
#include <ns3/point-to-point-net-device.h>
#include <ns3/traffic-control-helper.h>

#include "models/network/host-route-table.h"
#include "models/topology/propagation.h"

namespace cdnmesh {
namespace {

/// TCP/IP header bytes on top of a segment (IPv4 20 + TCP 20 + timestamps 12).
constexpr int kHeaderBytes = 52;

std::int64_t RateOrUnlimited(std::int64_t bps) { return bps > 0 ? bps : kUnlimitedBps; }

HostRouteTable& RoutesOf(const ns3::Ptr<ns3::Node>& node) {
  ns3::Ptr<HostRouteTable> table =
      ns3::DynamicCast<HostRouteTable>(node->GetObject<ns3::Ipv4>()->GetRoutingProtocol());
  return *table;
}

}  // namespace

PacketNetwork::PacketNetwork(const TopologyConfig& topology, const PacketConfig& packet)
    : m_topology(topology), m_packet(packet) {
  m_stack.SetRoutingHelper(HostRouteTableHelper());
  m_stack.SetIpv6StackInstall(false);
  const int mss = std::max(packet.cdn_mss_bytes, packet.p2p_mss_bytes);
  m_mtu_bytes = static_cast<std::uint16_t>(std::max(1500, mss + kHeaderBytes));
  BuildPops();
  BuildTransit();
}

ns3::Ptr<ns3::Node> PacketNetwork::NewNode() {
  ns3::Ptr<ns3::Node> node = ns3::CreateObject<ns3::Node>();
  m_stack.Install(node);
  // Weak end systems look for the destination on every interface: O(interfaces) per packet.
  node->GetObject<ns3::Ipv4>()->SetAttribute("WeakEsModel", ns3::BooleanValue(false));
  ++m_node_count;
  return node;
}

std::uint32_t PacketNetwork::AddInterface(ns3::Ptr<ns3::Node> node,
                                          ns3::Ptr<ns3::NetDevice> device,
                                          ns3::Ipv4Address address) {
  ns3::Ptr<ns3::Ipv4> ipv4 = node->GetObject<ns3::Ipv4>();
  const std::uint32_t index = ipv4->AddInterface(device);
  ipv4->AddAddress(index, ns3::Ipv4InterfaceAddress(address, ns3::Ipv4Mask("255.255.255.252")));
  ipv4->SetMetric(index, 1);
  ipv4->SetUp(index);
  if (m_packet.queue_discipline == QueueDiscipline::kFqCoDel) {
    ns3::TrafficControlHelper tc;
    tc.SetRootQueueDisc("ns3::FqCoDelQueueDisc");
    tc.Install(ns3::NetDeviceContainer(device));
  }
  return index;
}

PacketNetwork::Wire PacketNetwork::Connect(ns3::Ptr<ns3::Node> a, ns3::Ptr<ns3::Node> b,
                                           std::int64_t a_to_b_bps, std::int64_t b_to_a_bps,
                                           DurationUs delay_us) {
  ns3::Ptr<ns3::PointToPointChannel> channel = ns3::CreateObject<ns3::PointToPointChannel>();
  channel->SetAttribute("Delay", ns3::TimeValue(ns3::MicroSeconds(delay_us)));
  ns3::Ptr<ns3::PointToPointNetDevice> devices[2];
  const std::int64_t rates[2] = {a_to_b_bps, b_to_a_bps};
  const ns3::Ptr<ns3::Node> nodes[2] = {a, b};
  for (int i = 0; i < 2; ++i) {
    devices[i] = ns3::CreateObject<ns3::PointToPointNetDevice>();
    devices[i]->SetAddress(ns3::Mac48Address::Allocate());
    devices[i]->SetDataRate(ns3::DataRate(static_cast<std::uint64_t>(rates[i])));
    devices[i]->SetMtu(m_mtu_bytes);
    ns3::Ptr<ns3::DropTailQueue<ns3::Packet>> queue =
        ns3::CreateObject<ns3::DropTailQueue<ns3::Packet>>();
    queue->SetMaxSize(ns3::QueueSize(ns3::QueueSizeUnit::PACKETS,
                                     static_cast<std::uint32_t>(m_packet.queue_packets)));
    devices[i]->SetQueue(queue);
    nodes[i]->AddDevice(devices[i]);
    devices[i]->Attach(channel);
  }
  const std::uint32_t base = (10u << 24) + 4 * m_next_subnet++;
  Wire wire;
  wire.addr_a = ns3::Ipv4Address(base + 1);
  wire.addr_b = ns3::Ipv4Address(base + 2);
  wire.if_a = AddInterface(a, devices[0], wire.addr_a);
  wire.if_b = AddInterface(b, devices[1], wire.addr_b);
  wire.device_a = devices[0];
  return wire;
}

void PacketNetwork::BuildPops() {
  const std::size_t isps = m_topology.isps.size();
  for (std::size_t i = 0; i < isps; ++i) m_isp_routers.push_back(NewNode());
  m_peering.resize(m_topology.pops.size() * isps);
  for (std::size_t p = 0; p < m_topology.pops.size(); ++p) {
    const PopConfig& pop = m_topology.pops[p];
    m_pop_servers.push_back(NewNode());
    m_pop_routers.push_back(NewNode());
    const Wire egress = Connect(m_pop_servers[p], m_pop_routers[p],
                                RateOrUnlimited(pop.egress_bps), kUnlimitedBps, 0);
    m_egress.push_back(egress);
    m_pop_addresses.push_back(egress.addr_a);
    RoutesOf(m_pop_servers[p]).SetDefaultRoute(egress.if_a, egress.addr_b);
    RoutesOf(m_pop_routers[p]).AddHostRoute(egress.addr_a, egress.if_b, egress.addr_a);
    for (std::size_t i = 0; i < isps; ++i) {
      // Never negative: validation guarantees it on the pairs that serve viewers.
      const DurationUs delay_us =
          std::max<DurationUs>(0, pop.peering_latency_us - m_topology.isps[i].core_latency_us / 2) +
          PropagationDelayUs(m_topology.propagation, UnitVectorOf(pop.location),
                             UnitVectorOf(m_topology.isps[i].center));
      const Wire w = Connect(m_pop_routers[p], m_isp_routers[i],
                             RateOrUnlimited(pop.peering_capacity_bps), kUnlimitedBps, delay_us);
      m_peering[p * isps + i] = w;
      RoutesOf(m_isp_routers[i]).AddHostRoute(egress.addr_a, w.if_b, w.addr_a);
    }
  }
}

void PacketNetwork::BuildTransit() {
  const std::size_t isps = m_topology.isps.size();
  m_transit.resize(isps * isps);
  const std::int64_t bps = RateOrUnlimited(m_topology.transit.capacity_bps);
  for (std::size_t a = 0; a < isps; ++a) {
    for (std::size_t b = a + 1; b < isps; ++b) {
      const DurationUs delay_us = m_topology.transit.latency_us +
                                  (m_topology.isps[a].core_latency_us + 1) / 2 +
                                  (m_topology.isps[b].core_latency_us + 1) / 2 +
                                  PropagationDelayUs(m_topology.propagation,
                                                     UnitVectorOf(m_topology.isps[a].center),
                                                     UnitVectorOf(m_topology.isps[b].center));
      const Wire w = Connect(m_isp_routers[a], m_isp_routers[b], bps, bps, delay_us);
      m_transit[a * isps + b] = w;
      m_transit[b * isps + a] = Wire{w.if_b, w.if_a, w.addr_b, w.addr_a, nullptr};
    }
  }
}

std::uint32_t PacketNetwork::AddViewer(const ViewerAttachment& attachment) {
  const IspConfig& isp = m_topology.isps[attachment.isp];
  Viewer viewer;
  viewer.node = NewNode();
  viewer.isp = attachment.isp;
  const std::int64_t up_bps =
      attachment.up_bps > 0 ? attachment.up_bps : m_packet.ack_only_uplink_bps;
  // Distance goes through the ISP's router at its centre (a star: see docs/network.md).
  const DurationUs propagation_us = PropagationDelayUs(
      m_topology.propagation, attachment.location_vector, UnitVectorOf(isp.center));
  viewer.access = Connect(viewer.node, m_isp_routers[attachment.isp], up_bps, attachment.down_bps,
                          isp.access_latency_us + isp.core_latency_us / 2 + propagation_us);
  viewer.address = viewer.access.addr_a;
  viewer.up_bps = up_bps;
  RoutesOf(viewer.node).SetDefaultRoute(viewer.access.if_a, viewer.access.addr_b);
  RouteViewer(viewer, true);
  m_viewers.push_back(viewer);
  return static_cast<std::uint32_t>(m_viewers.size() - 1);
}

void PacketNetwork::RemoveViewer(std::uint32_t index) { RouteViewer(m_viewers[index], false); }

void PacketNetwork::SetViewerUplinkBps(std::uint32_t index, std::int64_t rate_bps) {
  const Viewer& viewer = m_viewers[index];
  const std::int64_t floor_bps = std::min(m_packet.ack_only_uplink_bps, viewer.up_bps);
  viewer.access.device_a->SetDataRate(
      ns3::DataRate(static_cast<std::uint64_t>(std::max(rate_bps, floor_bps))));
}

// The viewer's ISP router reaches it over the access link; every other ISP router over its
// transit link to that ISP; every PoP router over its peering link to that ISP.
void PacketNetwork::RouteViewer(const Viewer& viewer, bool add) {
  const std::size_t isps = m_topology.isps.size();
  const auto route = [&](const ns3::Ptr<ns3::Node>& node, const Wire& w) {
    if (add) {
      RoutesOf(node).AddHostRoute(viewer.address, w.if_a, w.addr_b);
    } else {
      RoutesOf(node).RemoveHostRoute(viewer.address);
    }
  };
  route(m_isp_routers[viewer.isp],
        Wire{viewer.access.if_b, viewer.access.if_a, viewer.access.addr_b, viewer.access.addr_a,
             nullptr});
  for (std::size_t i = 0; i < isps; ++i) {
    if (i != viewer.isp) route(m_isp_routers[i], m_transit[i * isps + viewer.isp]);
  }
  for (std::size_t p = 0; p < m_pop_routers.size(); ++p) {
    route(m_pop_routers[p], m_peering[p * isps + viewer.isp]);
  }
}

}  // namespace cdnmesh
