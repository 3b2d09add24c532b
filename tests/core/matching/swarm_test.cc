#include "core/matching/swarm.h"

#include <gtest/gtest.h>

#include <map>
#include <vector>

#include "core/common/random.h"
#include "matching_test_util.h"

namespace cdnmesh {
namespace {

using testing_util::MakePeer;
using testing_util::RandomPeer;

TEST(SwarmTest, JoinFindLeave) {
  Swarm swarm;
  ASSERT_TRUE(swarm.Join(MakePeer(1)).ok());
  ASSERT_TRUE(swarm.Join(MakePeer(2, 3)).ok());
  EXPECT_EQ(swarm.size(), 2u);
  ASSERT_NE(swarm.Find(2), nullptr);
  EXPECT_EQ(swarm.Find(2)->isp, 3);
  EXPECT_EQ(swarm.Find(9), nullptr);
  EXPECT_EQ(swarm.SlotOf(9), kNoMemberSlot);
  ASSERT_TRUE(swarm.Leave(1).ok());
  EXPECT_EQ(swarm.Find(1), nullptr);
  EXPECT_EQ(swarm.SlotOf(2), 0u);  // swapped into the hole
  EXPECT_TRUE(swarm.CheckConsistency().ok());
}

TEST(SwarmTest, RejectsDuplicatesUnknownIdsAndBadInput) {
  Swarm swarm;
  ASSERT_TRUE(swarm.Join(MakePeer(1)).ok());
  EXPECT_NE(swarm.Join(MakePeer(1)).message().find("already a member"), std::string::npos);
  EXPECT_NE(swarm.Leave(2).message().find("not a member"), std::string::npos);
  EXPECT_FALSE(swarm.UpdatePosition(2, 5).ok());
  EXPECT_NE(swarm.UpdateCapacity(1, -1).message().find("upload_capacity_bps"), std::string::npos);
  EXPECT_NE(swarm.Join(MakePeer(kInvalidPeer)).message().find("id"), std::string::npos);
  EXPECT_NE(swarm.Join(MakePeer(3, 0, {91, 0})).message().find("location.latitude_deg"),
            std::string::npos);
  EXPECT_NE(swarm.Join(MakePeer(3, 0, {0, -181})).message().find("location.longitude_deg"),
            std::string::npos);
  EXPECT_NE(swarm.Join(MakePeer(3, 0, {}, NatType::kOpen, DeviceClass::kDesktop, -5))
                .message()
                .find("upload_capacity_bps"),
            std::string::npos);
  EXPECT_EQ(swarm.size(), 1u);
}

TEST(SwarmTest, UpdatesChangeTheDescriptor) {
  Swarm swarm;
  ASSERT_TRUE(swarm.Join(MakePeer(1)).ok());
  ASSERT_TRUE(swarm.UpdatePosition(1, 42).ok());
  ASSERT_TRUE(swarm.UpdateCapacity(1, 3'000'000).ok());
  EXPECT_EQ(swarm.Find(1)->position_seq, 42);
  EXPECT_EQ(swarm.Find(1)->upload_capacity_bps, 3'000'000);
  EXPECT_TRUE(swarm.CheckConsistency().ok());
}

TEST(SwarmTest, UpdatesMoveMembersBetweenBuckets) {
  Swarm swarm;
  ASSERT_TRUE(swarm.Join(MakePeer(1, 0, {}, NatType::kOpen, DeviceClass::kDesktop, 1'000, 5)).ok());
  ASSERT_TRUE(swarm.Join(MakePeer(2, 0, {}, NatType::kOpen, DeviceClass::kDesktop, 2'000, 5)).ok());
  const int open = static_cast<int>(NatType::kOpen);
  ASSERT_TRUE(swarm.UpdatePosition(1, 9).ok());
  EXPECT_EQ(swarm.by_position().Find({open, 5})->size(), 1u);
  EXPECT_EQ(swarm.by_position().Find({open, 9})->size(), 1u);
  ASSERT_TRUE(swarm.UpdateCapacity(1, 2'000).ok());
  EXPECT_EQ(swarm.by_capacity().Find({open, CapacityClassOf(2'000, 4)})->size(), 2u);
  EXPECT_EQ(swarm.by_capacity().Find({open, CapacityClassOf(1'000, 4)}), nullptr);
  EXPECT_TRUE(swarm.CheckConsistency().ok());
}

TEST(SwarmTest, ClassMiddleLiesInsideItsClass) {
  for (const int per_octave : {1, 4, 8}) {
    // From 1 kbit/s up (below, classes are narrower than one bps).
    for (int cls = 10 * per_octave; cls < 40 * per_octave; ++cls) {
      const double mid = CapacityClassMidBps(cls, per_octave);
      EXPECT_EQ(CapacityClassOf(static_cast<std::int64_t>(mid), per_octave), cls)
          << cls << " per octave " << per_octave;
    }
  }
}

TEST(SwarmTest, CapacityClassesAreOrderedAndSpanAtMostOnePlusOneOverN) {
  EXPECT_EQ(CapacityClassOf(0, 4), -1);
  EXPECT_EQ(CapacityClassOf(1, 4), 0);
  EXPECT_EQ(CapacityClassOf(1'000'000 - 1, 4), CapacityClassOf(999'000, 4));
  int previous = -1;
  for (std::int64_t bps = 1; bps < (std::int64_t{1} << 40); bps = bps * 9 / 8 + 1) {
    const int c = CapacityClassOf(bps, 4);
    EXPECT_GE(c, previous) << bps;
    previous = c;
    EXPECT_EQ(CapacityClassOf(bps * 2, 4), c + 4) << bps;  // one octave = 4 classes
  }
  // Class boundaries within an octave: [1, 1.25), [1.25, 1.5), [1.5, 1.75), [1.75, 2).
  EXPECT_EQ(CapacityClassOf(1024 + 255, 4), CapacityClassOf(1024, 4));
  EXPECT_EQ(CapacityClassOf(1024 + 256, 4), CapacityClassOf(1024, 4) + 1);
  EXPECT_EQ(CapacityClassOf(2047, 4), CapacityClassOf(1024, 4) + 3);
}

TEST(SwarmTest, PositionBucketsUseFloorDivision) {
  SwarmIndexConfig config;
  config.position_bucket_segments = 4;
  Swarm swarm(config);
  EXPECT_EQ(swarm.PositionBucketOf(0), 0);
  EXPECT_EQ(swarm.PositionBucketOf(3), 0);
  EXPECT_EQ(swarm.PositionBucketOf(4), 1);
  EXPECT_EQ(swarm.PositionBucketOf(-1), -1);
  EXPECT_EQ(swarm.PositionBucketOf(-4), -1);
  EXPECT_EQ(swarm.PositionBucketOf(-5), -2);
}

TEST(SwarmTest, ConfigValidationNamesTheField) {
  SwarmIndexConfig config;
  EXPECT_TRUE(ValidateSwarmIndexConfig(config).ok());
  config.capacity_classes_per_octave = 0;
  EXPECT_NE(ValidateSwarmIndexConfig(config).message().find("capacity_classes_per_octave"),
            std::string::npos);
  config = {};
  config.position_bucket_segments = 0;
  EXPECT_NE(ValidateSwarmIndexConfig(config).message().find("position_bucket_segments"),
            std::string::npos);
}

TEST(SwarmTest, ChurnToEmptyLeavesNoBuckets) {
  Rng rng(5);
  Swarm swarm;
  for (PeerId id = 1; id <= 300; ++id) ASSERT_TRUE(swarm.Join(RandomPeer(id, rng)).ok());
  for (PeerId id = 300; id >= 1; --id) ASSERT_TRUE(swarm.Leave(id).ok());
  EXPECT_TRUE(swarm.empty());
  EXPECT_TRUE(swarm.by_nat().buckets().empty());
  EXPECT_TRUE(swarm.by_isp().buckets().empty());
  EXPECT_TRUE(swarm.by_capacity().buckets().empty());
  EXPECT_TRUE(swarm.by_position().buckets().empty());
  EXPECT_TRUE(swarm.CheckConsistency().ok());
}

}  // namespace
}  // namespace cdnmesh
