// The tracker service: joins checked by session token, peer lists bounded by K without the
// requester under every policy, announces that move swarms, leaves, determinism, and settings
// errors that name their key.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <memory>
#include <set>
#include <string>

#include "core/services/tracker_service.h"
#include "tests/core/services/services_test_util.h"

namespace cdnmesh::testing {
namespace {

using ::testing::HasSubstr;
using protocol::ServiceErrorCode;

constexpr ContentId kContent = 7;
constexpr TimeUs kNowUs = 10 * kUsPerSecond;

std::unique_ptr<TrackerService> MakeTracker(const SessionTokens& tokens,
                                            const std::string& policy = "random", int k = 5,
                                            std::uint64_t seed = 1) {
  TrackerServiceConfig config;
  config.policy = policy;
  config.peers_per_request = k;
  auto tracker = TrackerService::Create(config, tokens, seed);
  EXPECT_TRUE(tracker.ok()) << (tracker.ok() ? "" : tracker.error().message);
  return std::move(tracker).value();
}

// Joins connection `peer` (profile i = peer) with a fresh valid token; returns the answers.
OutgoingList Join(TrackerService& tracker, const SessionTokens& tokens, PeerId peer,
                  RenditionIndex rendition = 0, TimeUs now_us = kNowUs) {
  OutgoingList out;
  tracker.OnMessage(now_us, peer, JoinMessage(tokens.Issue(now_us, peer), static_cast<int>(peer),
                                              kContent, rendition, 100 + peer),
                    &out);
  return out;
}

// Checks one PeerList answer to `requester`: at most K distinct others, and the swarm size.
void ExpectValidList(const OutgoingList& out, PeerId requester, int k, std::size_t members) {
  const auto lists = MessagesOf<protocol::PeerList>(out);
  ASSERT_EQ(lists.size(), 1u);
  const protocol::PeerList& list = lists[0];
  std::set<PeerId> seen;
  for (const protocol::PeerDescriptor& d : list.peers) {
    EXPECT_NE(d.peer, requester) << "the requester is listed to itself";
    EXPECT_TRUE(seen.insert(d.peer).second) << "peer " << d.peer << " listed twice";
  }
  const std::size_t expected = std::min<std::size_t>(static_cast<std::size_t>(k), members - 1);
  EXPECT_EQ(list.peers.size(), expected) << "members " << members;
  EXPECT_EQ(list.swarm_size, members);
  for (const Outgoing& o : out) EXPECT_EQ(o.to, requester);
}

TEST(TrackerServiceTest, ValidJoinAnswersSwarmJoinedThenPeerList) {
  const SessionTokens tokens = TestTokens();
  auto tracker = MakeTracker(tokens);
  Join(*tracker, tokens, 1);
  const OutgoingList out = Join(*tracker, tokens, 2);
  ASSERT_EQ(out.size(), 2u);
  const auto* joined = std::get_if<protocol::SwarmJoined>(&out[0].message);
  ASSERT_NE(joined, nullptr) << "SwarmJoined must come first";
  EXPECT_EQ(joined->peer, 2u);
  EXPECT_EQ(joined->announce_interval_ms, 30'000u);
  const auto* list = std::get_if<protocol::PeerList>(&out[1].message);
  ASSERT_NE(list, nullptr);
  ASSERT_EQ(list->peers.size(), 1u);
  EXPECT_EQ(list->peers[0].peer, 1u);
  EXPECT_EQ(list->peers[0].profile, ProfileOf(1));
  EXPECT_EQ(list->peers[0].position, 101);
  EXPECT_EQ(list->content, kContent);
  EXPECT_EQ(tracker->member_count(), 2u);
}

TEST(TrackerServiceTest, TamperedOrForeignTokensAreUnauthorized) {
  const SessionTokens tokens = TestTokens();
  const SessionTokens foreign(kSecret + 1, kTokenLifetimeUs);
  auto tracker = MakeTracker(tokens);
  auto tampered = tokens.Issue(kNowUs, 1);
  tampered[3] ^= 0x10;
  const std::vector<std::vector<std::uint8_t>> bad = {
      {}, tampered, foreign.Issue(kNowUs, 1), std::vector<std::uint8_t>(kSessionTokenBytes, 0)};
  for (const auto& token : bad) {
    OutgoingList out;
    tracker->OnMessage(kNowUs, 1, JoinMessage(token, 1), &out);
    EXPECT_EQ(OnlyErrorCode(out, 1), ServiceErrorCode::kUnauthorized);
  }
  EXPECT_EQ(tracker->member_count(), 0u);
  EXPECT_EQ(tracker->stats().refused, bad.size());
}

struct ExpiryCase {
  DurationUs offset_us;  // join time relative to the token's expiry
  bool joins;
};

class TrackerTokenExpiryTest : public ::testing::TestWithParam<ExpiryCase> {};

TEST_P(TrackerTokenExpiryTest, JoinOnlyBeforeExpiry) {
  const SessionTokens tokens = TestTokens();
  auto tracker = MakeTracker(tokens);
  const auto token = tokens.Issue(0, 1);
  OutgoingList out;
  tracker->OnMessage(kTokenLifetimeUs + GetParam().offset_us, 1, JoinMessage(token, 1), &out);
  if (GetParam().joins) {
    EXPECT_EQ(MessagesOf<protocol::SwarmJoined>(out).size(), 1u);
    EXPECT_EQ(tracker->member_count(), 1u);
  } else {
    EXPECT_EQ(OnlyErrorCode(out, 1), ServiceErrorCode::kUnauthorized);
    EXPECT_EQ(tracker->member_count(), 0u);
  }
}

INSTANTIATE_TEST_SUITE_P(Threshold, TrackerTokenExpiryTest,
                         ::testing::Values(ExpiryCase{-1, true}, ExpiryCase{0, false},
                                           ExpiryCase{1, false}));

class TrackerPolicyTest : public ::testing::TestWithParam<const char*> {};

TEST_P(TrackerPolicyTest, ListsAtMostKOthersAndTheSwarmSize) {
  const SessionTokens tokens = TestTokens();
  constexpr int kK = 5;
  auto tracker = MakeTracker(tokens, GetParam(), kK);
  for (PeerId peer = 1; peer <= 20; ++peer) {
    ExpectValidList(Join(*tracker, tokens, peer), peer, kK, peer);
  }
  for (PeerId peer = 1; peer <= 20; ++peer) {
    OutgoingList out;
    tracker->OnMessage(kNowUs, peer, AnnounceMessage(peer), &out);
    ExpectValidList(out, peer, kK, 20);
  }
}

INSTANTIATE_TEST_SUITE_P(Policies, TrackerPolicyTest,
                         ::testing::Values("random", "same_isp", "nearest", "capacity", "position",
                                           "hybrid"));

struct KCase {
  int k;
  std::size_t members;  // the swarm, requester included
};

class TrackerListSizeTest : public ::testing::TestWithParam<KCase> {};

TEST_P(TrackerListSizeTest, ListIsMinOfKAndOthers) {
  // Others = K - 1, K, K + 1: the list is short, exactly full, then capped.
  const SessionTokens tokens = TestTokens();
  auto tracker = MakeTracker(tokens, "random", GetParam().k);
  for (PeerId peer = 1; peer < GetParam().members; ++peer) Join(*tracker, tokens, peer);
  const auto last = static_cast<PeerId>(GetParam().members);
  ExpectValidList(Join(*tracker, tokens, last), last, GetParam().k, GetParam().members);
}

INSTANTIATE_TEST_SUITE_P(Threshold, TrackerListSizeTest,
                         ::testing::Values(KCase{4, 4}, KCase{4, 5}, KCase{4, 6}, KCase{0, 3},
                                           KCase{1, 1}));

class TrackerWantedPeersTest : public ::testing::TestWithParam<int> {};

TEST_P(TrackerWantedPeersTest, AnnounceListsNoMoreThanTheViewerWants) {
  // Announce.wanted_peers: "how many new peers to list"; a full viewer asks for none.
  const SessionTokens tokens = TestTokens();
  constexpr int kK = 5;
  auto tracker = MakeTracker(tokens, "random", kK);
  for (PeerId peer = 1; peer <= 10; ++peer) Join(*tracker, tokens, peer);
  protocol::Announce announce = AnnounceMessage(1);
  announce.wanted_peers = static_cast<std::uint16_t>(GetParam());
  OutgoingList out;
  tracker->OnMessage(kNowUs, 1, announce, &out);
  const auto lists = MessagesOf<protocol::PeerList>(out);
  ASSERT_EQ(lists.size(), 1u);
  EXPECT_EQ(static_cast<int>(lists[0].peers.size()), std::min(GetParam(), kK));
}

INSTANTIATE_TEST_SUITE_P(Threshold, TrackerWantedPeersTest, ::testing::Values(0, 4, 5, 6));

TEST(TrackerServiceTest, AnnounceBeforeJoinIsUnknownPeer) {
  const SessionTokens tokens = TestTokens();
  auto tracker = MakeTracker(tokens);
  OutgoingList out;
  tracker->OnMessage(kNowUs, 3, AnnounceMessage(3), &out);
  EXPECT_EQ(OnlyErrorCode(out, 3), ServiceErrorCode::kUnknownPeer);
  EXPECT_EQ(tracker->member_count(), 0u);
}

TEST(TrackerServiceTest, AnnounceInAnotherPeersNameIsUnknownPeer) {
  const SessionTokens tokens = TestTokens();
  auto tracker = MakeTracker(tokens);
  Join(*tracker, tokens, 1);
  Join(*tracker, tokens, 2);
  OutgoingList out;
  tracker->OnMessage(kNowUs, 2, AnnounceMessage(/*peer=*/1, kContent, /*rendition=*/2), &out);
  EXPECT_EQ(OnlyErrorCode(out, 2), ServiceErrorCode::kUnknownPeer);
  EXPECT_EQ(tracker->swarm_size({kContent, 0}), 2u) << "peer 1 must not have been moved";
}

TEST(TrackerServiceTest, AnnounceWithAnotherRenditionMovesTheSwarm) {
  const SessionTokens tokens = TestTokens();
  auto tracker = MakeTracker(tokens);
  for (PeerId peer = 1; peer <= 4; ++peer) Join(*tracker, tokens, peer);
  ASSERT_EQ(tracker->swarm_size({kContent, 0}), 4u);
  OutgoingList out;
  tracker->OnMessage(kNowUs, 2, AnnounceMessage(2, kContent, /*rendition=*/1), &out);
  EXPECT_EQ(tracker->swarm_size({kContent, 0}), 3u);
  EXPECT_EQ(tracker->swarm_size({kContent, 1}), 1u);
  EXPECT_EQ(tracker->swarm_count(), 2u);
  const auto lists = MessagesOf<protocol::PeerList>(out);
  ASSERT_EQ(lists.size(), 1u);
  EXPECT_EQ(lists[0].rendition, 1);
  EXPECT_TRUE(lists[0].peers.empty()) << "alone in the new swarm";
  EXPECT_EQ(lists[0].swarm_size, 1u);
  // Peers of the old swarm no longer see it.
  OutgoingList old;
  tracker->OnMessage(kNowUs, 1, AnnounceMessage(1), &old);
  const auto old_lists = MessagesOf<protocol::PeerList>(old);
  ASSERT_EQ(old_lists.size(), 1u);
  for (const auto& d : old_lists[0].peers) EXPECT_NE(d.peer, 2u);
}

TEST(TrackerServiceTest, LeaveAndDisconnectRemoveTheMember) {
  const SessionTokens tokens = TestTokens();
  auto tracker = MakeTracker(tokens);
  for (PeerId peer = 1; peer <= 3; ++peer) Join(*tracker, tokens, peer);
  OutgoingList out;
  protocol::Leave leave;
  leave.peer = 1;
  tracker->OnMessage(kNowUs, 1, leave, &out);
  EXPECT_TRUE(out.empty());
  EXPECT_EQ(tracker->swarm_size({kContent, 0}), 2u);
  tracker->OnDisconnect(2);
  EXPECT_EQ(tracker->swarm_size({kContent, 0}), 1u);
  EXPECT_EQ(tracker->member_count(), 1u);
  const OutgoingList rejoin = Join(*tracker, tokens, 4);
  const auto lists = MessagesOf<protocol::PeerList>(rejoin);
  ASSERT_EQ(lists.size(), 1u);
  ASSERT_EQ(lists[0].peers.size(), 1u);
  EXPECT_EQ(lists[0].peers[0].peer, 3u) << "only the remaining member is listed";
  OutgoingList after;
  tracker->OnMessage(kNowUs, 1, AnnounceMessage(1), &after);
  EXPECT_EQ(OnlyErrorCode(after, 1), ServiceErrorCode::kUnknownPeer);
}

TEST(TrackerServiceTest, SecondJoinMovesInsteadOfDuplicating) {
  const SessionTokens tokens = TestTokens();
  auto tracker = MakeTracker(tokens);
  Join(*tracker, tokens, 1);
  Join(*tracker, tokens, 1, /*rendition=*/2);
  EXPECT_EQ(tracker->member_count(), 1u);
  EXPECT_EQ(tracker->swarm_size({kContent, 0}), 0u);
  EXPECT_EQ(tracker->swarm_size({kContent, 2}), 1u);
}

TEST(TrackerServiceTest, NonTrackerMessageIsBadRequest) {
  const SessionTokens tokens = TestTokens();
  auto tracker = MakeTracker(tokens);
  OutgoingList out;
  tracker->OnMessage(kNowUs, 1, protocol::Have{}, &out);
  EXPECT_EQ(OnlyErrorCode(out, 1), ServiceErrorCode::kBadRequest);
}

TEST(TrackerServiceTest, SameSeedGivesTheSameCandidates) {
  const SessionTokens tokens = TestTokens();
  auto run = [&](std::uint64_t seed) {
    auto tracker = MakeTracker(tokens, "random", 4, seed);
    std::vector<protocol::PeerList> lists;
    for (PeerId peer = 1; peer <= 30; ++peer) {
      for (const auto& l : MessagesOf<protocol::PeerList>(Join(*tracker, tokens, peer))) {
        lists.push_back(l);
      }
    }
    return lists;
  };
  EXPECT_EQ(run(11), run(11));
  EXPECT_NE(run(11), run(12)) << "the seed must matter for the random policy";
}

// 20 viewers of ISP 1 uploading 100 kbps and 20 of ISP 2 uploading 20 Mbps join at kNowUs;
// each later announces `downloaded_bytes` in total. Returns how many of the answer to an ISP-1
// announcer `elapsed_us` after the join are in ISP 1.
int SameIspCandidatesAfterDemand(std::uint64_t downloaded_bytes, DurationUs elapsed_us) {
  const SessionTokens tokens = TestTokens();
  auto tracker = MakeTracker(tokens, "same_isp", 10);
  auto upload_of = [](PeerId peer) -> std::uint64_t { return peer <= 20 ? 100'000 : 20'000'000; };
  for (PeerId peer = 1; peer <= 40; ++peer) {
    protocol::JoinSwarm join = JoinMessage(tokens.Issue(kNowUs, peer), static_cast<int>(peer));
    join.profile.isp = peer <= 20 ? 1 : 2;
    join.profile.upload_capacity_bps = upload_of(peer);
    OutgoingList out;
    tracker->OnMessage(kNowUs, peer, join, &out);
  }
  for (PeerId peer = 1; peer <= 40; ++peer) {
    protocol::Announce announce = AnnounceMessage(peer);
    announce.upload_capacity_bps = upload_of(peer);
    announce.downloaded_cdn_bytes = downloaded_bytes / 4;
    announce.downloaded_p2p_bytes = downloaded_bytes - downloaded_bytes / 4;
    OutgoingList out;
    tracker->OnMessage(kNowUs + elapsed_us, peer, announce, &out);
  }
  // Viewer 1 again, once everyone's demand is measured (too soon to measure its own again).
  protocol::Announce again = AnnounceMessage(1);
  again.upload_capacity_bps = upload_of(1);
  again.downloaded_cdn_bytes = downloaded_bytes;
  OutgoingList out;
  tracker->OnMessage(kNowUs + elapsed_us, 1, again, &out);
  const auto lists = MessagesOf<protocol::PeerList>(out);
  EXPECT_EQ(lists.size(), 1u);
  int inside = 0;
  for (const auto& d : lists.at(0).peers) inside += d.profile.isp == 1;
  EXPECT_EQ(lists.at(0).peers.size(), 10u);
  return inside;
}

TEST(TrackerServiceTest, MeasuresDemandBetweenAnnouncesAndKeepsPoorIspsLocalOnlyAsSupplied) {
  // 12.5 MB in 20 s = 5 Mbps each; ISP 1's share = 20 x 0.1 / (20 x 5 x 1.5) = 0.027: none of
  // 10 by locality (a capacity draw lands in ISP 1 at odds 2 / 402).
  EXPECT_LE(SameIspCandidatesAfterDemand(12'500'000, 20 * kUsPerSecond), 1);
  // Nothing downloaded: no demand, every candidate local.
  EXPECT_EQ(SameIspCandidatesAfterDemand(0, 20 * kUsPerSecond), 10);
  // Under a second since the join is too short to measure: still local.
  EXPECT_EQ(SameIspCandidatesAfterDemand(12'500'000, kUsPerSecond - 1), 10);
  // 250 kB in 20 s = 100 kbps each: share = 2 / (20 x 0.1 x 1.5) = 2/3, 7 of 10 by locality.
  const int two_thirds = SameIspCandidatesAfterDemand(250'000, 20 * kUsPerSecond);
  EXPECT_GE(two_thirds, 7);
  EXPECT_LE(two_thirds, 8);
}

TEST(TrackerServiceTest, UnknownPolicyIsAnErrorNamingTheKey) {
  const SessionTokens tokens = TestTokens();
  TrackerServiceConfig config;
  config.policy = "fastest";
  auto tracker = TrackerService::Create(config, tokens, 1);
  ASSERT_FALSE(tracker.ok());
  EXPECT_THAT(tracker.error().message, HasSubstr("fastest"));
  // The scenario key path, as for tracker.peers_per_request.
  EXPECT_THAT(tracker.error().message, HasSubstr("tracker.policy"));
}

struct PeersPerRequestCase {
  int k;
  bool ok;
};

class TrackerPeersPerRequestTest : public ::testing::TestWithParam<PeersPerRequestCase> {};

TEST_P(TrackerPeersPerRequestTest, RangeIsZeroToMaxPeersPerList) {
  const SessionTokens tokens = TestTokens();
  TrackerServiceConfig config;
  config.peers_per_request = GetParam().k;
  auto tracker = TrackerService::Create(config, tokens, 1);
  ASSERT_EQ(tracker.ok(), GetParam().ok);
  if (!GetParam().ok) {
    EXPECT_THAT(tracker.error().message, HasSubstr("tracker.peers_per_request"));
  }
}

constexpr int kMaxK = static_cast<int>(protocol::kMaxPeersPerList);
INSTANTIATE_TEST_SUITE_P(Threshold, TrackerPeersPerRequestTest,
                         ::testing::Values(PeersPerRequestCase{-1, false},
                                           PeersPerRequestCase{0, true},
                                           PeersPerRequestCase{1, true},
                                           PeersPerRequestCase{kMaxK - 1, true},
                                           PeersPerRequestCase{kMaxK, true},
                                           PeersPerRequestCase{kMaxK + 1, false}));

TEST(TrackerServiceTest, InvalidMatchingSettingIsAnErrorNamingTheKey) {
  const SessionTokens tokens = TestTokens();
  TrackerServiceConfig config;
  config.matching.hybrid.pool_multiplier = 0;
  auto tracker = TrackerService::Create(config, tokens, 1);
  ASSERT_FALSE(tracker.ok());
  EXPECT_THAT(tracker.error().message, HasSubstr("tracker.hybrid.pool_multiplier"));
}

}  // namespace
}  // namespace cdnmesh::testing
