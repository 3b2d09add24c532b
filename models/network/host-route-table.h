// An O(1) IPv4 routing protocol for the packet-level network: a hash map from destination host
// address to its route, plus a default route. ns-3's global routing costs ~N^2 to populate and
// must be recomputed on every arrival; static routing scans its table per packet. The packet
// transport knows the topology (a tree of access links under ISP routers, PoP routers and a
// transit mesh), so it writes each host's route into every router once, when the host joins.
#pragma once

#include <cstdint>
#include <unordered_map>

#include <ns3/ipv4-routing-helper.h>
#include <ns3/ipv4-routing-protocol.h>
#include <ns3/ipv4.h>

namespace cdnmesh {

/// Host routes + default route; local delivery for the node's own addresses.
class HostRouteTable : public ns3::Ipv4RoutingProtocol {
 public:
  /// ns-3 type registration.
  static ns3::TypeId GetTypeId();

  /// Packets to `destination` leave through `interface` towards `gateway` (the next hop).
  void AddHostRoute(ns3::Ipv4Address destination, std::uint32_t interface,
                    ns3::Ipv4Address gateway);
  /// Forgets the route to `destination` (a host that left).
  void RemoveHostRoute(ns3::Ipv4Address destination);
  /// Packets to any other destination leave through `interface` towards `gateway`.
  void SetDefaultRoute(std::uint32_t interface, ns3::Ipv4Address gateway);
  /// Number of host routes.
  std::size_t size() const { return m_routes.size(); }

  // ns3::Ipv4RoutingProtocol
  ns3::Ptr<ns3::Ipv4Route> RouteOutput(ns3::Ptr<ns3::Packet> p, const ns3::Ipv4Header& header,
                                       ns3::Ptr<ns3::NetDevice> oif,
                                       ns3::Socket::SocketErrno& sockerr) override;
  bool RouteInput(ns3::Ptr<const ns3::Packet> p, const ns3::Ipv4Header& header,
                  ns3::Ptr<const ns3::NetDevice> idev, UnicastForwardCallback ucb,
                  MulticastForwardCallback mcb, LocalDeliverCallback lcb,
                  ErrorCallback ecb) override;
  void NotifyInterfaceUp(std::uint32_t /*interface*/) override {}
  void NotifyInterfaceDown(std::uint32_t /*interface*/) override {}
  void NotifyAddAddress(std::uint32_t /*interface*/, ns3::Ipv4InterfaceAddress /*a*/) override {}
  void NotifyRemoveAddress(std::uint32_t /*interface*/, ns3::Ipv4InterfaceAddress /*a*/) override {}
  void SetIpv4(ns3::Ptr<ns3::Ipv4> ipv4) override { m_ipv4 = ipv4; }
  void PrintRoutingTable(ns3::Ptr<ns3::OutputStreamWrapper> stream,
                         ns3::Time::Unit unit) const override;

 private:
  void DoDispose() override;
  ns3::Ptr<ns3::Ipv4Route> MakeRoute(std::uint32_t interface, ns3::Ipv4Address gateway) const;
  ns3::Ptr<ns3::Ipv4Route> Lookup(ns3::Ipv4Address destination) const;

  ns3::Ptr<ns3::Ipv4> m_ipv4;
  std::unordered_map<std::uint32_t, ns3::Ptr<ns3::Ipv4Route>> m_routes;  ///< by host address
  ns3::Ptr<ns3::Ipv4Route> m_default;
};

/// Installs a HostRouteTable on each node (for InternetStackHelper::SetRoutingHelper).
class HostRouteTableHelper : public ns3::Ipv4RoutingHelper {
 public:
  HostRouteTableHelper* Copy() const override { return new HostRouteTableHelper(*this); }
  ns3::Ptr<ns3::Ipv4RoutingProtocol> Create(ns3::Ptr<ns3::Node> node) const override;
};

}  // namespace cdnmesh
