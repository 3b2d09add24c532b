#include "models/topology/topology.h"

#include "models/topology/propagation.h"

#include <ns3/abort.h>
#include <ns3/object.h>

#include <algorithm>
#include <cmath>
#include <limits>

namespace cdnmesh {
namespace {

constexpr double kPi = 3.14159265358979323846;
constexpr double kRadiansPerDegree = kPi / 180.0;

/// The point `distance_rad` (angle at the Earth's centre) away from `from` along `bearing_rad`.
GeoPoint Destination(const GeoPoint& from, double distance_rad, double bearing_rad) {
  const double lat1 = from.latitude_deg * kRadiansPerDegree;
  const double lon1 = from.longitude_deg * kRadiansPerDegree;
  const double sin_lat2 = std::sin(lat1) * std::cos(distance_rad) +
                          std::cos(lat1) * std::sin(distance_rad) * std::cos(bearing_rad);
  const double lat2 = std::asin(std::clamp(sin_lat2, -1.0, 1.0));
  const double lon2 =
      lon1 + std::atan2(std::sin(bearing_rad) * std::sin(distance_rad) * std::cos(lat1),
                        std::cos(distance_rad) - std::sin(lat1) * sin_lat2);
  const double lon_deg = std::remainder(lon2 / kRadiansPerDegree, 360.0);  // in [-180, 180]
  return {lat2 / kRadiansPerDegree, lon_deg};
}

/// Rounds a drawn capacity to whole bps (negative draws become 0).
std::int64_t RoundBps(double bps) {
  if (!(bps > 0.0)) {
    return 0;
  }
  const double max_bps = static_cast<double>(std::numeric_limits<std::int64_t>::max() / 2);
  return static_cast<std::int64_t>(std::llround(std::min(bps, max_bps)));
}

}  // namespace

Topology::Topology(const TopologyConfig& config, FlowNetwork& network)
    : m_config(config), m_network(network) {
  NS_ABORT_MSG_IF(m_config.isps.empty() || m_config.pops.empty(), "topology needs ISPs and PoPs");
  NS_ABORT_MSG_IF(m_config.isps.size() > std::numeric_limits<IspId>::max() ||
                      m_config.pops.size() > std::numeric_limits<PopIndex>::max(),
                  "too many ISPs or PoPs");
  BuildPopLinks();
  BuildTransitLinks();
  ResolveIspPops();
  MakeVariables();
}

void Topology::BuildPopLinks() {
  const std::size_t isps = isp_count();
  m_egress.reserve(pop_count());
  m_peering.assign(pop_count() * isps, kInvalidLink);
  for (std::size_t pop = 0; pop < pop_count(); ++pop) {
    const PopConfig& p = m_config.pops[pop];
    m_egress.push_back(m_network.AddLink(p.egress_bps, 0));
    m_pop_vectors.push_back(UnitVectorOf(p.location));
    if (p.peering_capacity_bps == kUnlimited) {
      continue;  // latency only: computed by CdnLatencyUs, left off paths
    }
    for (std::size_t isp = 0; isp < isps; ++isp) {
      m_peering[pop * isps + isp] = m_network.AddLink(p.peering_capacity_bps, p.peering_latency_us);
    }
  }
}

void Topology::BuildTransitLinks() {
  const std::size_t isps = isp_count();
  m_transit.assign(isps * isps, kInvalidLink);
  for (std::size_t from = 0; from < isps; ++from) {
    for (std::size_t to = 0; to < isps; ++to) {
      if (from != to) {
        m_transit[from * isps + to] =
            m_network.AddLink(m_config.transit.capacity_bps, m_config.transit.latency_us);
      }
    }
  }
}

void Topology::ResolveIspPops() {
  m_isp_pop.reserve(isp_count());
  for (const IspConfig& isp : m_config.isps) {
    PopIndex index = 0;
    if (!isp.pop.empty()) {
      const auto it = std::find_if(m_config.pops.begin(), m_config.pops.end(),
                                   [&](const PopConfig& p) { return p.name == isp.pop; });
      NS_ABORT_MSG_IF(it == m_config.pops.end(),
                      "ISP '" << isp.name << "' names unknown PoP '" << isp.pop << "'");
      index = static_cast<PopIndex>(it - m_config.pops.begin());
    }
    m_isp_pop.push_back(index);
  }
}

void Topology::MakeVariables() {
  m_variables.resize(isp_count());
  for (std::size_t isp = 0; isp < isp_count(); ++isp) {
    IspVariables& v = m_variables[isp];
    v.location = ns3::CreateObject<ns3::UniformRandomVariable>();  // on [0, 1)
    for (const AccessProfileConfig& profile : m_config.isps[isp].access) {
      v.down.emplace_back(profile.down_bps);
      v.up.emplace_back(profile.up_bps);
    }
  }
}

std::int64_t Topology::AssignStreams(std::int64_t stream) {
  const std::int64_t first = stream;
  for (IspVariables& v : m_variables) {
    v.location->SetStream(stream++);
    for (int device = 0; device < kDeviceClassCount; ++device) {
      stream += v.down[device].AssignStreams(stream);
      stream += v.up[device].AssignStreams(stream);
    }
  }
  return stream - first;
}

GeoPoint Topology::DrawLocation(IspId isp) {
  // Uniform on the spherical cap of angular radius max_rad: the cap area below angle d grows as
  // sin^2(d / 2), so d = 2 asin(sqrt(u) sin(max_rad / 2)) (numerically stable for small caps).
  const IspConfig& config = m_config.isps[isp];
  const double max_rad = std::clamp(config.radius_km / kEarthRadiusKm, 0.0, kPi);
  ns3::UniformRandomVariable& u = *m_variables[isp].location;
  const double distance_rad = 2.0 * std::asin(std::sqrt(u.GetValue()) * std::sin(max_rad / 2.0));
  const double bearing_rad = 2.0 * kPi * u.GetValue();
  return Destination(config.center, distance_rad, bearing_rad);
}

ViewerAttachment Topology::AttachViewer(IspId isp, DeviceClass device) {
  NS_ABORT_MSG_IF(isp >= isp_count(), "unknown ISP " << isp);
  const auto d = static_cast<std::size_t>(device);
  IspVariables& v = m_variables[isp];
  const DurationUs access_us = m_config.isps[isp].access_latency_us;
  ViewerAttachment viewer;
  viewer.isp = isp;
  viewer.location = DrawLocation(isp);
  viewer.down_bps = std::max<std::int64_t>(1, RoundBps(v.down[d].GetValue()));
  viewer.up_bps = RoundBps(v.up[d].GetValue());
  viewer.down_link = m_network.AddLink(viewer.down_bps, access_us);
  if (viewer.up_bps > 0) {
    viewer.up_link = m_network.AddLink(viewer.up_bps, access_us);
  }
  viewer.pop = m_config.pop_selection == PopSelection::kNearest ? NearestPop(viewer.location)
                                                                : m_isp_pop[isp];
  viewer.location_vector = UnitVectorOf(viewer.location);
  viewer.cdn_propagation_us = PropagationDelayUs(m_config.propagation, viewer.location_vector,
                                                 m_pop_vectors[viewer.pop]);
  return viewer;
}

void Topology::DetachViewer(const ViewerAttachment& viewer) {
  m_network.RemoveLink(viewer.down_link);
  if (viewer.up_link != kInvalidLink) {
    m_network.RemoveLink(viewer.up_link);
  }
}

PopIndex Topology::NearestPop(const GeoPoint& location) const {
  const Vec3 point = UnitVectorOf(location);
  std::size_t best = 0;
  double best_chord2 = std::numeric_limits<double>::infinity();
  for (std::size_t pop = 0; pop < m_pop_vectors.size(); ++pop) {
    const double chord2 = SquaredChordBetween(point, m_pop_vectors[pop]);
    if (chord2 < best_chord2) {
      best_chord2 = chord2;
      best = pop;
    }
  }
  return static_cast<PopIndex>(best);
}

LinkId Topology::PeeringLink(PopIndex pop, IspId isp) const {
  return m_peering[static_cast<std::size_t>(pop) * isp_count() + isp];
}

LinkId Topology::TransitLink(IspId from, IspId to) const {
  return m_transit[static_cast<std::size_t>(from) * isp_count() + to];
}

void Topology::CdnPath(const ViewerAttachment& viewer, std::vector<LinkId>* path) const {
  path->clear();
  path->push_back(m_egress[viewer.pop]);
  const LinkId peering = PeeringLink(viewer.pop, viewer.isp);
  if (peering != kInvalidLink) {
    path->push_back(peering);
  }
  path->push_back(viewer.down_link);
}

void Topology::PeerPath(const ViewerAttachment& from, const ViewerAttachment& to,
                        std::vector<LinkId>* path) const {
  NS_ABORT_MSG_IF(from.up_link == kInvalidLink, "a viewer without upload is a transfer source");
  path->clear();
  path->push_back(from.up_link);
  if (from.isp != to.isp) {
    path->push_back(TransitLink(from.isp, to.isp));
  }
  path->push_back(to.down_link);
}

DurationUs Topology::CdnLatencyUs(const ViewerAttachment& viewer) const {
  return m_config.pops[viewer.pop].peering_latency_us +
         m_config.isps[viewer.isp].access_latency_us + viewer.cdn_propagation_us;
}

DurationUs Topology::PeerLatencyUs(const ViewerAttachment& a, const ViewerAttachment& b) const {
  const IspConfig& isp_a = m_config.isps[a.isp];
  const IspConfig& isp_b = m_config.isps[b.isp];
  const DurationUs propagation_us =
      PropagationDelayUs(m_config.propagation, a.location_vector, b.location_vector);
  if (a.isp == b.isp) {
    return 2 * isp_a.access_latency_us + isp_a.core_latency_us + propagation_us;
  }
  return isp_a.access_latency_us + isp_a.core_latency_us + m_config.transit.latency_us +
         isp_b.core_latency_us + isp_b.access_latency_us + propagation_us;
}

BitsPerSecond Topology::WindowCapBps(std::int64_t window_bytes, DurationUs one_way_us) {
  const DurationUs rtt_us = 2 * one_way_us;
  if (rtt_us <= 0 || window_bytes <= 0) {
    return kUnlimited;
  }
  const double cap_bps =
      static_cast<double>(window_bytes) * 8.0 * 1e6 / static_cast<double>(rtt_us);
  const double max_bps = static_cast<double>(std::numeric_limits<BitsPerSecond>::max() / 2);
  return std::max<BitsPerSecond>(1, static_cast<BitsPerSecond>(std::min(cap_bps, max_bps)));
}

BitsPerSecond Topology::CdnFlowCapBps(const ViewerAttachment& viewer) const {
  return WindowCapBps(m_config.transport.cdn_window_bytes, CdnLatencyUs(viewer));
}

BitsPerSecond Topology::PeerFlowCapBps(const ViewerAttachment& a, const ViewerAttachment& b) const {
  return WindowCapBps(m_config.transport.p2p_window_bytes, PeerLatencyUs(a, b));
}

}  // namespace cdnmesh
