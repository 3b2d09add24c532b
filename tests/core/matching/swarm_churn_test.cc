// Randomized churn (joins, leaves, position and capacity updates) with fixed seeds against a
// brute-force model: the indexes must stay consistent with the members, the members with the
// model, and queries with brute-force answers over the model.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <map>
#include <vector>

#include "core/common/random.h"
#include "core/matching/candidate_sources.h"
#include "core/matching/geo.h"
#include "core/matching/simple_policies.h"
#include "core/matching/swarm.h"
#include "matching_test_util.h"

namespace cdnmesh {
namespace {

using testing_util::RandomPeer;

// A swarm and the model it must agree with.
class ChurnHarness {
 public:
  explicit ChurnHarness(std::uint64_t seed) : rng_(seed) {}

  // One random operation; `growing` biases towards joins, otherwise towards leaves.
  void Step(bool growing) {
    const std::uint64_t kind = rng_.UniformIndex(10);
    if (ids_.empty() || kind < (growing ? 5u : 2u)) return Join();
    const std::size_t pick = rng_.UniformIndex(ids_.size());
    if (kind < 7) return Leave(pick);
    const PeerId id = ids_[pick];
    if (kind < 9) {
      const auto position = static_cast<SegmentSeq>(rng_.UniformIndex(20)) - 2;
      ASSERT_TRUE(swarm_.UpdatePosition(id, position).ok());
      model_[id].position_seq = position;
    } else {
      const auto capacity = static_cast<std::int64_t>(rng_.UniformIndex(50'000'000));
      ASSERT_TRUE(swarm_.UpdateCapacity(id, capacity).ok());
      model_[id].upload_capacity_bps = capacity;
    }
  }

  // Every member matches the model field by field.
  void ExpectMatchesModel() const {
    ASSERT_EQ(swarm_.size(), model_.size());
    for (const auto& [id, peer] : model_) {
      const SwarmMember* found = swarm_.Find(id);
      ASSERT_NE(found, nullptr) << id;
      EXPECT_EQ(found->position_seq, peer.position_seq);
      EXPECT_EQ(found->upload_capacity_bps, peer.upload_capacity_bps);
      EXPECT_EQ(found->isp, peer.isp);
      EXPECT_EQ(found->nat, peer.nat);
    }
  }

  const Swarm& swarm() const { return swarm_; }
  const std::map<PeerId, SwarmMember>& model() const { return model_; }
  Rng& rng() { return rng_; }

 private:
  void Join() {
    const SwarmMember peer = RandomPeer(next_id_++, rng_, 4, 12);
    ASSERT_TRUE(swarm_.Join(peer).ok());
    model_[peer.id] = peer;
    ids_.push_back(peer.id);
  }
  void Leave(std::size_t pick) {
    ASSERT_TRUE(swarm_.Leave(ids_[pick]).ok());
    model_.erase(ids_[pick]);
    ids_[pick] = ids_.back();
    ids_.pop_back();
  }

  Rng rng_;
  Swarm swarm_;
  std::map<PeerId, SwarmMember> model_;
  std::vector<PeerId> ids_;
  PeerId next_id_ = 1;
};

TEST(SwarmChurnTest, IndexesStayConsistentThroughGrowthAndShrinkage) {
  ChurnHarness harness(2024);
  for (int op = 0; op < 6000; ++op) {
    harness.Step(/*growing=*/op < 3000);
    if (op % 7 == 0) {
      const Status status = harness.swarm().CheckConsistency();
      ASSERT_TRUE(status.ok()) << "op " << op << ": " << status.message();
    }
  }
  ASSERT_TRUE(harness.swarm().CheckConsistency().ok());
  harness.ExpectMatchesModel();
}

// Brute force over the model: the k-th smallest distance, capacity class and position gap.
struct ModelAnswer {
  double kth_km = 0;
  int kth_capacity_class = 0;
  SegmentSeq kth_gap = 0;
};

ModelAnswer BruteForce(const std::map<PeerId, SwarmMember>& model,
                       const SwarmMember& requester, std::size_t k) {
  std::vector<double> km;
  std::vector<int> classes;
  std::vector<SegmentSeq> gaps;
  for (const auto& [id, peer] : model) {
    if (id == requester.id || !NatPairConnectable(requester.nat, peer.nat)) continue;
    km.push_back(GreatCircleDistanceKm(requester.location, peer.location));
    classes.push_back(CapacityClassOf(UsableUploadBps(peer), 4));
    gaps.push_back(std::abs(peer.position_seq - requester.position_seq));
  }
  EXPECT_GE(km.size(), k);
  std::sort(km.begin(), km.end());
  std::sort(classes.rbegin(), classes.rend());
  std::sort(gaps.begin(), gaps.end());
  return {km[k - 1], classes[k - 1], gaps[k - 1]};
}

TEST(SwarmChurnTest, QueriesAgreeWithBruteForceOverTheModel) {
  ChurnHarness harness(77);
  for (int op = 0; op < 4000; ++op) harness.Step(/*growing=*/op % 1000 < 700);
  const Swarm& swarm = harness.swarm();
  ASSERT_GT(swarm.size(), 500u);
  constexpr std::size_t kK = 15;
  for (int request = 0; request < 60; ++request) {
    const SwarmMember requester =
        swarm.member(static_cast<MemberSlot>(harness.rng().UniformIndex(swarm.size())));
    const ModelAnswer want = BruteForce(harness.model(), requester, kK);
    double farthest_km = 0;
    for (const PeerId id : NearestPolicy().Match(swarm, requester, kK, harness.rng())) {
      farthest_km = std::max(
          farthest_km, GreatCircleDistanceKm(requester.location, harness.model().at(id).location));
    }
    EXPECT_NEAR(farthest_km, want.kth_km, 1e-6);
    const RequesterView who = ViewOf(swarm, requester);
    CandidateSet top(who.slot, kK);
    CollectTopCapacity(swarm, who, kK, /*include_non_uploaders=*/true, harness.rng(), &top);
    for (const MemberSlot slot : top.slots()) {
      EXPECT_GE(CapacityClassOf(UsableUploadBps(harness.model().at(swarm.member(slot).id)), 4),
                want.kth_capacity_class);
    }
    for (const PeerId id : PositionPolicy().Match(swarm, requester, kK, harness.rng())) {
      EXPECT_LE(std::abs(harness.model().at(id).position_seq - requester.position_seq),
                want.kth_gap);
    }
  }
}

}  // namespace
}  // namespace cdnmesh
