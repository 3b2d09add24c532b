// The network topology on the flow-level network: CDN PoPs with egress links and peering to
// ISPs, directed inter-ISP transit links, and per-viewer access links with capacities drawn per
// ISP and device class. Latencies and per-flow caps (window / RTT) are computed here, not read
// back from the flow network, because latency-only links are left off paths.
#pragma once

#include <ns3/ptr.h>
#include <ns3/random-variable-stream.h>

#include <cstdint>
#include <string>
#include <vector>

#include "core/common/time.h"
#include "core/common/types.h"
#include "core/matching/geo.h"
#include "models/common/random-variables.h"
#include "models/network/flow-network.h"
#include "models/topology/topology-config.h"

namespace cdnmesh {

/// Index of a CDN PoP in TopologyConfig::pops.
using PopIndex = std::uint16_t;

/// Where a viewer sits in the network: ISP, PoP, location, its two access links and their
/// capacities in bps. Owned by the caller; up_link is kInvalidLink (and up_bps 0) for a viewer
/// that cannot upload, which must never be a transfer source.
struct ViewerAttachment {
  IspId isp = 0;                    ///< the viewer's ISP
  PopIndex pop = 0;                 ///< the PoP serving the viewer's CDN fetches
  GeoPoint location;                ///< where the viewer is, degrees
  Vec3 location_vector{1.0, 0.0, 0.0};  ///< unit vector of `location` (propagation delays)
  DurationUs cdn_propagation_us = 0;  ///< propagation delay to its PoP, one way
  LinkId down_link = kInvalidLink;  ///< access link towards the viewer
  LinkId up_link = kInvalidLink;    ///< access link from the viewer (kInvalidLink: no upload)
  std::int64_t down_bps = 0;        ///< capacity of down_link, bps (> 0)
  std::int64_t up_bps = 0;          ///< capacity of up_link, bps (0 when up_link is invalid)
};

/// PoPs, ISPs, transit and viewer access links in a FlowNetwork, with latencies and flow caps.
class Topology {
 public:
  /// Builds PoP egress links, PoP-ISP peering links (only those of finite capacity) and directed
  /// inter-ISP transit links in `network`, which must outlive the topology. `config` must be
  /// valid (non-empty isps and pops, at most 65535 of each, pop names resolvable); it is copied.
  Topology(const TopologyConfig& config, FlowNetwork& network);
  Topology(const Topology&) = delete;
  Topology& operator=(const Topology&) = delete;

  /// ns-3 convention: assigns random streams starting at `stream`; returns how many were used
  /// (9 per ISP: location, then down and up per device class).
  std::int64_t AssignStreams(std::int64_t stream);
  /// Draws a viewer's location (uniform in its ISP's disc) and access capacities (per ISP and
  /// device class, rounded to whole bps), adds its access links, picks its PoP (by ISP or
  /// nearest by great-circle distance). A drawn up capacity below 1 bps means no upload link.
  ViewerAttachment AttachViewer(IspId isp, DeviceClass device);
  /// Removes the viewer's access links (caller guarantees no flow crosses them any more).
  void DetachViewer(const ViewerAttachment& viewer);

  /// Path of a CDN fetch: PoP egress -> peering(pop, isp) if of finite capacity -> viewer down
  /// link. Clears *path first.
  void CdnPath(const ViewerAttachment& viewer, std::vector<LinkId>* path) const;
  /// Path of a peer transfer: from.up -> transit(from.isp, to.isp) if the ISPs differ -> to.down.
  /// Clears *path first. `from` must have an up link.
  void PeerPath(const ViewerAttachment& from, const ViewerAttachment& to,
                std::vector<LinkId>* path) const;

  /// One-way latency PoP -> viewer in microseconds: peering + the viewer's access link + the
  /// propagation delay over their distance.
  DurationUs CdnLatencyUs(const ViewerAttachment& viewer) const;
  /// One-way latency between two viewers in microseconds: both access links + the ISP core when
  /// they share an ISP; both access links + both ISP cores + transit when they do not; plus the
  /// propagation delay over their distance.
  DurationUs PeerLatencyUs(const ViewerAttachment& a, const ViewerAttachment& b) const;

  /// Per-flow rate cap of a CDN fetch: cdn_window_bytes * 8 / RTT in bps, rounded down
  /// (kUnlimited when the RTT or the window is 0).
  BitsPerSecond CdnFlowCapBps(const ViewerAttachment& viewer) const;
  /// Per-flow rate cap of a peer transfer: p2p_window_bytes * 8 / RTT in bps, rounded down
  /// (kUnlimited when the RTT or the window is 0).
  BitsPerSecond PeerFlowCapBps(const ViewerAttachment& a, const ViewerAttachment& b) const;

  /// Number of ISPs.
  std::size_t isp_count() const { return m_config.isps.size(); }
  /// Number of CDN PoPs.
  std::size_t pop_count() const { return m_config.pops.size(); }
  /// Name of an ISP as configured.
  const std::string& isp_name(IspId isp) const { return m_config.isps[isp].name; }
  /// Name of a PoP as configured.
  const std::string& pop_name(PopIndex pop) const { return m_config.pops[pop].name; }
  /// Egress link of a PoP (its byte counter is the PoP's CDN egress).
  LinkId PopEgressLink(PopIndex pop) const { return m_egress[pop]; }
  /// Peering link PoP -> ISP, or kInvalidLink when the PoP's peering capacity is unlimited.
  LinkId PeeringLink(PopIndex pop, IspId isp) const;
  /// Directed transit link between two different ISPs (kInvalidLink if from == to).
  LinkId TransitLink(IspId from, IspId to) const;
  /// PoP a viewer of `isp` is served by under PopSelection::kByIsp.
  PopIndex IspPop(IspId isp) const { return m_isp_pop[isp]; }
  /// PoP nearest to `location` by great-circle distance (lowest index on ties).
  PopIndex NearestPop(const GeoPoint& location) const;
  /// The configuration the topology was built from.
  const TopologyConfig& config() const { return m_config; }

 private:
  /// Random variables of one ISP: viewer location and access capacities per device class.
  struct IspVariables {
    ns3::Ptr<ns3::UniformRandomVariable> location;
    std::vector<ClampedVariable> down;  ///< indexed by DeviceClass
    std::vector<ClampedVariable> up;    ///< indexed by DeviceClass
  };

  void BuildPopLinks();
  void BuildTransitLinks();
  void ResolveIspPops();
  void MakeVariables();
  GeoPoint DrawLocation(IspId isp);
  static BitsPerSecond WindowCapBps(std::int64_t window_bytes, DurationUs one_way_us);

  TopologyConfig m_config;
  FlowNetwork& m_network;
  std::vector<LinkId> m_egress;           ///< per PoP
  std::vector<LinkId> m_peering;          ///< [pop * isp_count + isp], kInvalidLink if unlimited
  std::vector<LinkId> m_transit;          ///< [from * isp_count + to], kInvalidLink on diagonal
  std::vector<PopIndex> m_isp_pop;        ///< per ISP, for PopSelection::kByIsp
  std::vector<Vec3> m_pop_vectors;        ///< per PoP, unit vectors of their locations
  std::vector<IspVariables> m_variables;  ///< per ISP
};

}  // namespace cdnmesh
