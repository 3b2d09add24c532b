#include "models/network/host-route-table.h"

#include <ostream>

#include <ns3/ipv4-route.h>
#include <ns3/node.h>
#include <ns3/output-stream-wrapper.h>

namespace cdnmesh {

NS_OBJECT_ENSURE_REGISTERED(HostRouteTable);

ns3::TypeId HostRouteTable::GetTypeId() {
  static ns3::TypeId tid = ns3::TypeId("cdnmesh::HostRouteTable")
                               .SetParent<ns3::Ipv4RoutingProtocol>()
                               .SetGroupName("Cdnmesh")
                               .AddConstructor<HostRouteTable>();
  return tid;
}

ns3::Ptr<ns3::Ipv4Route> HostRouteTable::MakeRoute(std::uint32_t interface,
                                                   ns3::Ipv4Address gateway) const {
  ns3::Ptr<ns3::Ipv4Route> route = ns3::Create<ns3::Ipv4Route>();
  route->SetGateway(gateway);
  route->SetOutputDevice(m_ipv4->GetNetDevice(interface));
  route->SetSource(m_ipv4->GetAddress(interface, 0).GetLocal());
  return route;
}

void HostRouteTable::AddHostRoute(ns3::Ipv4Address destination, std::uint32_t interface,
                                  ns3::Ipv4Address gateway) {
  ns3::Ptr<ns3::Ipv4Route> route = MakeRoute(interface, gateway);
  route->SetDestination(destination);
  m_routes[destination.Get()] = route;
}

void HostRouteTable::RemoveHostRoute(ns3::Ipv4Address destination) {
  m_routes.erase(destination.Get());
}

void HostRouteTable::SetDefaultRoute(std::uint32_t interface, ns3::Ipv4Address gateway) {
  m_default = MakeRoute(interface, gateway);
}

ns3::Ptr<ns3::Ipv4Route> HostRouteTable::Lookup(ns3::Ipv4Address destination) const {
  const auto it = m_routes.find(destination.Get());
  if (it != m_routes.end()) return it->second;
  if (m_default == nullptr) return nullptr;
  // Ipv4Route carries its destination: a per-destination copy of the default route.
  ns3::Ptr<ns3::Ipv4Route> route = ns3::Create<ns3::Ipv4Route>(*m_default);
  route->SetDestination(destination);
  return route;
}

ns3::Ptr<ns3::Ipv4Route> HostRouteTable::RouteOutput(ns3::Ptr<ns3::Packet> /*p*/,
                                                     const ns3::Ipv4Header& header,
                                                     ns3::Ptr<ns3::NetDevice> /*oif*/,
                                                     ns3::Socket::SocketErrno& sockerr) {
  ns3::Ptr<ns3::Ipv4Route> route = Lookup(header.GetDestination());
  sockerr = route == nullptr ? ns3::Socket::ERROR_NOROUTETOHOST : ns3::Socket::ERROR_NOTERROR;
  return route;
}

bool HostRouteTable::RouteInput(ns3::Ptr<const ns3::Packet> p, const ns3::Ipv4Header& header,
                                ns3::Ptr<const ns3::NetDevice> idev, UnicastForwardCallback ucb,
                                MulticastForwardCallback /*mcb*/, LocalDeliverCallback lcb,
                                ErrorCallback ecb) {
  const std::int32_t iif = m_ipv4->GetInterfaceForDevice(idev);
  if (m_ipv4->IsDestinationAddress(header.GetDestination(), static_cast<std::uint32_t>(iif))) {
    if (lcb.IsNull()) return false;
    lcb(p, header, static_cast<std::uint32_t>(iif));
    return true;
  }
  ns3::Ptr<ns3::Ipv4Route> route = Lookup(header.GetDestination());
  if (route == nullptr) {
    if (!ecb.IsNull()) ecb(p, header, ns3::Socket::ERROR_NOROUTETOHOST);
    return false;
  }
  ucb(route, p, header);
  return true;
}

void HostRouteTable::PrintRoutingTable(ns3::Ptr<ns3::OutputStreamWrapper> stream,
                                       ns3::Time::Unit /*unit*/) const {
  std::ostream& os = *stream->GetStream();
  os << "HostRouteTable: " << m_routes.size() << " host routes"
     << (m_default != nullptr ? ", default via " : ", no default");
  if (m_default != nullptr) os << m_default->GetGateway();
  os << "\n";
}

void HostRouteTable::DoDispose() {
  m_routes.clear();
  m_default = nullptr;
  m_ipv4 = nullptr;
  ns3::Ipv4RoutingProtocol::DoDispose();
}

ns3::Ptr<ns3::Ipv4RoutingProtocol> HostRouteTableHelper::Create(ns3::Ptr<ns3::Node> /*node*/) const {
  return ns3::CreateObject<HostRouteTable>();
}

}  // namespace cdnmesh
