// Tracker: policy configuration, joins, announces (candidates, swarm size, rendition moves) and
// leaves over core's SwarmRegistry.
#include "models/tracker/tracker.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include <ns3/ptr.h>
#include <ns3/simulator.h>

#include "core/matching/policy_factory.h"

namespace cdnmesh {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;

PeerDescriptor MakePeer(PeerId id, IspId isp = 0, NatType nat = NatType::kOpen,
                        SegmentSeq position = 0) {
  PeerDescriptor peer;
  peer.id = id;
  peer.isp = isp;
  // Spread peers over a small area so that geo policies have distinct distances.
  peer.location = {45.0 + 0.01 * static_cast<double>(id % 50),
                   5.0 + 0.01 * static_cast<double>(id / 50)};
  peer.device = DeviceClass::kDesktop;
  peer.nat = nat;
  peer.upload_capacity_bps = 1'000'000 + 100'000 * static_cast<std::int64_t>(id % 7);
  peer.position_seq = position;
  return peer;
}

class TrackerTest : public ::testing::Test {
 protected:
  void TearDown() override { ns3::Simulator::Destroy(); }

  ns3::Ptr<Tracker> MakeTracker(const std::string& policy, int peers_per_request,
                                std::uint64_t seed = 42) {
    ns3::Ptr<Tracker> tracker = ns3::CreateObject<Tracker>();
    TrackerConfig config;
    config.policy = policy;
    config.peers_per_request = peers_per_request;
    const Status status = tracker->Configure(config, seed);
    EXPECT_TRUE(status.ok()) << status.message();
    return tracker;
  }
};

TEST_F(TrackerTest, UnknownPolicyIsAnErrorNamingTrackerPolicy) {
  ns3::Ptr<Tracker> tracker = ns3::CreateObject<Tracker>();
  TrackerConfig config;
  config.policy = "fastest";
  const Status status = tracker->Configure(config, 1);
  ASSERT_FALSE(status.ok());
  EXPECT_THAT(status.message(), StartsWith("tracker: policy"));
  EXPECT_THAT(status.message(), HasSubstr("fastest"));
}

TEST_F(TrackerTest, EveryKnownPolicyConfigures) {
  for (const std::string_view name : MatchingPolicyNames()) {
    ns3::Ptr<Tracker> tracker = ns3::CreateObject<Tracker>();
    TrackerConfig config;
    config.policy = std::string(name);
    const Status status = tracker->Configure(config, 1);
    EXPECT_TRUE(status.ok()) << name << ": " << status.message();
  }
}

TEST_F(TrackerTest, AnnounceReturnsAtMostKOthersNeverTheRequesterForEveryPolicy) {
  constexpr int kPeers = 60;
  constexpr int kK = 8;
  const SwarmKey key{3, 1};
  for (const std::string_view name : MatchingPolicyNames()) {
    SCOPED_TRACE(std::string(name));
    ns3::Ptr<Tracker> tracker = MakeTracker(std::string(name), kK);
    for (PeerId id = 0; id < kPeers; ++id) tracker->Join(MakePeer(id, id % 3, NatType::kOpen), key);
    for (PeerId id = 0; id < kPeers; ++id) {
      std::vector<PeerId> candidates = {999'999};  // replaced, not appended to
      const int size = tracker->Announce(MakePeer(id, id % 3), key, key, &candidates);
      EXPECT_EQ(size, kPeers);
      // 59 connectable others: every policy fills all K slots.
      ASSERT_EQ(candidates.size(), static_cast<std::size_t>(kK));
      EXPECT_EQ(std::count(candidates.begin(), candidates.end(), id), 0);
      const std::set<PeerId> distinct(candidates.begin(), candidates.end());
      EXPECT_EQ(distinct.size(), candidates.size());
      for (const PeerId c : candidates) EXPECT_LT(c, static_cast<PeerId>(kPeers));
    }
  }
}

TEST_F(TrackerTest, SmallSwarmReturnsEveryOtherMember) {
  ns3::Ptr<Tracker> tracker = MakeTracker("random", 20);
  const SwarmKey key{1, 0};
  for (PeerId id = 10; id < 13; ++id) tracker->Join(MakePeer(id), key);
  std::vector<PeerId> candidates;
  EXPECT_EQ(tracker->Announce(MakePeer(11), key, key, &candidates), 3);
  std::sort(candidates.begin(), candidates.end());
  EXPECT_EQ(candidates, (std::vector<PeerId>{10, 12}));
}

TEST_F(TrackerTest, AloneInTheSwarmGetsNoCandidates) {
  ns3::Ptr<Tracker> tracker = MakeTracker("hybrid", 5);
  const SwarmKey key{1, 0};
  tracker->Join(MakePeer(1), key);
  std::vector<PeerId> candidates = {7};
  EXPECT_EQ(tracker->Announce(MakePeer(1), key, key, &candidates), 1);
  EXPECT_TRUE(candidates.empty());
}

TEST_F(TrackerTest, SymmetricNatRequesterGetsOnlyConnectablePeers) {
  ns3::Ptr<Tracker> tracker = MakeTracker("random", 50);
  const SwarmKey key{1, 0};
  // Ids 0..39 cycle through the four NAT types; the requester (id 100) is symmetric.
  for (PeerId id = 0; id < 40; ++id) tracker->Join(MakePeer(id, 0, static_cast<NatType>(id % 4)), key);
  const PeerDescriptor requester = MakePeer(100, 0, NatType::kSymmetric);
  tracker->Join(requester, key);
  std::vector<PeerId> candidates;
  EXPECT_EQ(tracker->Announce(requester, key, key, &candidates), 41);
  // Connectable with symmetric: open and restricted cone, 10 of each.
  EXPECT_EQ(candidates.size(), 20u);
  for (const PeerId c : candidates) {
    const NatType nat = static_cast<NatType>(c % 4);
    EXPECT_TRUE(nat == NatType::kOpen || nat == NatType::kRestrictedCone) << c;
  }
}

TEST_F(TrackerTest, ChangingRenditionMovesThePeerBetweenSwarms) {
  ns3::Ptr<Tracker> tracker = MakeTracker("random", 10);
  const SwarmKey low{5, 0};
  const SwarmKey high{5, 2};
  for (PeerId id = 0; id < 4; ++id) tracker->Join(MakePeer(id), low);
  for (PeerId id = 10; id < 13; ++id) tracker->Join(MakePeer(id), high);
  EXPECT_EQ(tracker->member_count(), 7u);
  EXPECT_EQ(tracker->swarm_count(), 2u);

  // Peer 0 switches up: high has 4 members, low 3; its candidates come from high only.
  std::vector<PeerId> candidates;
  EXPECT_EQ(tracker->Announce(MakePeer(0), low, high, &candidates), 4);
  std::sort(candidates.begin(), candidates.end());
  EXPECT_EQ(candidates, (std::vector<PeerId>{10, 11, 12}));
  EXPECT_EQ(tracker->member_count(), 7u);
  EXPECT_EQ(tracker->swarm_count(), 2u);

  // Another peer in low now sees 3 members and not peer 0.
  EXPECT_EQ(tracker->Announce(MakePeer(1), low, low, &candidates), 3);
  std::sort(candidates.begin(), candidates.end());
  EXPECT_EQ(candidates, (std::vector<PeerId>{2, 3}));
}

TEST_F(TrackerTest, MovingTheLastMemberDropsTheOldSwarm) {
  ns3::Ptr<Tracker> tracker = MakeTracker("random", 10);
  const SwarmKey a{1, 0};
  const SwarmKey b{2, 0};
  tracker->Join(MakePeer(1), a);
  std::vector<PeerId> candidates;
  EXPECT_EQ(tracker->Announce(MakePeer(1), a, b, &candidates), 1);
  EXPECT_EQ(tracker->swarm_count(), 1u);
  EXPECT_EQ(tracker->member_count(), 1u);
  // Back again: a is recreated, b dropped.
  EXPECT_EQ(tracker->Announce(MakePeer(1), b, a, &candidates), 1);
  EXPECT_EQ(tracker->swarm_count(), 1u);
}

TEST_F(TrackerTest, LeaveRemovesThePeer) {
  ns3::Ptr<Tracker> tracker = MakeTracker("random", 10);
  const SwarmKey key{1, 0};
  for (PeerId id = 0; id < 3; ++id) tracker->Join(MakePeer(id), key);
  tracker->Leave(2, key);
  EXPECT_EQ(tracker->member_count(), 2u);
  std::vector<PeerId> candidates;
  EXPECT_EQ(tracker->Announce(MakePeer(0), key, key, &candidates), 2);
  EXPECT_EQ(candidates, (std::vector<PeerId>{1}));
  tracker->Leave(0, key);
  tracker->Leave(1, key);
  EXPECT_EQ(tracker->member_count(), 0u);
  EXPECT_EQ(tracker->swarm_count(), 0u);
}

TEST_F(TrackerTest, RequestsCountJoinsAnnouncesAndLeaves) {
  ns3::Ptr<Tracker> tracker = MakeTracker("hybrid", 4);
  const SwarmKey key{1, 0};
  EXPECT_EQ(tracker->requests(), 0u);
  for (PeerId id = 0; id < 5; ++id) tracker->Join(MakePeer(id), key);
  EXPECT_EQ(tracker->requests(), 5u);
  std::vector<PeerId> candidates;
  for (int i = 0; i < 3; ++i) tracker->Announce(MakePeer(1), key, key, &candidates);
  EXPECT_EQ(tracker->requests(), 8u);
  tracker->Leave(4, key);
  tracker->Leave(3, key);
  EXPECT_EQ(tracker->requests(), 10u);
}

TEST_F(TrackerTest, SameSeedGivesSameCandidates) {
  const SwarmKey key{1, 0};
  auto run = [&](std::uint64_t seed) {
    ns3::Ptr<Tracker> tracker = MakeTracker("random", 5, seed);
    for (PeerId id = 0; id < 200; ++id) tracker->Join(MakePeer(id), key);
    std::vector<PeerId> all;
    std::vector<PeerId> candidates;
    for (PeerId id = 0; id < 20; ++id) {
      tracker->Announce(MakePeer(id), key, key, &candidates);
      all.insert(all.end(), candidates.begin(), candidates.end());
    }
    return all;
  };
  const std::vector<PeerId> first = run(7);
  EXPECT_EQ(first.size(), 100u);
  EXPECT_EQ(first, run(7));
  EXPECT_NE(first, run(8));
}

// Configuration is outside input: a negative K comes back as an error value.
TEST_F(TrackerTest, NegativePeersPerRequestIsAConfigurationError) {
  ns3::Ptr<Tracker> tracker = ns3::CreateObject<Tracker>();
  TrackerConfig config;
  config.policy = "random";
  config.peers_per_request = -1;
  const Status status = tracker->Configure(config, 1);
  ASSERT_FALSE(status.ok()) << "Configure accepted peers_per_request = -1";
  EXPECT_THAT(status.message(), HasSubstr("tracker.peers_per_request"));
}

}  // namespace
}  // namespace cdnmesh
