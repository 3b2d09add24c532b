// Configuration of the matching policies, with units in the names and documented defaults.
#pragma once

#include <cstdint>

#include "core/common/result.h"

namespace cdnmesh {

/// `nearest`: exact nearest reachable peers by great-circle distance.
struct NearestPolicyConfig {
  /// Safety cap on spatial cells opened per request (the answer may then be short); default 4096.
  int max_cells_opened = 4096;
};

/// `capacity`: peers in the highest upload-capacity classes first, random within a class.
struct CapacityPolicyConfig {
  /// Whether peers that upload nothing (mobile on cellular, 0 bps) may fill the tail; default true.
  bool include_non_uploaders = true;
};

/// `hybrid`: a bounded pool gathered from every index, ranked by a weighted score in [0, sum of
/// weights]. Each term is in [0, 1]; a zero weight disables the term (and its pool source).
struct HybridPolicyConfig {
  /// Weight of "same ISP as the requester" (1 if same, else 0); default 0.35.
  double isp_weight = 0.35;
  /// Weight of closeness 1 / (1 + distance_km / distance_scale_km); default 0.15.
  double distance_weight = 0.15;
  /// Weight of usable upload u / (u + capacity_half_bps) (0 for mobile on cellular); default 0.2.
  double capacity_weight = 0.2;
  /// Weight of 1 / (1 + |position difference| / position_scale_segments); default 0.2.
  double position_weight = 0.2;
  /// Weight of the device term: desktop 1, tv 0.8, mobile_wifi 0.5, mobile_cellular 0; default
  /// 0.05.
  double device_weight = 0.05;
  /// Weight of NAT ease: open 1, restricted_cone 0.75, port_restricted 0.5, symmetric 0.25;
  /// default 0.05.
  double nat_weight = 0.05;
  /// Distance at which the closeness term is 1/2, km; default 500.
  double distance_scale_km = 500.0;
  /// Usable upload at which the capacity term is 1/2, bps; default 5 Mbps.
  std::int64_t capacity_half_bps = 5'000'000;
  /// Position difference at which the position term is 1/2, segments; default 3.
  double position_scale_segments = 3.0;
  /// Pool size = pool_multiplier x requested candidates; default 8.
  int pool_multiplier = 8;
  /// Safety cap on spatial cells opened per request by the distance source; default 4096.
  int max_cells_opened = 4096;
};

/// How far the locality criteria (same_isp, nearest, hybrid's ISP and distance terms) keep a
/// request inside the requester's ISP: in proportion to how much of the ISP's demand its own
/// members can upload (Swarm::LocalSupplyShare). An ISP of slow uplinks then draws the rest of
/// its candidates from uplink-rich members elsewhere instead of queueing on each other.
struct LocalityConfig {
  /// Upload an ISP must have per bps of its members' demand to keep all requests inside;
  /// default 1.5 (an uploader serves several requesters at once, each needing more than the
  /// stream rate to stay ahead). 0 = locality regardless of supply.
  double supply_headroom = 1.5;
};

/// Configuration of every policy; MakeMatchingPolicy picks the part it needs.
struct MatchingConfig {
  LocalityConfig locality;        ///< for same_isp, nearest, hybrid
  NearestPolicyConfig nearest;    ///< for "nearest"
  CapacityPolicyConfig capacity;  ///< for "capacity"
  HybridPolicyConfig hybrid;      ///< for "hybrid"
};

/// Checks a LocalityConfig; the error names the offending field.
Status ValidateLocalityConfig(const LocalityConfig& config);
/// Checks a NearestPolicyConfig; the error names the offending field.
Status ValidateNearestPolicyConfig(const NearestPolicyConfig& config);
/// Checks a HybridPolicyConfig; the error names the offending field.
Status ValidateHybridPolicyConfig(const HybridPolicyConfig& config);
/// Checks a MatchingConfig; the error names the field with its path ("hybrid.isp_weight: ...").
Status ValidateMatchingConfig(const MatchingConfig& config);

}  // namespace cdnmesh
