// Topology: drawn locations and capacities follow the configuration, runs are reproducible
// from seed and stream, and detaching returns a viewer's links to the network.
#include <gtest/gtest.h>
#include <ns3/rng-seed-manager.h>

#include <algorithm>
#include <cstdint>
#include <memory>
#include <set>
#include <vector>

#include "core/matching/geo.h"
#include "models/topology/topology.h"
#include "topology_test_config.h"

namespace cdnmesh {
namespace {

using test::TwoIspConfig;
constexpr IspId kA = 0;
constexpr IspId kB = 1;

class TopologyDrawsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ns3::RngSeedManager::SetSeed(1);
    ns3::RngSeedManager::SetRun(1);
  }
};

std::vector<ViewerAttachment> AttachMany(Topology& t, IspId isp, DeviceClass device, int n) {
  std::vector<ViewerAttachment> viewers;
  for (int i = 0; i < n; ++i) {
    viewers.push_back(t.AttachViewer(isp, device));
  }
  return viewers;
}

bool SameDraws(const ViewerAttachment& x, const ViewerAttachment& y) {
  return x.isp == y.isp && x.pop == y.pop && x.down_bps == y.down_bps && x.up_bps == y.up_bps &&
         x.location.latitude_deg == y.location.latitude_deg &&
         x.location.longitude_deg == y.location.longitude_deg;
}

TEST_F(TopologyDrawsTest, ConstantCapacitiesExactPerIspAndDevice) {
  FlowNetwork network;
  Topology t(TwoIspConfig(), network);
  t.AssignStreams(0);
  for (const ViewerAttachment& v : AttachMany(t, kB, DeviceClass::kTv, 200)) {
    ASSERT_EQ(v.down_bps, 30'000'000);
    ASSERT_EQ(v.up_bps, 20'000'000);
    ASSERT_EQ(network.LinkCapacity(v.down_link), 30'000'000);
    ASSERT_EQ(network.LinkCapacity(v.up_link), 20'000'000);
  }
  const ViewerAttachment desktop = t.AttachViewer(kB, DeviceClass::kDesktop);
  EXPECT_EQ(desktop.down_bps, 100'000'000);
}

TEST_F(TopologyDrawsTest, LognormalCapacitiesFollowMedianAndClamps) {
  FlowNetwork network;
  Topology t(TwoIspConfig(), network);
  t.AssignStreams(0);
  const std::vector<ViewerAttachment> viewers = AttachMany(t, kA, DeviceClass::kDesktop, 10000);
  std::vector<std::int64_t> down;
  std::vector<std::int64_t> up;
  for (const ViewerAttachment& v : viewers) {
    down.push_back(v.down_bps);
    up.push_back(v.up_bps);
    ASSERT_EQ(network.LinkCapacity(v.down_link), v.down_bps);
  }
  std::sort(down.begin(), down.end());
  std::sort(up.begin(), up.end());
  EXPECT_NEAR(static_cast<double>(down[down.size() / 2]) / 50e6, 1.0, 0.03);
  EXPECT_NEAR(static_cast<double>(up[up.size() / 2]) / 10e6, 1.0, 0.03);
  // Down clamp [20, 150] Mbps cuts 3.3% and 1.4% of a lognormal(50 Mbps, 0.5): both bounds hit.
  EXPECT_EQ(down.front(), 20'000'000);
  EXPECT_EQ(down.back(), 150'000'000);
  // Up: lower clamp 1 Mbps, no upper clamp (max 0): the tail above 50 Mbps (1.1%) survives.
  EXPECT_EQ(up.front(), 1'000'000);
  EXPECT_GT(up.back(), 50'000'000);
}

TEST_F(TopologyDrawsTest, LocationsUniformInIspDisc) {
  FlowNetwork network;
  Topology t(TwoIspConfig(), network);
  t.AssignStreams(0);
  const int n = 8000;
  int inner = 0;
  int north_east = 0;
  for (const ViewerAttachment& v : AttachMany(t, kA, DeviceClass::kTv, n)) {
    const double km = GreatCircleDistanceKm(v.location, test::kParis);
    ASSERT_LE(km, 50.0 + 1e-6);
    inner += km <= 25.0 ? 1 : 0;
    north_east += (v.location.latitude_deg > test::kParis.latitude_deg &&
                   v.location.longitude_deg > test::kParis.longitude_deg)
                      ? 1
                      : 0;
  }
  EXPECT_NEAR(inner / static_cast<double>(n), 0.25, 0.02);  // area within half the radius
  EXPECT_NEAR(north_east / static_cast<double>(n), 0.25, 0.02);
}

