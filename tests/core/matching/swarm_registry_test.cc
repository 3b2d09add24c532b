#include "core/matching/swarm_registry.h"

#include <gtest/gtest.h>

#include <vector>

#include "core/matching/simple_policies.h"
#include "matching_test_util.h"

namespace cdnmesh {
namespace {

using testing_util::MakePeer;

TEST(SwarmRegistryTest, SwarmsAreKeyedByContentAndRendition) {
  SwarmRegistry registry;
  const SwarmKey low{7, 0};
  const SwarmKey high{7, 2};
  ASSERT_TRUE(registry.Join(low, MakePeer(1)).ok());
  ASSERT_TRUE(registry.Join(low, MakePeer(2)).ok());
  ASSERT_TRUE(registry.Join(high, MakePeer(3)).ok());
  ASSERT_TRUE(registry.Join(high, MakePeer(1)).ok());  // a peer may be in several swarms
  EXPECT_EQ(registry.swarm_count(), 2u);
  EXPECT_EQ(registry.peer_count(), 4u);
  const RandomPolicy policy;
  Rng rng(1);
  std::vector<PeerId> out;
  registry.Match(high, policy, MakePeer(1), 10, rng, &out);
  EXPECT_EQ(out, std::vector<PeerId>{3});
  registry.Match({8, 0}, policy, MakePeer(1), 10, rng, &out);
  EXPECT_TRUE(out.empty());
}

TEST(SwarmRegistryTest, LastLeaveDropsTheSwarm) {
  SwarmRegistry registry;
  const SwarmKey key{1, 1};
  ASSERT_TRUE(registry.Join(key, MakePeer(1)).ok());
  ASSERT_TRUE(registry.UpdatePosition(key, 1, 9).ok());
  ASSERT_TRUE(registry.UpdateCapacity(key, 1, 123).ok());
  EXPECT_EQ(registry.Find(key)->Find(1)->position_seq, 9);
  ASSERT_TRUE(registry.Leave(key, 1).ok());
  EXPECT_EQ(registry.Find(key), nullptr);
  EXPECT_EQ(registry.swarm_count(), 0u);
  EXPECT_EQ(registry.peer_count(), 0u);
}

TEST(SwarmRegistryTest, ErrorsNameTheProblem) {
  SwarmRegistry registry;
  const SwarmKey key{1, 0};
  EXPECT_NE(registry.Leave(key, 1).message().find("swarm"), std::string::npos);
  EXPECT_FALSE(registry.UpdatePosition(key, 1, 0).ok());
  EXPECT_FALSE(registry.UpdateCapacity(key, 1, 0).ok());
  EXPECT_FALSE(registry.Join(key, MakePeer(kInvalidPeer)).ok());
  EXPECT_EQ(registry.swarm_count(), 0u);  // a rejected join creates no swarm
  ASSERT_TRUE(registry.Join(key, MakePeer(1)).ok());
  EXPECT_FALSE(registry.Join(key, MakePeer(1)).ok());
  EXPECT_EQ(registry.peer_count(), 1u);
  EXPECT_FALSE(registry.Leave(key, 2).ok());
}

}  // namespace
}  // namespace cdnmesh
