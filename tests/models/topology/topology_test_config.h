// A two-ISP, two-PoP topology for the topology tests, with distinct latencies everywhere so a
// wrong term in a latency sum changes the result.
#pragma once

#include "models/topology/topology-config.h"

namespace cdnmesh::test {

inline constexpr GeoPoint kParis{48.8566, 2.3522};
inline constexpr GeoPoint kBerlin{52.5200, 13.4050};

/// ISP 0 "isp-a" around Paris (PoP by name: pop-berlin), ISP 1 "isp-b" around Berlin (PoP by
/// default: the first, pop-paris). pop-paris: 10 Mbps egress, unlimited peering (4 ms);
/// pop-berlin: unlimited egress, 1 Gbps peering (2 ms). Transit 500 Mbps, 20 ms.
inline TopologyConfig TwoIspConfig() {
  TopologyConfig config;
  IspConfig a;
  a.name = "isp-a";
  a.center = kParis;
  a.radius_km = 50.0;
  a.access_latency_us = 10'000;
  a.core_latency_us = 5'000;
  a.pop = "pop-berlin";
  IspConfig b;
  b.name = "isp-b";
  b.center = kBerlin;
  b.radius_km = 50.0;
  b.access_latency_us = 7'000;
  b.core_latency_us = 3'000;
  for (IspConfig* isp : {&a, &b}) {
    for (AccessProfileConfig& profile : isp->access) {
      profile.down_bps = DistributionConfig::Constant(100e6);
      profile.up_bps = DistributionConfig::Constant(20e6);
    }
    isp->access[static_cast<int>(DeviceClass::kMobileCellular)].up_bps =
        DistributionConfig::Constant(0.0);
  }
  a.access[static_cast<int>(DeviceClass::kDesktop)].down_bps =
      DistributionConfig::Lognormal(50e6, 0.5, 20e6, 150e6);
  a.access[static_cast<int>(DeviceClass::kDesktop)].up_bps =
      DistributionConfig::Lognormal(10e6, 0.7, 1e6, 0.0);
  b.access[static_cast<int>(DeviceClass::kTv)].down_bps = DistributionConfig::Constant(30e6);
  config.isps = {a, b};

  PopConfig paris;
  paris.name = "pop-paris";
  paris.location = kParis;
  paris.egress_bps = 10'000'000;
  paris.peering_latency_us = 4'000;
  PopConfig berlin;
  berlin.name = "pop-berlin";
  berlin.location = kBerlin;
  berlin.peering_latency_us = 2'000;
  berlin.peering_capacity_bps = 1'000'000'000;
  config.pops = {paris, berlin};

  config.transit.capacity_bps = 500'000'000;
  config.transit.latency_us = 20'000;
  config.propagation.stretch = 0;  // hand-computed latencies leave distance out (see propagation_test)
  return config;
}

}  // namespace cdnmesh::test
