// Propagation delay from geography: the closed form, and what it adds to the topology's CDN and
// peer latencies (against a haversine distance computed here, independently of the chord code).
#include <gtest/gtest.h>
#include <ns3/rng-seed-manager.h>

#include <cmath>
#include <memory>

#include "models/topology/propagation.h"
#include "models/topology/topology.h"
#include "topology_test_config.h"

namespace cdnmesh {
namespace {

constexpr IspId kA = 0;
constexpr IspId kB = 1;

double HaversineKm(const GeoPoint& a, const GeoPoint& b) {
  const double rad = 3.14159265358979323846 / 180.0;
  const double dlat = (b.latitude_deg - a.latitude_deg) * rad;
  const double dlon = (b.longitude_deg - a.longitude_deg) * rad;
  const double h = std::sin(dlat / 2) * std::sin(dlat / 2) +
                   std::cos(a.latitude_deg * rad) * std::cos(b.latitude_deg * rad) *
                       std::sin(dlon / 2) * std::sin(dlon / 2);
  return 2.0 * kEarthRadiusKm * std::asin(std::sqrt(h));
}

TEST(PropagationTest, ClosedForm) {
  PropagationConfig config;
  config.km_per_ms = 200;
  config.stretch = 1.0;
  EXPECT_EQ(PropagationDelayUs(config, 200.0), 1'000);
  config.stretch = 1.5;
  EXPECT_EQ(PropagationDelayUs(config, 200.0), 1'500);
  EXPECT_EQ(PropagationDelayUs(config, 0.0), 0);
  EXPECT_EQ(PropagationDelayUs(config, 0.1), 1);  // 0.75 us rounds to 1
  config.km_per_ms = 100;
  EXPECT_EQ(PropagationDelayUs(config, 200.0), 3'000);
  config.stretch = 0;
  EXPECT_EQ(PropagationDelayUs(config, 5'000.0), 0);
  const Vec3 paris = UnitVectorOf(test::kParis);
  EXPECT_EQ(PropagationDelayUs(config, paris, UnitVectorOf(test::kBerlin)), 0);
  config.stretch = 2.0;
  EXPECT_EQ(PropagationDelayUs(config, paris, paris), 0);
  const double km = HaversineKm(test::kParis, test::kBerlin);
  EXPECT_NEAR(static_cast<double>(PropagationDelayUs(config, paris, UnitVectorOf(test::kBerlin))),
              km * 2.0 / 100.0 * 1000.0, 1.0);
}

// Viewers at their ISP's centre (radius 0): Paris viewers of isp-a are served by pop-berlin,
// Berlin viewers of isp-b by pop-paris; every path's latency gains distance x 1.5 / 200 km/ms.
class PropagationTopologyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ns3::RngSeedManager::SetSeed(1);
    ns3::RngSeedManager::SetRun(1);
    TopologyConfig config = test::TwoIspConfig();
    config.isps[kA].radius_km = 0;
    config.isps[kB].radius_km = 0;
    config.propagation.stretch = 1.5;
    config.propagation.km_per_ms = 200;
    topology_ = std::make_unique<Topology>(config, network_);
    topology_->AssignStreams(0);
  }
  FlowNetwork network_;
  std::unique_ptr<Topology> topology_;
};

TEST_F(PropagationTopologyTest, AddsDistanceToCdnAndPeerLatencies) {
  Topology& t = *topology_;
  const ViewerAttachment a1 = t.AttachViewer(kA, DeviceClass::kTv);
  const ViewerAttachment a2 = t.AttachViewer(kA, DeviceClass::kTv);
  const ViewerAttachment b1 = t.AttachViewer(kB, DeviceClass::kTv);
  const double paris_berlin_us = HaversineKm(test::kParis, test::kBerlin) * 1.5 / 200.0 * 1000.0;
  ASSERT_GT(paris_berlin_us, 6'000);  // ~878 km
  EXPECT_NEAR(static_cast<double>(t.CdnLatencyUs(a1)), 2'000 + 10'000 + paris_berlin_us, 1.0);
  EXPECT_NEAR(static_cast<double>(t.CdnLatencyUs(b1)), 4'000 + 7'000 + paris_berlin_us, 1.0);
  EXPECT_EQ(t.PeerLatencyUs(a1, a2), 10'000 + 5'000 + 10'000);  // same place: no distance
  EXPECT_NEAR(static_cast<double>(t.PeerLatencyUs(a1, b1)),
              10'000 + 5'000 + 20'000 + 3'000 + 7'000 + paris_berlin_us, 1.0);
  EXPECT_EQ(t.PeerLatencyUs(b1, a1), t.PeerLatencyUs(a1, b1));
  // The flow cap follows the longer round trip: 1 MiB * 8 / (2 x one way).
  const double rtt_s = 2.0 * static_cast<double>(t.PeerLatencyUs(a1, b1)) / 1e6;
  EXPECT_NEAR(static_cast<double>(t.PeerFlowCapBps(a1, b1)), (1 << 20) * 8.0 / rtt_s, 1.0);
}

TEST_F(PropagationTopologyTest, NearbyViewersAreCloserThanFarOnes) {
  TopologyConfig config = test::TwoIspConfig();
  config.isps[kA].radius_km = 300;
  config.propagation.stretch = 1.5;
  FlowNetwork network;
  Topology t(config, network);
  t.AssignStreams(0);
  const ViewerAttachment first = t.AttachViewer(kA, DeviceClass::kTv);
  const DurationUs base_us = 10'000 + 5'000 + 10'000;
  for (int i = 0; i < 50; ++i) {
    const ViewerAttachment other = t.AttachViewer(kA, DeviceClass::kTv);
    const double km = HaversineKm(first.location, other.location);
    EXPECT_NEAR(static_cast<double>(t.PeerLatencyUs(first, other) - base_us),
                km * 1.5 / 200.0 * 1000.0, 1.0);
  }
}

}  // namespace
}  // namespace cdnmesh
