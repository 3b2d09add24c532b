// The contract every policy shares, checked for each name the factory accepts.
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "core/common/random.h"
#include "core/matching/policy_factory.h"
#include "matching_test_util.h"

namespace cdnmesh {
namespace {

using testing_util::ExpectValidAnswer;
using testing_util::MakePeer;
using testing_util::RandomPeer;
using testing_util::ReachableMembers;

class PolicyContractTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    auto made = MakeMatchingPolicy(GetParam());
    ASSERT_TRUE(made.ok()) << made.error().message;
    policy_ = std::move(made).value();
  }
  std::vector<PeerId> Ask(const Swarm& swarm, const SwarmMember& requester, int k,
                          std::uint64_t seed = 1) {
    Rng rng(seed);
    return policy_->Match(swarm, requester, k, rng);
  }
  std::unique_ptr<MatchingPolicy> policy_;
};

TEST_P(PolicyContractTest, NameRoundTrips) { EXPECT_EQ(policy_->name(), GetParam()); }

TEST_P(PolicyContractTest, AnswersAreValidAndFullWhenEnoughPeersAreReachable) {
  Rng rng(11);
  Swarm swarm;
  for (PeerId id = 1; id <= 2000; ++id) ASSERT_TRUE(swarm.Join(RandomPeer(id, rng)).ok());
  for (int request = 0; request < 200; ++request) {
    const SwarmMember requester = swarm.member(static_cast<MemberSlot>(rng.UniformIndex(2000)));
    for (const int k : {1, 5, 20, 50}) {
      const std::vector<PeerId> ids = Ask(swarm, requester, k, request);
      ExpectValidAnswer(swarm, requester, ids, k);
      const auto reachable = ReachableMembers(swarm, requester).size();
      EXPECT_EQ(ids.size(), std::min<std::size_t>(k, reachable));
    }
  }
}

TEST_P(PolicyContractTest, SmallSwarmReturnsEveryReachablePeer) {
  Swarm swarm;
  ASSERT_TRUE(swarm.Join(MakePeer(1, 0, {}, NatType::kSymmetric)).ok());
  ASSERT_TRUE(swarm.Join(MakePeer(2, 1, {10, 10}, NatType::kOpen)).ok());
  ASSERT_TRUE(swarm.Join(MakePeer(3, 0, {20, 5}, NatType::kPortRestricted)).ok());
  ASSERT_TRUE(
      swarm.Join(MakePeer(4, 2, {-5, 3}, NatType::kRestrictedCone, DeviceClass::kMobileCellular))
          .ok());
  ASSERT_TRUE(swarm.Join(MakePeer(5, 0, {1, 1}, NatType::kSymmetric)).ok());
  const std::vector<PeerId> ids = Ask(swarm, *swarm.Find(1), 10);
  ExpectValidAnswer(swarm, *swarm.Find(1), ids, 10);
  EXPECT_EQ(std::set<PeerId>(ids.begin(), ids.end()), (std::set<PeerId>{2, 4}));
}

TEST_P(PolicyContractTest, EmptySwarmGivesNothing) {
  const Swarm swarm;
  EXPECT_TRUE(Ask(swarm, MakePeer(1), 20).empty());
}

TEST_P(PolicyContractTest, SwarmOfOneGivesNothingToItsMember) {
  Swarm swarm;
  ASSERT_TRUE(swarm.Join(MakePeer(1)).ok());
  EXPECT_TRUE(Ask(swarm, MakePeer(1), 20).empty());
  // A requester that has not joined yet gets the member.
  EXPECT_EQ(Ask(swarm, MakePeer(2), 20), std::vector<PeerId>{1});
}

TEST_P(PolicyContractTest, AllUnreachableGivesNothingWithoutHanging) {
  Rng rng(3);
  Swarm swarm;
  for (PeerId id = 1; id <= 5000; ++id) {
    SwarmMember peer = RandomPeer(id, rng);
    peer.nat = id % 2 ? NatType::kSymmetric : NatType::kPortRestricted;
    ASSERT_TRUE(swarm.Join(peer).ok());
  }
  EXPECT_TRUE(Ask(swarm, *swarm.Find(1), 20).empty());
  // One reachable peer among thousands of unreachable ones is still found.
  ASSERT_TRUE(swarm.Join(MakePeer(9999, 3, {60, 60}, NatType::kOpen)).ok());
  EXPECT_EQ(Ask(swarm, *swarm.Find(1), 20), std::vector<PeerId>{9999});
}

TEST_P(PolicyContractTest, NonPositiveCountGivesNothing) {
  Swarm swarm;
  for (PeerId id = 1; id <= 10; ++id) ASSERT_TRUE(swarm.Join(MakePeer(id)).ok());
  EXPECT_TRUE(Ask(swarm, MakePeer(1), 0).empty());
  EXPECT_TRUE(Ask(swarm, MakePeer(1), -3).empty());
}

TEST_P(PolicyContractTest, SameSeedSameAnswer) {
  Rng rng(8);
  Swarm swarm;
  for (PeerId id = 1; id <= 3000; ++id) ASSERT_TRUE(swarm.Join(RandomPeer(id, rng)).ok());
  for (PeerId id = 1; id <= 50; ++id) {
    EXPECT_EQ(Ask(swarm, *swarm.Find(id), 20, id), Ask(swarm, *swarm.Find(id), 20, id));
  }
}

TEST_P(PolicyContractTest, CoincidentPeersAreHandled) {
  Swarm swarm;  // everyone at the same spot, same capacity and position
  for (PeerId id = 1; id <= 500; ++id) ASSERT_TRUE(swarm.Join(MakePeer(id, id % 3, {45, 7})).ok());
  const std::vector<PeerId> ids = Ask(swarm, *swarm.Find(17), 20);
  ExpectValidAnswer(swarm, *swarm.Find(17), ids, 20);
  EXPECT_EQ(ids.size(), 20u);
}

INSTANTIATE_TEST_SUITE_P(AllPolicies, PolicyContractTest,
                         ::testing::Values("random", "same_isp", "nearest", "capacity", "position",
                                           "hybrid"),
                         [](const auto& param_info) { return param_info.param; });

}  // namespace
}  // namespace cdnmesh