TEST_F(TopologyDrawsTest, SameStreamsSameAttachmentsOtherStreamsDifferent) {
  FlowNetwork n1;
  FlowNetwork n2;
  FlowNetwork n3;
  Topology t1(TwoIspConfig(), n1);
  Topology t2(TwoIspConfig(), n2);
  Topology t3(TwoIspConfig(), n3);
  EXPECT_EQ(t1.AssignStreams(0), 2 * (1 + 2 * kDeviceClassCount));
  t2.AssignStreams(0);
  t3.AssignStreams(1000);
  int differing = 0;
  for (int i = 0; i < 50; ++i) {
    const IspId isp = i % 2 == 0 ? kA : kB;
    const ViewerAttachment v1 = t1.AttachViewer(isp, DeviceClass::kDesktop);
    const ViewerAttachment v2 = t2.AttachViewer(isp, DeviceClass::kDesktop);
    const ViewerAttachment v3 = t3.AttachViewer(isp, DeviceClass::kDesktop);
    EXPECT_TRUE(SameDraws(v1, v2)) << "viewer " << i;
    differing += SameDraws(v1, v3) ? 0 : 1;
  }
  EXPECT_EQ(differing, 50);  // continuous locations: equal only by accident
}

TEST_F(TopologyDrawsTest, OtherRunDifferentAttachments) {
  FlowNetwork n1;
  Topology t1(TwoIspConfig(), n1);
  t1.AssignStreams(0);
  const ViewerAttachment v1 = t1.AttachViewer(kA, DeviceClass::kDesktop);
  ns3::RngSeedManager::SetRun(2);
  FlowNetwork n2;
  Topology t2(TwoIspConfig(), n2);
  t2.AssignStreams(0);
  EXPECT_FALSE(SameDraws(v1, t2.AttachViewer(kA, DeviceClass::kDesktop)));
}

TEST_F(TopologyDrawsTest, DetachReturnsLinks) {
  FlowNetwork network;
  Topology t(TwoIspConfig(), network);
  t.AssignStreams(0);
  const ViewerAttachment first = t.AttachViewer(kA, DeviceClass::kTv);
  t.DetachViewer(first);
  const ViewerAttachment second = t.AttachViewer(kB, DeviceClass::kTv);
  EXPECT_EQ((std::set<LinkId>{first.down_link, first.up_link}),
            (std::set<LinkId>{second.down_link, second.up_link}));
  // Churn: ids stay bounded by the viewers alive at once.
  t.DetachViewer(second);
  const ViewerAttachment cell = t.AttachViewer(kA, DeviceClass::kMobileCellular);
  EXPECT_TRUE(cell.down_link == first.down_link || cell.down_link == first.up_link);
  t.DetachViewer(cell);
  for (int i = 0; i < 1000; ++i) {
    const ViewerAttachment v = t.AttachViewer(kB, DeviceClass::kTv);
    ASSERT_LE(std::max(v.down_link, v.up_link), std::max(first.down_link, first.up_link));
    t.DetachViewer(v);
  }
}

TEST_F(TopologyDrawsTest, HundredThousandViewers) {
  FlowNetwork network;
  TopologyConfig config = TwoIspConfig();
  config.pop_selection = PopSelection::kNearest;
  Topology t(config, network);
  t.AssignStreams(0);
  std::vector<ViewerAttachment> viewers;
  viewers.reserve(100'000);
  for (int i = 0; i < 100'000; ++i) {
    viewers.push_back(t.AttachViewer(i % 2 == 0 ? kA : kB, static_cast<DeviceClass>(i % 4)));
  }
  std::set<LinkId> links;
  for (const ViewerAttachment& v : viewers) {
    links.insert(v.down_link);
    if (v.up_link != kInvalidLink) links.insert(v.up_link);
  }
  EXPECT_EQ(links.size(), 100'000u + 75'000u);  // one in four is cellular: no up link
  for (const ViewerAttachment& v : viewers) t.DetachViewer(v);
}

}  // namespace
}  // namespace cdnmesh
