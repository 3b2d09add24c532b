// OnPeerMisbehaved: a peer that sent bad segment bytes loses its channel and its downloads and
// is never dialled or accepted again; table-driven over the stage its link was in.
#include <gtest/gtest.h>

#include <algorithm>

#include "tests/core/client/client_solo.h"

namespace cdnmesh::testing {
namespace {

constexpr PeerId kCheat = 600;

enum class Stage { kNone, kOffered, kAnswered, kOpen };

struct BanCase {
  const char* name;
  Stage stage;
  bool expect_disconnect;  // the host is told to close a channel or set-up
};

// Brings the link with kCheat to `stage`.
void Reach(Solo& s, Stage stage) {
  if (stage == Stage::kOffered) s.List({kCheat});
  if (stage == Stage::kAnswered) s.Offer(kCheat, 41);
  if (stage == Stage::kOpen) s.Accept(kCheat);
  s.Drain();
}

int CountTo(const std::vector<ClientAction>& actions, ClientActionType type, PeerId peer) {
  return static_cast<int>(std::count_if(actions.begin(), actions.end(), [&](const ClientAction& a) {
    return a.type == type && a.peer == peer;
  }));
}

class ClientBanTest : public ::testing::TestWithParam<BanCase> {};

TEST_P(ClientBanTest, BannedPeerIsDroppedAndNeverAgain) {
  Solo s(LeecherConfig());
  Reach(s, GetParam().stage);
  s.client->OnPeerMisbehaved(s.now_us, kCheat);
  const std::vector<ClientAction> out = s.Drain();
  EXPECT_EQ(CountTo(out, ClientActionType::kDisconnect, kCheat),
            GetParam().expect_disconnect ? 1 : 0);
  EXPECT_EQ(s.client->connections().Find(kCheat), nullptr);
  EXPECT_TRUE(s.client->IsBanned(kCheat));
  EXPECT_EQ(s.client->stats().peers_banned, 1);

  const std::size_t offers_before = s.Sent<protocol::SignalOffer>().size();
  s.List({kCheat});  // listed again: not dialled
  EXPECT_EQ(s.Sent<protocol::SignalOffer>().size(), offers_before);
  s.Offer(kCheat, 99);  // offers again: declined
  s.Drain();
  const auto answers = s.Sent<protocol::SignalAnswer>();
  ASSERT_FALSE(answers.empty());
  EXPECT_EQ(answers.back().session_id, 99u);
  EXPECT_FALSE(answers.back().accepted);
  s.client->OnChannelOpen(s.now_us, kCheat);  // a channel it forces open is closed at once
  EXPECT_EQ(CountTo(s.Drain(), ClientActionType::kDisconnect, kCheat), 1);
  EXPECT_FALSE(s.client->connections().IsOpen(kCheat));

  s.client->OnPeerMisbehaved(s.now_us, kCheat);  // a second report changes nothing
  EXPECT_EQ(s.client->stats().peers_banned, 1);
}

INSTANTIATE_TEST_SUITE_P(Stages, ClientBanTest,
                         ::testing::Values(BanCase{"NoLink", Stage::kNone, false},
                                           BanCase{"Offered", Stage::kOffered, true},
                                           BanCase{"Answered", Stage::kAnswered, true},
                                           BanCase{"Open", Stage::kOpen, true}),
                         [](const ::testing::TestParamInfo<BanCase>& param_info) {
                           return param_info.param.name;
                         });

// A download in flight from the banned peer is forgotten and the segment asked elsewhere.
TEST(ClientBanRuleTest, DownloadsFromTheBannedPeerEnd) {
  Solo s(LeecherConfig());
  s.Accept(kCheat);
  s.Accept(kCheat + 1);
  s.Drain();
  protocol::HaveRange range;
  range.rendition = 0;
  range.first_seq = 20;
  range.count = 10;
  s.FromPeer(kCheat, range);
  const std::vector<ClientAction> fetches = s.Drain();
  const auto from_cheat = std::find_if(fetches.begin(), fetches.end(), [](const ClientAction& a) {
    return a.type == ClientActionType::kFetchFromPeer && a.peer == kCheat;
  });
  ASSERT_NE(from_cheat, fetches.end()) << "a held segment beyond the urgent window is asked";
  s.client->OnTransferFailed(s.now_us, from_cheat->transfer, 0);  // the digest check failed
  s.client->OnPeerMisbehaved(s.now_us, kCheat);
  protocol::Have have;  // the honest peer, idle, holds the same segment
  have.key = from_cheat->key;
  s.FromPeer(kCheat + 1, have);
  const std::vector<ClientAction> out = s.Drain();
  for (const ClientAction& a : out) {
    EXPECT_FALSE(a.type == ClientActionType::kFetchFromPeer && a.peer == kCheat);
  }
  const bool refetched = std::any_of(out.begin(), out.end(), [&](const ClientAction& a) {
    return (a.type == ClientActionType::kFetchFromPeer ||
            a.type == ClientActionType::kFetchFromCdn) &&
           a.key == from_cheat->key;
  });
  EXPECT_TRUE(refetched) << "the segment is fetched again from elsewhere";
  EXPECT_EQ(s.client->scheduler().peers().Find(kCheat), nullptr);
}

// OnPlayerWants: a segment the real player asks for is planned by its own deadline. Playback
// starts at 26 (4 s segments, urgent window 6 s, prefetch window 30 s, no CDN seeding).
struct WantsCase {
  const char* name;
  SegmentSeq seq;
  bool fetched_from_cdn_now;
};

class ClientPlayerWantsTest : public ::testing::TestWithParam<WantsCase> {};

TEST_P(ClientPlayerWantsTest, WantedSegmentIsPlannedByItsDeadline) {
  Solo s(LeecherConfig());
  s.CompleteCdnFetches();  // the urgent window's fetches are done: CDN slots are free
  const int cdn_before = s.Count(ClientActionType::kFetchFromCdn);
  const SegmentKey wanted{0, GetParam().seq};
  s.client->OnPlayerWants(s.now_us, wanted);
  const std::vector<ClientAction> out = s.Drain();
  const bool fetched = std::any_of(out.begin(), out.end(), [&](const ClientAction& a) {
    return a.type == ClientActionType::kFetchFromCdn && a.key == wanted;
  });
  EXPECT_EQ(fetched, GetParam().fetched_from_cdn_now);
  s.client->OnPlayerWants(s.now_us, wanted);  // asked again: never a second fetch
  s.Drain();
  EXPECT_EQ(s.Count(ClientActionType::kFetchFromCdn),
            cdn_before + (GetParam().fetched_from_cdn_now ? 1 : 0));
}

INSTANTIATE_TEST_SUITE_P(
    Deadlines, ClientPlayerWantsTest,
    ::testing::Values(
        // Behind the segment the client needs next (hls.js started one earlier): needed now.
        WantsCase{"BehindTheClientStart", 25, true},
        // Inside the prefetch window, 12 s ahead, no peer holds it: it waits for peers as any
        // window segment does; asking early is not urgency.
        WantsCase{"AheadInTheWindow", 29, false}),
    [](const ::testing::TestParamInfo<WantsCase>& param_info) { return param_info.param.name; });

}  // namespace
}  // namespace cdnmesh::testing
