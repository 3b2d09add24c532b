// Topology: infrastructure links, CDN and peer paths, latencies and flow caps, by hand.
#include <gtest/gtest.h>
#include <ns3/rng-seed-manager.h>

#include <memory>
#include <vector>

#include "models/topology/topology.h"
#include "topology_test_config.h"

namespace cdnmesh {
namespace {

using test::TwoIspConfig;
constexpr IspId kA = 0;
constexpr IspId kB = 1;
constexpr PopIndex kPopParis = 0;
constexpr PopIndex kPopBerlin = 1;

class TopologyPathsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ns3::RngSeedManager::SetSeed(1);
    ns3::RngSeedManager::SetRun(1);
  }
  Topology& Build(PopSelection selection = PopSelection::kByIsp) {
    TopologyConfig config = TwoIspConfig();
    config.pop_selection = selection;
    topology_ = std::make_unique<Topology>(config, network_);
    topology_->AssignStreams(0);
    return *topology_;
  }
  FlowNetwork network_;
  std::unique_ptr<Topology> topology_;
  std::vector<LinkId> path_;
};

TEST_F(TopologyPathsTest, BuildsInfrastructureLinks) {
  Topology& t = Build();
  EXPECT_EQ(t.isp_count(), 2u);
  EXPECT_EQ(t.pop_count(), 2u);
  EXPECT_EQ(t.isp_name(kB), "isp-b");
  EXPECT_EQ(t.pop_name(kPopBerlin), "pop-berlin");
  EXPECT_EQ(network_.LinkCapacity(t.PopEgressLink(kPopParis)), 10'000'000);
  EXPECT_EQ(network_.LinkCapacity(t.PopEgressLink(kPopBerlin)), kUnlimited);
  EXPECT_EQ(t.PeeringLink(kPopParis, kA), kInvalidLink);  // unlimited: left out
  EXPECT_EQ(t.PeeringLink(kPopParis, kB), kInvalidLink);
  ASSERT_NE(t.PeeringLink(kPopBerlin, kA), kInvalidLink);
  EXPECT_NE(t.PeeringLink(kPopBerlin, kA), t.PeeringLink(kPopBerlin, kB));
  EXPECT_EQ(network_.LinkCapacity(t.PeeringLink(kPopBerlin, kB)), 1'000'000'000);
  EXPECT_EQ(t.TransitLink(kA, kA), kInvalidLink);
  EXPECT_EQ(t.TransitLink(kB, kB), kInvalidLink);
  ASSERT_NE(t.TransitLink(kA, kB), kInvalidLink);
  EXPECT_NE(t.TransitLink(kA, kB), t.TransitLink(kB, kA));
  EXPECT_EQ(network_.LinkCapacity(t.TransitLink(kB, kA)), 500'000'000);
  EXPECT_EQ(t.IspPop(kA), kPopBerlin);  // named
  EXPECT_EQ(t.IspPop(kB), kPopParis);   // empty name: the first PoP
}

TEST_F(TopologyPathsTest, CdnPathByIsp) {
  Topology& t = Build(PopSelection::kByIsp);
  const ViewerAttachment a = t.AttachViewer(kA, DeviceClass::kTv);
  const ViewerAttachment b = t.AttachViewer(kB, DeviceClass::kTv);
  EXPECT_EQ(a.pop, kPopBerlin);
  EXPECT_EQ(b.pop, kPopParis);
  path_ = {999};
  t.CdnPath(a, &path_);
  EXPECT_EQ(path_, (std::vector<LinkId>{t.PopEgressLink(kPopBerlin), t.PeeringLink(kPopBerlin, kA),
                                        a.down_link}));
  t.CdnPath(b, &path_);
  EXPECT_EQ(path_, (std::vector<LinkId>{t.PopEgressLink(kPopParis), b.down_link}));
}

TEST_F(TopologyPathsTest, CdnPathNearest) {
  Topology& t = Build(PopSelection::kNearest);
  const ViewerAttachment a = t.AttachViewer(kA, DeviceClass::kTv);  // near Paris
  const ViewerAttachment b = t.AttachViewer(kB, DeviceClass::kTv);  // near Berlin
  EXPECT_EQ(a.pop, kPopParis);
  EXPECT_EQ(b.pop, kPopBerlin);
  t.CdnPath(a, &path_);
  EXPECT_EQ(path_, (std::vector<LinkId>{t.PopEgressLink(kPopParis), a.down_link}));
  t.CdnPath(b, &path_);
  EXPECT_EQ(path_, (std::vector<LinkId>{t.PopEgressLink(kPopBerlin), t.PeeringLink(kPopBerlin, kB),
                                        b.down_link}));
  EXPECT_EQ(t.NearestPop(GeoPoint{50.1, 8.7}), kPopBerlin);  // Frankfurt: 420 km vs 480 km
  EXPECT_EQ(t.NearestPop(GeoPoint{50.9, 4.4}), kPopParis);   // Brussels
}

TEST_F(TopologyPathsTest, PeerPathsSameAndCrossIsp) {
  Topology& t = Build();
  const ViewerAttachment a1 = t.AttachViewer(kA, DeviceClass::kTv);
  const ViewerAttachment a2 = t.AttachViewer(kA, DeviceClass::kDesktop);
  const ViewerAttachment b = t.AttachViewer(kB, DeviceClass::kTv);
  t.PeerPath(a1, a2, &path_);
  EXPECT_EQ(path_, (std::vector<LinkId>{a1.up_link, a2.down_link}));
  t.PeerPath(a2, a1, &path_);
  EXPECT_EQ(path_, (std::vector<LinkId>{a2.up_link, a1.down_link}));
  t.PeerPath(a1, b, &path_);
  EXPECT_EQ(path_, (std::vector<LinkId>{a1.up_link, t.TransitLink(kA, kB), b.down_link}));
  t.PeerPath(b, a1, &path_);
  EXPECT_EQ(path_, (std::vector<LinkId>{b.up_link, t.TransitLink(kB, kA), a1.down_link}));
}

TEST_F(TopologyPathsTest, ViewerWithoutUploadHasNoUpLink) {
  Topology& t = Build();
  const ViewerAttachment cell = t.AttachViewer(kB, DeviceClass::kMobileCellular);
  const ViewerAttachment tv = t.AttachViewer(kB, DeviceClass::kTv);
  EXPECT_EQ(cell.up_link, kInvalidLink);
  EXPECT_EQ(cell.up_bps, 0);
  EXPECT_NE(cell.down_link, kInvalidLink);
  t.PeerPath(tv, cell, &path_);  // it can still receive
  EXPECT_EQ(path_, (std::vector<LinkId>{tv.up_link, cell.down_link}));
  EXPECT_DEATH(t.PeerPath(cell, tv, &path_), "without upload");
}

TEST_F(TopologyPathsTest, LatenciesByHand) {
  Topology& t = Build();
  const ViewerAttachment a1 = t.AttachViewer(kA, DeviceClass::kTv);
  const ViewerAttachment a2 = t.AttachViewer(kA, DeviceClass::kTv);
  const ViewerAttachment b1 = t.AttachViewer(kB, DeviceClass::kTv);
  const ViewerAttachment b2 = t.AttachViewer(kB, DeviceClass::kTv);
  EXPECT_EQ(t.CdnLatencyUs(a1), 2'000 + 10'000);  // pop-berlin peering + access a
  EXPECT_EQ(t.CdnLatencyUs(b1), 4'000 + 7'000);   // pop-paris peering + access b
  EXPECT_EQ(t.PeerLatencyUs(a1, a2), 10'000 + 5'000 + 10'000);
  EXPECT_EQ(t.PeerLatencyUs(b1, b2), 7'000 + 3'000 + 7'000);
  EXPECT_EQ(t.PeerLatencyUs(a1, b1), 10'000 + 5'000 + 20'000 + 3'000 + 7'000);
  EXPECT_EQ(t.PeerLatencyUs(b2, a2), t.PeerLatencyUs(a1, b1));
}

TEST_F(TopologyPathsTest, FlowCapsByHand) {
  Topology& t = Build();
  const ViewerAttachment a1 = t.AttachViewer(kA, DeviceClass::kTv);
  const ViewerAttachment a2 = t.AttachViewer(kA, DeviceClass::kTv);
  const ViewerAttachment b1 = t.AttachViewer(kB, DeviceClass::kTv);
  const ViewerAttachment b2 = t.AttachViewer(kB, DeviceClass::kTv);
  // 4 MiB * 8 bits / RTT: RTT 24 ms and 22 ms, rounded down.
  EXPECT_EQ(t.CdnFlowCapBps(a1), 1'398'101'333);
  EXPECT_EQ(t.CdnFlowCapBps(b1), 1'525'201'454);
  // 1 MiB * 8 bits / RTT: 50 ms (same ISP a), 34 ms (same ISP b), 90 ms (across).
  EXPECT_EQ(t.PeerFlowCapBps(a1, a2), 167'772'160);
  EXPECT_EQ(t.PeerFlowCapBps(b1, b2), 246'723'764);
  EXPECT_EQ(t.PeerFlowCapBps(a1, b2), 93'206'755);
}

TEST_F(TopologyPathsTest, ZeroLatencyMeansNoCap) {
  TopologyConfig config = TwoIspConfig();
  for (IspConfig& isp : config.isps) isp.access_latency_us = 0;
  for (PopConfig& pop : config.pops) pop.peering_latency_us = 0;
  Topology t(config, network_);
  const ViewerAttachment b = t.AttachViewer(kB, DeviceClass::kTv);
  EXPECT_EQ(t.CdnFlowCapBps(b), kUnlimited);
  EXPECT_EQ(t.PeerFlowCapBps(b, b), 1'048'576LL * 8 * 1'000'000 / (2 * 3'000));
}

TEST_F(TopologyPathsTest, ByteCountersOnEgressAndTransit) {
  Topology& t = Build();
  const ViewerAttachment b1 = t.AttachViewer(kB, DeviceClass::kTv);  // down 30 Mbps
  const ViewerAttachment b2 = t.AttachViewer(kB, DeviceClass::kTv);
  const ViewerAttachment a = t.AttachViewer(kA, DeviceClass::kTv);  // up 20 Mbps
  t.CdnPath(b1, &path_);
  network_.AddFlow(path_, t.CdnFlowCapBps(b1), 0);
  t.CdnPath(b2, &path_);
  network_.AddFlow(path_, t.CdnFlowCapBps(b2), 0);
  t.PeerPath(a, b1, &path_);
  const FlowId peer = network_.AddFlow(path_, t.PeerFlowCapBps(a, b1), 0);
  network_.Solve(0);
  EXPECT_DOUBLE_EQ(network_.RateBps(peer), 20e6);  // a's upload
  const TimeUs two_s = 2 * kUsPerSecond;
  // pop-paris egress 10 Mbps for 2 s; transit a -> b 20 Mbps for 2 s.
  EXPECT_NEAR(network_.LinkBytes(t.PopEgressLink(kPopParis), two_s), 2.5e6, 1.0);
  EXPECT_NEAR(network_.LinkBytes(t.TransitLink(kA, kB), two_s), 5e6, 1.0);
  EXPECT_EQ(network_.LinkBytes(t.TransitLink(kB, kA), two_s), 0.0);
}

}  // namespace
}  // namespace cdnmesh
