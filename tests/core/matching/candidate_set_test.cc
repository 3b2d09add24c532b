#include "core/matching/candidate_set.h"

#include <gtest/gtest.h>

#include <map>
#include <set>
#include <vector>

#include "core/matching/slot_sampler.h"

namespace cdnmesh {
namespace {

TEST(CandidateSetTest, KeepsInsertionOrderAndRejectsDuplicatesAndExcluded) {
  CandidateSet set(/*excluded=*/7, /*expected=*/2);
  EXPECT_TRUE(set.Add(3));
  EXPECT_FALSE(set.Add(3));
  EXPECT_FALSE(set.Add(7));
  EXPECT_FALSE(set.Add(kNoMemberSlot));
  EXPECT_TRUE(set.Add(1));
  EXPECT_TRUE(set.Contains(7));
  EXPECT_FALSE(set.Contains(2));
  EXPECT_EQ(set.slots(), (std::vector<MemberSlot>{3, 1}));
}

TEST(CandidateSetTest, GrowsPastItsHint) {
  CandidateSet set(kNoMemberSlot, 1);
  for (MemberSlot s = 0; s < 1000; ++s) EXPECT_TRUE(set.Add(s * 7919));
  EXPECT_EQ(set.size(), 1000u);
  for (MemberSlot s = 0; s < 1000; ++s) EXPECT_TRUE(set.Contains(s * 7919));
  EXPECT_FALSE(set.Contains(1));
}

SlotBucket BucketOf(MemberSlot first, MemberSlot count) {
  SlotBucket bucket;
  for (MemberSlot s = first; s < first + count; ++s) bucket.Add(s);
  return bucket;
}

TEST(SlotBucketTest, RemoveSwapsTheLastIntoTheHole) {
  SlotBucket bucket = BucketOf(10, 4);  // 10 11 12 13
  EXPECT_EQ(bucket.RemoveAt(1), 13u);
  EXPECT_EQ(bucket[1], 13u);
  EXPECT_EQ(bucket.RemoveAt(2), kNoMemberSlot);  // removing the last moves nothing
  EXPECT_EQ(bucket.size(), 2u);
}

TEST(SlotSamplerTest, UnionConcatenatesParts) {
  const SlotBucket a = BucketOf(0, 3);
  const SlotBucket b = BucketOf(100, 2);
  SlotUnion u;
  u.Add(&a);
  u.Add(nullptr);
  u.Add(&b);
  ASSERT_EQ(u.size(), 5u);
  EXPECT_EQ(u.At(2), 2u);
  EXPECT_EQ(u.At(3), 100u);
}

TEST(SlotSamplerTest, SmallUnionIsExhaustedWithoutRepeats) {
  const SlotBucket a = BucketOf(0, 10);
  SlotUnion u;
  u.Add(&a);
  Rng rng(1);
  CandidateSet picked(/*excluded=*/4);
  picked.Add(5);
  EXPECT_EQ(SampleInto(u, 100, rng, &picked), 8u);  // 10 minus excluded and already picked
  EXPECT_EQ(picked.size(), 9u);
  EXPECT_EQ(SampleInto(u, 5, rng, &picked), 0u);  // nothing left, and no hang
}

TEST(SlotSamplerTest, LargeUnionIsSampledUniformly) {
  const SlotBucket a = BucketOf(0, 500);
  const SlotBucket b = BucketOf(500, 500);
  SlotUnion u;
  u.Add(&a);
  u.Add(&b);
  Rng rng(42);
  std::map<MemberSlot, int> hits;
  constexpr int kRounds = 4000;
  for (int round = 0; round < kRounds; ++round) {
    CandidateSet picked(kNoMemberSlot);
    ASSERT_EQ(SampleInto(u, 10, rng, &picked), 10u);
    for (const MemberSlot s : picked.slots()) ++hits[s / 100];  // 10 groups of 100
  }
  for (const auto& [group, count] : hits) {
    EXPECT_NEAR(count, kRounds * 10 / 10, kRounds * 10 / 10 * 0.1) << "group " << group;
  }
}

TEST(SlotSamplerTest, SameSeedSameSample) {
  const SlotBucket a = BucketOf(0, 10000);
  SlotUnion u;
  u.Add(&a);
  Rng r1(9);
  Rng r2(9);
  CandidateSet p1(kNoMemberSlot);
  CandidateSet p2(kNoMemberSlot);
  SampleInto(u, 20, r1, &p1);
  SampleInto(u, 20, r2, &p2);
  EXPECT_EQ(p1.slots(), p2.slots());
}

}  // namespace
}  // namespace cdnmesh
