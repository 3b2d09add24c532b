// The locality rule: an ISP keeps a request inside only in proportion to how much of its
// members' measured demand its own uploaders can serve (Swarm::LocalSupplyShare), for same_isp,
// nearest and hybrid.
#include <gtest/gtest.h>

#include <cstdint>
#include <vector>

#include "core/common/random.h"
#include "core/matching/hybrid_policy.h"
#include "core/matching/matching_config.h"
#include "core/matching/simple_policies.h"
#include "matching_test_util.h"

namespace cdnmesh {
namespace {

using testing_util::ExpectValidAnswer;
using testing_util::MakePeer;
using testing_util::RandomPeer;

constexpr IspId kPoorIsp = 7;
constexpr IspId kRichIsp = 1;

// ISP 7: two members uploading `upload_each_bps`, ISP 1: one member at 100 Mbps; every member
// draws 2 Mbps (mean demand 2 Mbps). ISP 7 needs 2 x 2 Mbps x headroom.
Swarm TwoIspSwarm(std::int64_t upload_each_bps) {
  Swarm swarm;
  EXPECT_TRUE(swarm.Join(MakePeer(1, kPoorIsp, {}, NatType::kOpen, DeviceClass::kDesktop,
                                  upload_each_bps)).ok());
  EXPECT_TRUE(swarm.Join(MakePeer(2, kPoorIsp, {}, NatType::kOpen, DeviceClass::kDesktop,
                                  upload_each_bps)).ok());
  EXPECT_TRUE(swarm.Join(MakePeer(3, kRichIsp, {}, NatType::kOpen, DeviceClass::kDesktop,
                                  100'000'000)).ok());
  for (PeerId id = 1; id <= 3; ++id) EXPECT_TRUE(swarm.UpdateDemand(id, 2'000'000).ok());
  return swarm;
}

TEST(LocalSupplyShareTest, IsUploadOverDemandTimesHeadroomCappedAtOne) {
  // Needed: 2 members x 2 Mbps x 1.5 = 6 Mbps, i.e. 3 Mbps each.
  const struct {
    std::int64_t upload_each_bps;
    double want;
  } cases[] = {
      {3'000'000 - 1, (6'000'000.0 - 2) / 6'000'000.0},
      {3'000'000, 1.0},
      {3'000'000 + 1, 1.0},
      {750'000, 0.25},
      {0, 0.0},
  };
  for (const auto& c : cases) {
    const Swarm swarm = TwoIspSwarm(c.upload_each_bps);
    EXPECT_DOUBLE_EQ(swarm.LocalSupplyShare(kPoorIsp, 1.5), c.want) << c.upload_each_bps;
    EXPECT_DOUBLE_EQ(swarm.LocalSupplyShare(kRichIsp, 1.5), 1.0);
    EXPECT_DOUBLE_EQ(swarm.LocalSupplyShare(kPoorIsp, 0.0), 1.0) << "headroom 0 = off";
    EXPECT_DOUBLE_EQ(swarm.LocalSupplyShare(42, 1.5), 1.0) << "an ISP with no member";
  }
}

TEST(LocalSupplyShareTest, NoMeasuredDemandMeansLocalAndCellularUploadsNothing) {
  Swarm swarm;
  ASSERT_TRUE(swarm.Join(MakePeer(1, kPoorIsp, {}, NatType::kOpen, DeviceClass::kMobileCellular,
                                  50'000'000)).ok());
  EXPECT_DOUBLE_EQ(swarm.LocalSupplyShare(kPoorIsp, 1.5), 1.0) << "nothing measured yet";
  ASSERT_TRUE(swarm.UpdateDemand(1, 1'000'000).ok());
  EXPECT_DOUBLE_EQ(swarm.LocalSupplyShare(kPoorIsp, 1.5), 0.0) << "cellular uploads nothing";
  ASSERT_TRUE(swarm.UpdateDemand(1, 0).ok());
  EXPECT_DOUBLE_EQ(swarm.LocalSupplyShare(kPoorIsp, 1.5), 1.0) << "measurement cleared";
}

TEST(LocalSupplyShareTest, SumsFollowJoinsLeavesAndUpdates) {
  Swarm swarm = TwoIspSwarm(750'000);
  ASSERT_TRUE(swarm.UpdateCapacity(1, 2'250'000).ok());  // ISP 7: 3 Mbps of the 6 needed
  EXPECT_DOUBLE_EQ(swarm.LocalSupplyShare(kPoorIsp, 1.5), 0.5);
  ASSERT_TRUE(swarm.Leave(2).ok());  // 2.25 of 1 x 2 x 1.5 = 3 Mbps
  EXPECT_DOUBLE_EQ(swarm.LocalSupplyShare(kPoorIsp, 1.5), 0.75);
  ASSERT_TRUE(swarm.UpdateDemand(3, 6'000'000).ok());  // mean demand (2 + 6) / 2 = 4 Mbps
  EXPECT_DOUBLE_EQ(swarm.LocalSupplyShare(kPoorIsp, 1.5), 2.25 / 6.0);
  EXPECT_TRUE(swarm.CheckConsistency().ok());
  EXPECT_NE(swarm.UpdateDemand(1, -1).message().find("demand_bps"), std::string::npos);
  EXPECT_FALSE(swarm.UpdateDemand(99, 1).ok());
}

TEST(LocalSupplyShareTest, AnnouncedExtremesCannotOverflowTheSums) {
  Swarm swarm;
  for (PeerId id = 1; id <= 4; ++id) {
    ASSERT_TRUE(swarm.Join(MakePeer(id, kPoorIsp, {}, NatType::kOpen, DeviceClass::kDesktop,
                                    INT64_MAX)).ok());
    ASSERT_TRUE(swarm.UpdateDemand(id, INT64_MAX).ok());
  }
  // Each counts 1 Tbit/s of upload and of demand: 4 / (4 x 1 x 2) = 0.5.
  EXPECT_DOUBLE_EQ(swarm.LocalSupplyShare(kPoorIsp, 2.0), 0.5);
  EXPECT_TRUE(swarm.CheckConsistency().ok());
}

TEST(LocalSupplyShareTest, RandomChurnKeepsTheSumsConsistent) {
  Rng rng(17);
  Swarm swarm;
  std::vector<PeerId> members;
  for (PeerId next = 1; next < 3000; ++next) {
    const std::uint64_t op = rng.UniformIndex(4);
    if (op == 0 && !members.empty()) {
      const std::size_t i = rng.UniformIndex(members.size());
      ASSERT_TRUE(swarm.Leave(members[i]).ok());
      members[i] = members.back();
      members.pop_back();
    } else if (op == 1 && !members.empty()) {
      const PeerId id = members[rng.UniformIndex(members.size())];
      ASSERT_TRUE(swarm.UpdateDemand(id, static_cast<std::int64_t>(rng.UniformIndex(3)) *
                                             1'000'000).ok());
    } else {
      ASSERT_TRUE(swarm.Join(RandomPeer(next, rng)).ok());
      members.push_back(next);
    }
  }
  EXPECT_TRUE(swarm.CheckConsistency().ok()) << swarm.CheckConsistency().message();
}

// ISP 7: 10 members uploading 1 Mbps each; ISP 1: 100 at 50 Mbps; everyone draws 5 Mbps. With
// headroom 1, ISP 7's share is 10 / (10 x 5) = 0.2: 3 of 15 candidates stay inside.
Swarm UnderSuppliedSwarm(std::int64_t poor_upload_bps = 1'000'000) {
  Swarm swarm;
  PeerId id = 1;
  for (int i = 0; i < 10; ++i) {
    EXPECT_TRUE(swarm.Join(MakePeer(id++, kPoorIsp, {43.6, 1.4}, NatType::kOpen,
                                    DeviceClass::kDesktop, poor_upload_bps)).ok());
  }
  for (int i = 0; i < 100; ++i) {
    EXPECT_TRUE(swarm.Join(MakePeer(id++, kRichIsp, {48.9, 2.3}, NatType::kOpen,
                                    DeviceClass::kDesktop, 50'000'000)).ok());
  }
  for (PeerId m = 1; m < id; ++m) EXPECT_TRUE(swarm.UpdateDemand(m, 5'000'000).ok());
  return swarm;
}

LocalityConfig Headroom(double headroom) {
  LocalityConfig config;
  config.supply_headroom = headroom;
  return config;
}

int CountIsp(const Swarm& swarm, const std::vector<PeerId>& ids, IspId isp) {
  int count = 0;
  for (const PeerId id : ids) count += swarm.Find(id)->isp == isp;
  return count;
}

TEST(LocalityPolicyTest, SameIspKeepsOnlyTheSuppliedShareInside) {
  const Swarm swarm = UnderSuppliedSwarm();
  const SwarmMember requester = MakePeer(500, kPoorIsp, {43.6, 1.4});
  const RequesterView who = ViewOf(swarm, requester);
  EXPECT_EQ(LocalCandidateCount(swarm, who, 15, Headroom(1.0)), 3u);
  EXPECT_EQ(LocalCandidateCount(swarm, who, 15, Headroom(0.0)), 15u);
  const SameIspPolicy policy(Headroom(1.0));
  Rng rng(5);
  int inside = 0;
  for (int round = 0; round < 100; ++round) {
    const std::vector<PeerId> ids = policy.Match(swarm, requester, 15, rng);
    ExpectValidAnswer(swarm, requester, ids, 15);
    ASSERT_EQ(ids.size(), 15u);
    for (int i = 0; i < 3; ++i) EXPECT_EQ(swarm.Find(ids[static_cast<std::size_t>(i)])->isp, kPoorIsp);
    inside += CountIsp(swarm, ids, kPoorIsp);
  }
  // 3 by locality; the capacity draws pick ISP 7 at odds 10 / (10 + 5000).
  EXPECT_GE(inside, 300);
  EXPECT_LE(inside, 310);
}

TEST(LocalityPolicyTest, SameIspStaysInsideWhenSuppliedOrWhenTheRuleIsOff) {
  const SwarmMember requester = MakePeer(500, kPoorIsp, {43.6, 1.4});
  Rng rng(6);
  // 5 Mbps each covers 5 Mbps of demand at headroom 1: share 1.
  const Swarm supplied = UnderSuppliedSwarm(5'000'000);
  const std::vector<PeerId> ids = SameIspPolicy(Headroom(1.0)).Match(supplied, requester, 10, rng);
  EXPECT_EQ(CountIsp(supplied, ids, kPoorIsp), 10);
  const Swarm poor = UnderSuppliedSwarm();
  const std::vector<PeerId> off = SameIspPolicy(Headroom(0.0)).Match(poor, requester, 10, rng);
  EXPECT_EQ(CountIsp(poor, off, kPoorIsp), 10);
}

TEST(LocalityPolicyTest, NearestKeepsOnlyTheSuppliedShareNearby) {
  const Swarm swarm = UnderSuppliedSwarm();
  const SwarmMember requester = MakePeer(500, kPoorIsp, {43.6, 1.4});
  Rng rng(7);
  const std::vector<PeerId> ids =
      NearestPolicy(NearestPolicyConfig{}, Headroom(1.0)).Match(swarm, requester, 15, rng);
  ExpectValidAnswer(swarm, requester, ids, 15);
  ASSERT_EQ(ids.size(), 15u);
  for (int i = 0; i < 3; ++i) EXPECT_EQ(swarm.Find(ids[static_cast<std::size_t>(i)])->isp, kPoorIsp);
  EXPECT_LE(CountIsp(swarm, ids, kPoorIsp), 5);
  const std::vector<PeerId> off =
      NearestPolicy(NearestPolicyConfig{}, Headroom(0.0)).Match(swarm, requester, 15, rng);
  EXPECT_EQ(CountIsp(swarm, off, kPoorIsp), 10) << "all 10 nearest, then the next nearest";
}

TEST(LocalityPolicyTest, HybridScalesItsLocalityTermsByTheShare) {
  HybridPolicyConfig config;
  const SwarmMember requester = MakePeer(500, kPoorIsp, {43.6, 1.4});
  const Swarm swarm = UnderSuppliedSwarm();
  RequesterView who = ViewOf(swarm, requester);
  const SwarmMember& local = swarm.member(0);
  const double full = HybridScore(config, who, local, swarm.unit_vector(0));
  who.local_share = 0.2;
  const double scaled = HybridScore(config, who, local, swarm.unit_vector(0));
  // Same place: the distance term is its whole weight. Both locality terms lose 80 %.
  EXPECT_NEAR(full - scaled, 0.8 * (config.isp_weight + config.distance_weight), 1e-12);

  Rng rng(8);
  int inside = 0;
  int inside_off = 0;
  for (int round = 0; round < 50; ++round) {
    inside += CountIsp(swarm, HybridPolicy(config, Headroom(1.0)).Match(swarm, requester, 15, rng),
                       kPoorIsp);
    inside_off += CountIsp(
        swarm, HybridPolicy(config, Headroom(0.0)).Match(swarm, requester, 15, rng), kPoorIsp);
  }
  EXPECT_EQ(inside_off, 500) << "without the rule every local member ranks first";
  EXPECT_LT(inside, 100) << "with it, 50 Mbps uploaders elsewhere outrank 1 Mbps ones";
}

}  // namespace
}  // namespace cdnmesh
