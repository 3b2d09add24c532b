#include "core/matching/hybrid_policy.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <set>
#include <vector>

#include "core/common/random.h"
#include "core/matching/geo.h"
#include "core/matching/simple_policies.h"
#include "matching_test_util.h"

namespace cdnmesh {
namespace {

using testing_util::ExpectValidAnswer;
using testing_util::MakePeer;
using testing_util::RandomPeer;
using testing_util::ReachableMembers;

HybridPolicyConfig OnlyWeight(double HybridPolicyConfig::*weight) {
  HybridPolicyConfig config;
  config.isp_weight = config.distance_weight = config.capacity_weight = 0.0;
  config.position_weight = config.device_weight = config.nat_weight = 0.0;
  config.*weight = 1.0;
  return config;
}

Swarm RandomSwarm(int size, std::uint64_t seed) {
  Rng rng(seed);
  Swarm swarm;
  for (PeerId id = 1; id <= static_cast<PeerId>(size); ++id) {
    EXPECT_TRUE(swarm.Join(RandomPeer(id, rng, 8)).ok());
  }
  return swarm;
}

TEST(HybridScoreTest, TermsAddUpWithTheirWeights) {
  HybridPolicyConfig config;
  const Swarm swarm;
  const SwarmMember requester = MakePeer(1, 3, {10, 10});
  const RequesterView who = ViewOf(swarm, requester);
  SwarmMember candidate =
      MakePeer(2, 3, {10, 10}, NatType::kOpen, DeviceClass::kDesktop, config.capacity_half_bps);
  // Same ISP, same place, capacity at the half point, same position, desktop, open NAT.
  const double full = config.isp_weight + config.distance_weight + config.capacity_weight / 2 +
                      config.position_weight + config.device_weight + config.nat_weight;
  EXPECT_NEAR(HybridScore(config, who, candidate, UnitVectorOf(candidate.location)), full, 1e-12);
  candidate.isp = 4;
  candidate.device = DeviceClass::kMobileCellular;  // uploads nothing, device term 0
  candidate.nat = NatType::kSymmetric;
  candidate.position_seq = 3;  // one position scale away: term halves
  const double reduced =
      config.distance_weight + config.position_weight / 2 + config.nat_weight / 4;
  EXPECT_NEAR(HybridScore(config, who, candidate, UnitVectorOf(candidate.location)), reduced,
              1e-12);
}

TEST(HybridScoreTest, DistanceTermHalvesAtTheScale) {
  HybridPolicyConfig config = OnlyWeight(&HybridPolicyConfig::distance_weight);
  const Swarm swarm;
  const SwarmMember requester = MakePeer(1, 0, {0, 0});
  const RequesterView who = ViewOf(swarm, requester);
  const double degrees = config.distance_scale_km / (kEarthRadiusKm * 3.14159265358979323846 / 180);
  const GeoPoint there{0, degrees};
  EXPECT_NEAR(HybridScore(config, who, MakePeer(2, 0, there), UnitVectorOf(there)), 0.5, 1e-9);
}

TEST(HybridPolicyTest, IspOnlyBehavesLikeSameIsp) {
  const Swarm swarm = RandomSwarm(4000, 1);
  const HybridPolicy policy(OnlyWeight(&HybridPolicyConfig::isp_weight));
  Rng rng(2);
  for (PeerId id = 1; id <= 4000; id += 173) {
    const SwarmMember& requester = *swarm.Find(id);
    const std::vector<PeerId> ids = policy.Match(swarm, requester, 20, rng);
    ExpectValidAnswer(swarm, requester, ids, 20);
    ASSERT_EQ(ids.size(), 20u);
    for (const PeerId got : ids) EXPECT_EQ(swarm.Find(got)->isp, requester.isp);
  }
}

TEST(HybridPolicyTest, DistanceOnlyBehavesLikeNearest) {
  const Swarm swarm = RandomSwarm(4000, 3);
  const HybridPolicy hybrid(OnlyWeight(&HybridPolicyConfig::distance_weight));
  const NearestPolicy nearest;
  Rng rng(4);
  for (PeerId id = 1; id <= 4000; id += 173) {
    const SwarmMember& requester = *swarm.Find(id);
    const std::vector<PeerId> got = hybrid.Match(swarm, requester, 20, rng);
    const std::vector<PeerId> want = nearest.Match(swarm, requester, 20, rng);
    ASSERT_EQ(got.size(), want.size());
    for (std::size_t i = 0; i < got.size(); ++i) {
      EXPECT_NEAR(GreatCircleDistanceKm(requester.location, swarm.Find(got[i])->location),
                  GreatCircleDistanceKm(requester.location, swarm.Find(want[i])->location), 1e-6);
    }
  }
}

TEST(HybridPolicyTest, CapacityOnlyPrefersUploadButSpreadsTheLoad) {
  const Swarm swarm = RandomSwarm(4000, 5);
  const HybridPolicy policy(OnlyWeight(&HybridPolicyConfig::capacity_weight));
  // The capacity-weighted mean of the swarm's usable upload, E[u^2] / E[u]: what a pick drawn
  // in proportion to upload averages before the ranking keeps the best of the pool.
  double sum = 0;
  double sum_squares = 0;
  for (MemberSlot s = 0; s < swarm.size(); ++s) {
    const auto up = static_cast<double>(UsableUploadBps(swarm.member(s)));
    sum += up;
    sum_squares += up * up;
  }
  Rng rng(6);
  std::set<PeerId> distinct;
  double picked_sum = 0;
  int picks = 0;
  for (PeerId id = 1; id <= 4000; id += 40) {
    const SwarmMember& requester = *swarm.Find(id);
    const std::vector<PeerId> ids = policy.Match(swarm, requester, 20, rng);
    ExpectValidAnswer(swarm, requester, ids, 20);
    ASSERT_EQ(ids.size(), 20u);
    for (const PeerId got : ids) {
      EXPECT_GT(UsableUploadBps(*swarm.Find(got)), 0) << "a non-uploader among uploaders";
      picked_sum += static_cast<double>(UsableUploadBps(*swarm.Find(got)));
      distinct.insert(got);
      ++picks;
    }
  }
  EXPECT_GT(picked_sum / picks, sum_squares / sum);
  // 100 requests x 20: a pool drawn from the top classes down shares 30 peers among them all.
  EXPECT_GT(distinct.size(), 120u);
}

TEST(HybridPolicyTest, PositionOnlyReturnsTheClosestPositions) {
  const Swarm swarm = RandomSwarm(4000, 7);
  const HybridPolicy policy(OnlyWeight(&HybridPolicyConfig::position_weight));
  Rng rng(8);
  for (PeerId id = 1; id <= 4000; id += 173) {
    const SwarmMember& requester = *swarm.Find(id);
    const std::vector<PeerId> ids = policy.Match(swarm, requester, 20, rng);
    ASSERT_EQ(ids.size(), 20u);
    SegmentSeq farthest = 0;
    for (const PeerId got : ids) {
      farthest =
          std::max(farthest, std::abs(swarm.Find(got)->position_seq - requester.position_seq));
    }
    for (const SwarmMember& peer : ReachableMembers(swarm, requester)) {
      if (std::find(ids.begin(), ids.end(), peer.id) != ids.end()) continue;
      EXPECT_GE(std::abs(peer.position_seq - requester.position_seq), farthest);
    }
  }
}

TEST(HybridPolicyTest, DeviceOnlyAvoidsCellularWhenOthersAbound) {
  const Swarm swarm = RandomSwarm(4000, 9);
  const HybridPolicy policy(OnlyWeight(&HybridPolicyConfig::device_weight));
  Rng rng(10);
  const std::vector<PeerId> ids = policy.Match(swarm, *swarm.Find(1), 20, rng);
  ASSERT_EQ(ids.size(), 20u);
  for (const PeerId got : ids) EXPECT_EQ(swarm.Find(got)->device, DeviceClass::kDesktop);
}

TEST(HybridPolicyTest, DefaultsFavourTheRequestersIsp) {
  const Swarm swarm = RandomSwarm(8000, 11);
  const HybridPolicy policy;
  Rng rng(12);
  int same_isp = 0;
  int total = 0;
  for (PeerId id = 1; id <= 8000; id += 97) {
    const SwarmMember& requester = *swarm.Find(id);
    const std::vector<PeerId> ids = policy.Match(swarm, requester, 20, rng);
    ExpectValidAnswer(swarm, requester, ids, 20);
    for (const PeerId got : ids) same_isp += swarm.Find(got)->isp == requester.isp;
    total += static_cast<int>(ids.size());
  }
  EXPECT_GT(same_isp, total * 9 / 10);  // 8 ISPs: a random pick would give 1/8
}

TEST(HybridPolicyTest, ConfigValidationNamesTheField) {
  HybridPolicyConfig config;
  EXPECT_TRUE(ValidateHybridPolicyConfig(config).ok());
  config.capacity_weight = -1;
  EXPECT_NE(ValidateHybridPolicyConfig(config).message().find("capacity_weight"),
            std::string::npos);
  config = OnlyWeight(&HybridPolicyConfig::nat_weight);
  config.nat_weight = 0;
  EXPECT_NE(ValidateHybridPolicyConfig(config).message().find("weight"), std::string::npos);
  config = {};
  config.distance_scale_km = 0;
  EXPECT_NE(ValidateHybridPolicyConfig(config).message().find("distance_scale_km"),
            std::string::npos);
  config = {};
  config.pool_multiplier = 0;
  EXPECT_NE(ValidateHybridPolicyConfig(config).message().find("pool_multiplier"),
            std::string::npos);
}

}  // namespace
}  // namespace cdnmesh
