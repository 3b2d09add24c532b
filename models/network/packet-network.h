// The topology as ns-3 nodes and point-to-point links, for the packet-level transport.
//
//   PoP server --egress--> PoP router --peering--> ISP router --access--> viewer
//                                                  ISP router <--transit--> ISP router
//
// Every link is one point-to-point channel whose two devices carry their own DataRate, so the
// access link of a viewer runs at its down rate towards it and at its up rate from it, and a
// transit link at the capacity of each directed ISP pair. Capacities the flow model leaves
// unlimited (0) become kUnlimitedBps. Latencies match Topology: the ISP core's one-way latency
// is split between the two access links of a same-ISP path (each access link carries access +
// core / 2), so a peering link carries peering - core / 2 and a transit link transit + both
// halves; scenario validation (ValidateNetwork) refuses configurations where that is impossible.
//
// Routing is a HostRouteTable per node: viewers and PoP servers route by default to their one
// neighbour; each router gets one host route per viewer when it joins (O(ISPs + PoPs) per
// viewer, O(1) per packet). Nodes are never deleted (ns-3 cannot): a departed viewer's node
// stays, without routes to it.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <ns3/internet-stack-helper.h>
#include <ns3/ipv4-address.h>
#include <ns3/node.h>
#include <ns3/point-to-point-net-device.h>

#include "models/network/packet-config.h"
#include "models/topology/topology.h"

namespace cdnmesh {

/// Rate of links the flow model leaves unlimited: 100 Gbit/s.
inline constexpr std::int64_t kUnlimitedBps = 100'000'000'000;

/// Nodes, links, addresses and routes of the packet-level network.
class PacketNetwork {
 public:
  /// Builds PoPs, ISP routers, peering and transit. `topology` must pass the
  /// scenario's network validation; both are copied.
  PacketNetwork(const TopologyConfig& topology, const PacketConfig& packet);
  PacketNetwork(const PacketNetwork&) = delete;
  PacketNetwork& operator=(const PacketNetwork&) = delete;

  /// Creates a node for `viewer` with its access link and its routes; returns its index.
  std::uint32_t AddViewer(const ViewerAttachment& viewer);
  /// Removes the routes to viewer `index` (its node stays, unreachable).
  void RemoveViewer(std::uint32_t index);
  /// Viewer `index`'s access device towards its ISP router sends at `rate_bps` from its next
  /// packet on, never below min(ack_only_uplink_bps, the rate it was built with).
  void SetViewerUplinkBps(std::uint32_t index, std::int64_t rate_bps);

  /// Node of viewer `index` and its address.
  ns3::Ptr<ns3::Node> viewer_node(std::uint32_t index) const { return m_viewers[index].node; }
  ns3::Ipv4Address viewer_address(std::uint32_t index) const { return m_viewers[index].address; }
  /// Server node of PoP `pop` and its address.
  ns3::Ptr<ns3::Node> pop_node(PopIndex pop) const { return m_pop_servers[pop]; }
  ns3::Ipv4Address pop_address(PopIndex pop) const { return m_pop_addresses[pop]; }
  /// Nodes created so far.
  std::size_t node_count() const { return m_node_count; }

 private:
  /// The two ends of a point-to-point link: interface indices and addresses.
  struct Wire {
    std::uint32_t if_a;
    std::uint32_t if_b;
    ns3::Ipv4Address addr_a;
    ns3::Ipv4Address addr_b;
    ns3::Ptr<ns3::PointToPointNetDevice> device_a;  ///< the device of end a (sends a -> b)
  };
  struct Viewer {
    ns3::Ptr<ns3::Node> node;
    ns3::Ipv4Address address;
    IspId isp = 0;
    Wire access;  ///< a = viewer, b = ISP router
    std::int64_t up_bps = 0;  ///< the rate its uplink device was built with
  };

  ns3::Ptr<ns3::Node> NewNode();
  Wire Connect(ns3::Ptr<ns3::Node> a, ns3::Ptr<ns3::Node> b, std::int64_t a_to_b_bps,
               std::int64_t b_to_a_bps, DurationUs delay_us);
  std::uint32_t AddInterface(ns3::Ptr<ns3::Node> node, ns3::Ptr<ns3::NetDevice> device,
                             ns3::Ipv4Address address);
  void BuildPops();
  void BuildTransit();
  void RouteViewer(const Viewer& viewer, bool add);

  TopologyConfig m_topology;
  PacketConfig m_packet;
  ns3::InternetStackHelper m_stack;
  std::uint16_t m_mtu_bytes = 1500;
  std::uint32_t m_next_subnet = 0;  ///< /30 subnets of 10.0.0.0/8, one per link
  std::size_t m_node_count = 0;
  std::vector<ns3::Ptr<ns3::Node>> m_pop_servers;
  std::vector<ns3::Ptr<ns3::Node>> m_pop_routers;
  std::vector<ns3::Ipv4Address> m_pop_addresses;
  std::vector<ns3::Ptr<ns3::Node>> m_isp_routers;
  std::vector<Wire> m_egress;   ///< per PoP: a = server, b = PoP router
  std::vector<Wire> m_peering;  ///< [pop * isps + isp]: a = PoP router, b = ISP router
  std::vector<Wire> m_transit;  ///< [from * isps + to] (from != to): a = from's router
  std::vector<Viewer> m_viewers;
};

}  // namespace cdnmesh
