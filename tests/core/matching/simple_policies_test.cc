// Each single-criterion policy prefers what it claims to, checked against brute force.
#include "core/matching/simple_policies.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <map>
#include <vector>

#include "core/common/random.h"
#include "core/matching/geo.h"
#include "matching_test_util.h"

namespace cdnmesh {
namespace {

using testing_util::ExpectValidAnswer;
using testing_util::MakePeer;
using testing_util::RandomPeer;
using testing_util::ReachableMembers;

Swarm RandomSwarm(int size, std::uint64_t seed, int isps = 5) {
  Rng rng(seed);
  Swarm swarm;
  for (PeerId id = 1; id <= static_cast<PeerId>(size); ++id) {
    EXPECT_TRUE(swarm.Join(RandomPeer(id, rng, isps)).ok());
  }
  return swarm;
}

TEST(RandomPolicyTest, SamplesReachablePeersUniformly) {
  Swarm swarm = RandomSwarm(200, 1);
  const SwarmMember requester = MakePeer(1000, 0, {}, NatType::kRestrictedCone);
  const RandomPolicy policy;
  Rng rng(2);
  std::map<PeerId, int> hits;
  constexpr int kRequests = 5000;
  for (int i = 0; i < kRequests; ++i) {
    for (const PeerId id : policy.Match(swarm, requester, 10, rng)) ++hits[id];
  }
  // Every peer is reachable from a restricted cone: each is drawn 10/200 of the time.
  ASSERT_EQ(hits.size(), 200u);
  const double expected = kRequests * 10.0 / 200.0;
  for (const auto& [id, count] : hits) EXPECT_NEAR(count, expected, expected * 0.3) << id;
}

TEST(SameIspPolicyTest, OnlySameIspWhileEnoughThenFillsWithOthers) {
  Swarm swarm;
  PeerId id = 1;
  // ISP 7: 30 reachable (open) + 40 unreachable (port restricted) for a symmetric requester.
  for (int i = 0; i < 30; ++i) ASSERT_TRUE(swarm.Join(MakePeer(id++, 7, {}, NatType::kOpen)).ok());
  for (int i = 0; i < 40; ++i) {
    ASSERT_TRUE(swarm.Join(MakePeer(id++, 7, {}, NatType::kPortRestricted)).ok());
  }
  for (int i = 0; i < 300; ++i) {
    ASSERT_TRUE(swarm.Join(MakePeer(id++, static_cast<IspId>(i % 5), {}, NatType::kOpen)).ok());
  }
  const SwarmMember requester = MakePeer(5000, 7, {}, NatType::kSymmetric);
  const SameIspPolicy policy;
  Rng rng(3);
  for (int round = 0; round < 50; ++round) {
    const std::vector<PeerId> ids = policy.Match(swarm, requester, 20, rng);
    ExpectValidAnswer(swarm, requester, ids, 20);
    ASSERT_EQ(ids.size(), 20u);
    for (const PeerId got : ids) EXPECT_EQ(swarm.Find(got)->isp, 7);
  }
  const std::vector<PeerId> ids = policy.Match(swarm, requester, 50, rng);
  ExpectValidAnswer(swarm, requester, ids, 50);
  ASSERT_EQ(ids.size(), 50u);
  for (std::size_t i = 0; i < ids.size(); ++i) {
    EXPECT_EQ(swarm.Find(ids[i])->isp == 7, i < 30) << "position " << i;
  }
}

// The k smallest distances among reachable members (brute force).
std::vector<double> BruteForceNearestKm(const Swarm& swarm, const SwarmMember& requester,
                                        std::size_t k) {
  std::vector<double> km;
  for (const SwarmMember& peer : ReachableMembers(swarm, requester)) {
    km.push_back(GreatCircleDistanceKm(requester.location, peer.location));
  }
  std::sort(km.begin(), km.end());
  km.resize(std::min(k, km.size()));
  return km;
}

void ExpectTrulyNearest(const Swarm& swarm, const SwarmMember& requester, std::size_t k) {
  const NearestPolicy policy;
  Rng rng(1);
  const std::vector<PeerId> ids = policy.Match(swarm, requester, static_cast<int>(k), rng);
  ExpectValidAnswer(swarm, requester, ids, static_cast<int>(k));
  const std::vector<double> expected = BruteForceNearestKm(swarm, requester, k);
  ASSERT_EQ(ids.size(), expected.size());
  for (std::size_t i = 0; i < ids.size(); ++i) {  // same distances, in ascending order
    const double km = GreatCircleDistanceKm(requester.location, swarm.Find(ids[i])->location);
    EXPECT_NEAR(km, expected[i], 1e-6) << "rank " << i;
  }
}

TEST(NearestPolicyTest, MatchesBruteForceOnSmallWorldwideSwarms) {
  Rng rng(4);
  Swarm swarm;
  for (PeerId id = 1; id <= 400; ++id) {
    SwarmMember peer = RandomPeer(id, rng);
    peer.location = {rng.Uniform(-90, 90), rng.Uniform(-180, 180)};
    ASSERT_TRUE(swarm.Join(peer).ok());
  }
  for (PeerId id = 1; id <= 400; id += 7) ExpectTrulyNearest(swarm, *swarm.Find(id), 10);
  // Requesters at the poles and on the date line.
  ExpectTrulyNearest(swarm, MakePeer(9001, 0, {90, 0}), 15);
  ExpectTrulyNearest(swarm, MakePeer(9002, 0, {-89.99, 179.99}, NatType::kSymmetric), 15);
  ExpectTrulyNearest(swarm, MakePeer(9003, 0, {0, -180}), 15);
}

TEST(NearestPolicyTest, MatchesBruteForceOnBigClusteredSwarms) {
  const Swarm swarm = RandomSwarm(20000, 5);
  for (PeerId id = 1; id <= 20000; id += 997) ExpectTrulyNearest(swarm, *swarm.Find(id), 20);
}

TEST(NearestPolicyTest, CellCapBoundsWorkAndStillAnswersNear) {
  const Swarm swarm = RandomSwarm(20000, 6);
  NearestPolicyConfig config;
  config.max_cells_opened = 40;
  const NearestPolicy policy(config);
  Rng rng(1);
  const SwarmMember& requester = *swarm.Find(77);
  const std::vector<PeerId> ids = policy.Match(swarm, requester, 20, rng);
  ExpectValidAnswer(swarm, requester, ids, 20);
  const double worst_km = BruteForceNearestKm(swarm, requester, 20).back();
  for (const PeerId id : ids) {  // whatever it returns is among the truly nearest
    EXPECT_LE(GreatCircleDistanceKm(requester.location, swarm.Find(id)->location), worst_km + 1e-6);
  }
}

TEST(NearestPolicyTest, PilesOfCoincidentPeersAreSampledNotScanned) {
  Swarm swarm;  // 5000 peers geolocated to one city centre, 50 more scattered 1-2 degrees away
  for (PeerId id = 1; id <= 5000; ++id) {
    const NatType nat = id % 2 ? NatType::kOpen : NatType::kSymmetric;
    ASSERT_TRUE(swarm.Join(MakePeer(id, 0, {48.8566, 2.3522}, nat)).ok());
  }
  Rng rng(12);
  for (PeerId id = 5001; id <= 5050; ++id) {
    const GeoPoint where{48.8566 + rng.Uniform(1, 2), 2.3522 + rng.Uniform(1, 2)};
    ASSERT_TRUE(swarm.Join(MakePeer(id, 0, where)).ok());
  }
  const SwarmMember requester = MakePeer(9000, 0, {48.85, 2.35}, NatType::kSymmetric);
  std::map<PeerId, int> seen;
  for (int round = 0; round < 20; ++round) {
    const std::vector<PeerId> ids = NearestPolicy().Match(swarm, requester, 20, rng);
    ExpectValidAnswer(swarm, requester, ids, 20);
    ASSERT_EQ(ids.size(), 20u);
    for (const PeerId id : ids) {
      EXPECT_LE(id, 5000u) << "the pile is nearer than any scattered peer";
      ++seen[id];
    }
  }
  EXPECT_GT(seen.size(), 100u);  // successive requests spread over the pile
}

TEST(CapacityPolicyTest, ReturnsValidDistinctUploaders) {
  const Swarm swarm = RandomSwarm(5000, 7);
  const CapacityPolicy policy;
  Rng rng(8);
  for (PeerId id = 1; id <= 5000; id += 211) {
    const SwarmMember& requester = *swarm.Find(id);
    const std::vector<PeerId> ids = policy.Match(swarm, requester, 20, rng);
    ExpectValidAnswer(swarm, requester, ids, 20);
    ASSERT_EQ(ids.size(), 20u);
    for (const PeerId peer : ids) EXPECT_GT(UsableUploadBps(*swarm.Find(peer)), 0);
  }
}

// Two classes of uploaders, 1 and 8 Mbit/s, over two NAT types: each is drawn in proportion
// to its class's capacity, so the fast ones get 8 of every 9 requests, not all of them.
TEST(CapacityPolicyTest, DrawsUploadersInProportionToCapacity) {
  Swarm swarm;
  for (PeerId id = 1; id <= 100; ++id) {
    const std::int64_t capacity = id <= 50 ? 1'000'000 : 8'000'000;
    const NatType nat = id % 2 == 0 ? NatType::kOpen : NatType::kRestrictedCone;
    ASSERT_TRUE(swarm.Join(MakePeer(id, 0, {}, nat, DeviceClass::kDesktop, capacity)).ok());
  }
  const double slow_bps = CapacityClassMidBps(CapacityClassOf(1'000'000, 4), 4);
  const double fast_bps = CapacityClassMidBps(CapacityClassOf(8'000'000, 4), 4);
  const double expected_fast = fast_bps / (fast_bps + slow_bps);
  Rng rng(3);
  const SwarmMember requester = MakePeer(1000, 0, {}, NatType::kOpen);
  constexpr int kRequests = 20000;
  int fast = 0;
  std::map<PeerId, int> hits;
  for (int i = 0; i < kRequests; ++i) {
    const std::vector<PeerId> ids = CapacityPolicy().Match(swarm, requester, 1, rng);
    ASSERT_EQ(ids.size(), 1u);
    fast += ids[0] > 50;
    ++hits[ids[0]];
  }
  EXPECT_NEAR(static_cast<double>(fast) / kRequests, expected_fast, 0.01);
  EXPECT_EQ(hits.size(), 100u);  // every uploader gets some
}

TEST(CapacityPolicyTest, NonUploadersOnlyFillOrAreExcluded) {
  Swarm swarm;
  for (PeerId id = 1; id <= 5; ++id) {
    ASSERT_TRUE(
        swarm.Join(MakePeer(id, 0, {}, NatType::kOpen, DeviceClass::kDesktop, 1'000'000 * id))
            .ok());
  }
  for (PeerId id = 6; id <= 30; ++id) {  // fast links but cellular: usable upload 0
    ASSERT_TRUE(
        swarm.Join(MakePeer(id, 0, {}, NatType::kOpen, DeviceClass::kMobileCellular, 100'000'000))
            .ok());
  }
  Rng rng(1);
  const std::vector<PeerId> ids = CapacityPolicy().Match(swarm, MakePeer(100), 10, rng);
  ASSERT_EQ(ids.size(), 10u);
  std::vector<PeerId> uploaders(ids.begin(), ids.begin() + 5);
  std::sort(uploaders.begin(), uploaders.end());
  EXPECT_EQ(uploaders, (std::vector<PeerId>{1, 2, 3, 4, 5}));
  for (std::size_t i = 5; i < ids.size(); ++i) EXPECT_GE(ids[i], 6u);
  CapacityPolicyConfig config;
  config.include_non_uploaders = false;
  std::vector<PeerId> only = CapacityPolicy(config).Match(swarm, MakePeer(100), 10, rng);
  std::sort(only.begin(), only.end());
  EXPECT_EQ(only, (std::vector<PeerId>{1, 2, 3, 4, 5}));
}

// Returned peers are at least as close in playback position as every reachable peer left out.
void ExpectClosestPositions(const Swarm& swarm, const SwarmMember& requester,
                            const std::vector<PeerId>& ids) {
  SegmentSeq farthest_returned = 0;
  for (const PeerId id : ids) {
    farthest_returned = std::max(farthest_returned,
                                 std::abs(swarm.Find(id)->position_seq - requester.position_seq));
  }
  for (const SwarmMember& peer : ReachableMembers(swarm, requester)) {
    if (std::find(ids.begin(), ids.end(), peer.id) != ids.end()) continue;
    EXPECT_GE(std::abs(peer.position_seq - requester.position_seq), farthest_returned);
  }
}

TEST(PositionPolicyTest, ReturnsTheClosestPositions) {
  const Swarm swarm = RandomSwarm(5000, 9);
  const PositionPolicy policy;
  Rng rng(10);
  for (PeerId id = 1; id <= 5000; id += 211) {
    SwarmMember requester = *swarm.Find(id);
    const std::vector<PeerId> ids = policy.Match(swarm, requester, 20, rng);
    ExpectValidAnswer(swarm, requester, ids, 20);
    ASSERT_EQ(ids.size(), 20u);
    ExpectClosestPositions(swarm, requester, ids);
    requester.position_seq = 1000;  // far ahead of everyone: the most advanced peers
    ExpectClosestPositions(swarm, requester, policy.Match(swarm, requester, 20, rng));
  }
}

TEST(PositionPolicyTest, MergesNatTypesByPositionGap) {
  Swarm swarm;  // each NAT type at its own positions: 0-9 open, 10-19 restricted, ...
  const NatType nats[] = {NatType::kOpen, NatType::kRestrictedCone, NatType::kPortRestricted,
                          NatType::kSymmetric};
  for (PeerId id = 0; id < 40; ++id) {
    ASSERT_TRUE(swarm
                    .Join(MakePeer(id, 0, {}, nats[id / 10], DeviceClass::kDesktop, 1,
                                   static_cast<SegmentSeq>(id)))
                    .ok());
  }
  Rng rng(6);
  SwarmMember requester = MakePeer(100);
  requester.position_seq = 23;
  const std::vector<PeerId> ids = PositionPolicy().Match(swarm, requester, 40, rng);
  ASSERT_EQ(ids.size(), 40u);
  for (std::size_t i = 1; i < ids.size(); ++i) {  // gap order is non-decreasing
    EXPECT_LE(std::abs(static_cast<SegmentSeq>(ids[i - 1]) - 23),
              std::abs(static_cast<SegmentSeq>(ids[i]) - 23));
  }
}

TEST(PositionPolicyTest, SparsePositionsAreWalkedOutwardInOrder) {
  Swarm swarm;
  for (PeerId id = 1; id <= 9; ++id) {
    ASSERT_TRUE(swarm
                    .Join(MakePeer(id, 0, {}, NatType::kOpen, DeviceClass::kDesktop, 1,
                                   static_cast<SegmentSeq>(id) * 100))
                    .ok());
  }
  SwarmMember requester = MakePeer(50);
  requester.position_seq = 520;
  Rng rng(1);
  EXPECT_EQ(PositionPolicy().Match(swarm, requester, 5, rng), (std::vector<PeerId>{5, 6, 4, 7, 3}));
}

}  // namespace
}  // namespace cdnmesh
