// Configuration of the network topology: ISPs with per-viewer access links, CDN PoPs with
// egress and peering, inter-ISP transit, and the transport parameters of flows.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "core/common/time.h"
#include "core/common/types.h"
#include "models/common/distribution-config.h"

namespace cdnmesh {

/// Access-link capacities of one device class in one ISP, in bits per second.
struct AccessProfileConfig {
  DistributionConfig down_bps = DistributionConfig::Lognormal(50e6, 0.5, 2e6, 1e9);
  DistributionConfig up_bps = DistributionConfig::Lognormal(10e6, 0.7, 0.5e6, 1e9);
};

/// An ISP (autonomous system): where its viewers are, how they are connected.
struct IspConfig {
  std::string name;
  /// Relative share of the audience (normalized over all ISPs).
  double share = 1.0;
  /// Viewers are placed uniformly in a disc of `radius_km` around `center`.
  GeoPoint center;
  double radius_km = 300.0;
  /// One-way latency of a viewer's access link (each direction).
  DurationUs access_latency_us = 10'000;
  /// One-way latency across the ISP's core between two of its viewers.
  DurationUs core_latency_us = 5'000;
  /// PoP serving this ISP when the CDN selects PoPs by ISP (empty: the first PoP).
  std::string pop;
  /// Access capacities per device class, indexed by DeviceClass.
  std::array<AccessProfileConfig, kDeviceClassCount> access;
};

/// A CDN point of presence.
struct PopConfig {
  std::string name;
  GeoPoint location;
  /// Egress capacity in bps shared by every flow the PoP serves (0 = unlimited).
  std::int64_t egress_bps = 0;
  /// One-way latency of the PoP's peering link to each ISP.
  DurationUs peering_latency_us = 5'000;
  /// Capacity of the PoP's peering link to each ISP in bps (0 = unlimited).
  std::int64_t peering_capacity_bps = 0;
};

/// How a viewer is assigned a PoP.
enum class PopSelection {
  kByIsp,    ///< the PoP named by the viewer's ISP
  kNearest,  ///< the PoP closest to the viewer's location
};

/// Inter-ISP transit: one directed link per ordered ISP pair, all with these settings.
struct TransitConfig {
  std::int64_t capacity_bps = 0;  ///< per directed ISP pair (0 = unlimited)
  DurationUs latency_us = 20'000;  ///< one-way
  double cost_per_gb = 0.0;       ///< currency units per 10^9 bytes crossing ISP boundaries
};

/// Propagation delay from geography, added to the configured latencies of every path: the
/// great-circle distance between its ends, lengthened by the routing stretch, at the speed of
/// light in fibre. Peer paths use the distance between the two viewers, CDN paths the distance
/// between the viewer and its PoP.
struct PropagationConfig {
  /// Signal speed in fibre, km per millisecond (about 2/3 of c).
  double km_per_ms = 200.0;
  /// Route length over great-circle distance (0 = no propagation delay from distance).
  double stretch = 1.5;
};

/// Transport parameters shared by every flow.
struct TransportConfig {
  /// Per-flow cap = window / RTT (TCP for CDN fetches, SCTP over DTLS for peer transfers).
  std::int64_t cdn_window_bytes = 4 << 20;
  std::int64_t p2p_window_bytes = 1 << 20;
  /// Round trips before the first byte of a transfer arrives (request; 1 = HTTP on a warm
  /// connection or a data-channel request).
  int request_round_trips = 1;
  /// Flow model: add the time TCP slow start and header overhead cost each transfer
  /// (models/network/slow-start.h; windows and segment sizes from network.packet.*).
  bool slow_start = false;
  /// With slow_start: queueing on saturated links, per slow-start round trip, as a share of a
  /// full queue's drain time on the path's links and on the receiver's uplink (ACKs), and a
  /// newcomer's share deficit on a saturated path as a share of its fluid time; fitted
  /// against the packet level by `cdnmesh fit-flow-model` (results/validation/flow-fit.md).
  double queue_factor = 1.020;
  double ack_queue_factor = 1.864;
  double newcomer_factor = 0.852;
};

/// The whole topology.
struct TopologyConfig {
  std::vector<IspConfig> isps;
  std::vector<PopConfig> pops;
  PopSelection pop_selection = PopSelection::kByIsp;
  TransitConfig transit;
  PropagationConfig propagation;
  TransportConfig transport;
};

}  // namespace cdnmesh
