// The tight bound's max flow on hand-computed cases: NAT pairs that cannot connect, first
// copies, slots and carry-over, contents that cannot share, renditions as swarms.
#include <gtest/gtest.h>

#include <cmath>

#include "sim/world/tight-bound.h"

namespace cdnmesh {
namespace {

constexpr NatType kOpen = NatType::kOpen;
constexpr NatType kSym = NatType::kSymmetric;

TightBoundProblem OneSwarm(std::int64_t first_copy_bytes) {
  TightBoundProblem p;
  p.swarm_content = {0};
  p.first_copy_bytes = {first_copy_bytes};
  return p;
}

// Three viewers taking 50 bytes each; two behind symmetric NATs can only reach the open one.
TEST(TightBound, SymmetricPairsCannotServeEachOther) {
  TightBoundProblem p = OneSwarm(10);
  p.demands = {{0, 0, kOpen, 50}, {0, 0, kSym, 100}};  // A open; B and C symmetric
  p.uploads = {{0, 0, kOpen, 0}, {0, 0, kSym, 200}};
  EXPECT_EQ(MaxPeerBytes(p), 50);  // only A can receive from B and C
  p.uploads[0].bytes = 1000;       // A uploads: it reaches both symmetric viewers
  EXPECT_EQ(MaxPeerBytes(p), 140);  // 150 - the first copy
  EXPECT_DOUBLE_EQ(TightOffloadBound(p), 140.0 / 150.0);
}

TEST(TightBound, UploadCapacityBinds) {
  TightBoundProblem p = OneSwarm(0);
  p.demands = {{0, 0, kOpen, 500}};
  p.uploads = {{0, 0, kOpen, 120}};
  EXPECT_EQ(MaxPeerBytes(p), 120);
}

TEST(TightBound, UploadsServeTheirSlotAndTheNextCarrySlotsOnly) {
  TightBoundProblem p = OneSwarm(0);
  p.carry_slots = 2;
  p.uploads = {{1, 0, kOpen, 100}};
  p.demands = {{0, 0, kOpen, 100}};  // before the upload: cannot be served
  EXPECT_EQ(MaxPeerBytes(p), 0);
  p.demands = {{3, 0, kOpen, 100}};  // t + 2: served
  EXPECT_EQ(MaxPeerBytes(p), 100);
  p.demands = {{4, 0, kOpen, 100}};  // t + 3: too late
  EXPECT_EQ(MaxPeerBytes(p), 0);
}

TEST(TightBound, ContentsDoNotShareButRenditionsOfOneContentDo) {
  TightBoundProblem p;
  p.swarm_content = {0, 0, 1};  // content 0 has two renditions, content 1 one
  p.first_copy_bytes = {5, 7, 0};
  p.demands = {{0, 0, kOpen, 50}, {0, 1, kOpen, 70}, {0, 2, kOpen, 90}};
  p.uploads = {{0, 0, kOpen, 1000}};  // only viewers of content 0 upload
  EXPECT_EQ(MaxPeerBytes(p), 45 + 63);
}

TEST(TightBound, NothingDemandedIsUndefined) {
  EXPECT_TRUE(std::isnan(TightOffloadBound(OneSwarm(0))));
  TightBoundProblem p = OneSwarm(100);
  p.demands = {{0, 0, kOpen, 80}};  // less than the first copies: peers can give nothing
  p.uploads = {{0, 0, kOpen, 1000}};
  EXPECT_EQ(MaxPeerBytes(p), 0);
  EXPECT_EQ(TightOffloadBound(p), 0.0);
}

}  // namespace
}  // namespace cdnmesh
