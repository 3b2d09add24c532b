// The client's mesh rules on the fake network: a busy uploader's refusal, a silent peer's
// timeout, a vanished peer, the connection cap across a mesh, glare, failed ICE, and the swarm
// following a rendition change made while the join was under way.
#include <gtest/gtest.h>

#include "tests/core/client/net/client_scenarios.h"

namespace cdnmesh::testing {
namespace {

// The index in `net`'s log of the last Request from `from` to `to` sent before `before_us`.
const protocol::Request* LastRequest(const ClientNet& net, int from, int to, TimeUs before_us) {
  const protocol::Request* last = nullptr;
  for (const LoggedMessage& m : net.log()) {
    if (m.at_us >= before_us) break;
    if (m.from == from && m.to == to) {
      if (const auto* r = std::get_if<protocol::Request>(&m.message)) last = r;
    }
  }
  return last;
}

bool Completed(const ClientNet& net, int client, SegmentKey key, int source) {
  for (const Completion& c : net.completions()) {
    if (c.client == client && c.key == key && c.source == source) return true;
  }
  return false;
}

TEST(ClientRulesTest, BusyUploaderRejectsAndTheRequesterGoesElsewhere) {
  constexpr DurationUs kBackoffUs = 5 * kUsPerSecond;
  ClientNet net(SeederLeecherConfig([](ClientConfig& c) {
    c.scheduler.upload_slots = 1;
    c.scheduler.peer_busy_backoff_us = kBackoffUs;
  }));
  const int seeder = AddSeeder(net, 0);
  const int a = AddLeecher(net, Sec(20), 2);
  const int b = AddLeecher(net, Sec(20), 3);
  net.SetUploadRate(seeder, 2'000'000);  // 1.6 s per segment: the one slot stays busy
  net.RunUntil(Sec(60));
  ASSERT_TRUE(net.violations().empty()) << Describe(net.violations());
  int refusals = 0;
  for (const LoggedMessage& m : net.log()) {
    const auto* reject = std::get_if<protocol::Reject>(&m.message);
    if (reject == nullptr || m.from != seeder) continue;
    ++refusals;
    EXPECT_EQ(reject->reason, Reason::kNoSlot);
    const int r = m.to;
    EXPECT_GE(net.client(r).scheduler().stats().p2p_busy_refusals, 1);
    // The refused segment is not asked of the busy peer again within the backoff ...
    for (const LoggedMessage& later : net.log()) {
      const auto* again = std::get_if<protocol::Request>(&later.message);
      if (again == nullptr || later.from != r || later.to != seeder) continue;
      if (later.at_us <= m.at_us || again->key != reject->key) continue;
      EXPECT_GE(later.at_us, m.at_us + kBackoffUs) << "asked the busy peer again too soon";
    }
    // ... and the requester still gets it, from the other leecher or the CDN.
    EXPECT_TRUE(Completed(net, r, reject->key, r == a ? b : a) ||
                Completed(net, r, reject->key, -1) || Completed(net, r, reject->key, seeder))
        << "segment " << reject->key.seq << " never arrived at client " << r;
  }
  EXPECT_GT(refusals, 0) << "two leechers and one slot: some request must meet a busy slot";
  EXPECT_EQ(net.client(seeder).scheduler().stats().uploads_rejected, refusals);
}

TEST(ClientRulesTest, SilentPeerLeadsToP2pTimeoutsAndCancels) {
  ClientNet net(SeederLeecherConfig());
  const int seeder = AddSeeder(net, 0);
  const int leecher = AddLeecher(net, Sec(20));
  net.SetStalledUploads(seeder, true);
  net.RunUntil(Sec(50));
  ASSERT_TRUE(net.violations().empty()) << Describe(net.violations());
  const SchedulerStats& stats = net.client(leecher).scheduler().stats();
  EXPECT_GT(stats.p2p_timeouts, 0);
  EXPECT_EQ(stats.p2p_bytes, 0);
  // Each timed-out request is withdrawn (others may be, as too slow), and the uploader stops
  // serving each withdrawn one.
  const auto cancels = static_cast<int>(Sent<protocol::Cancel>(net.log(), leecher, seeder).size());
  EXPECT_GE(cancels, stats.p2p_timeouts);
  int stops = 0;
  for (const ClientAction& a : net.actions(seeder)) stops += a.type == ClientActionType::kStopUpload;
  EXPECT_EQ(stops, cancels);
  EXPECT_LE(net.active_uploads(seeder), 1);
  // The viewer kept playing from the CDN.
  EXPECT_EQ(net.client(leecher).scheduler().player().state(), PlayerState::kPlaying);
  EXPECT_EQ(net.client(leecher).scheduler().player().qos().stall_count, 0);
}

TEST(ClientRulesTest, VanishedPeerFailsItsDownloadsAndTheClientRecoversFromCdn) {
  ClientNet net(SeederLeecherConfig());
  const int seeder = AddSeeder(net, 0);
  const int leecher = AddLeecher(net, Sec(20));
  net.SetStalledUploads(seeder, true);  // keeps a download in flight when the seeder goes
  ASSERT_TRUE(net.RunUntil(Sec(30), [&] { return net.downloads_from(leecher, seeder) > 0; }));
  const TimeUs vanish_us = net.now_us() + 500 * kUsPerMs;  // well before the p2p timeout
  const protocol::Request* lost = LastRequest(net, leecher, seeder, vanish_us);
  ASSERT_NE(lost, nullptr);
  const SegmentKey key = lost->key;
  net.VanishAt(seeder, vanish_us);
  net.RunUntil(vanish_us + Sec(20));
  ASSERT_TRUE(net.violations().empty()) << Describe(net.violations());
  const Client& l = net.client(leecher);
  EXPECT_GE(l.scheduler().stats().p2p_failures, 1);
  EXPECT_EQ(l.scheduler().stats().p2p_timeouts, 0) << "the close was learnt, not timed out";
  EXPECT_EQ(l.connections().size(), 0);
  EXPECT_EQ(net.downloads_from(leecher, seeder), 0);
  EXPECT_TRUE(Completed(net, leecher, key, -1)) << "segment " << key.seq << " not recovered";
  EXPECT_EQ(l.scheduler().player().state(), PlayerState::kPlaying);
  EXPECT_EQ(net.tracker().member_count(), 1u) << "the tracker dropped the vanished viewer";
}

TEST(ClientRulesTest, ConnectionCapHoldsAcrossAMeshAndExtraOffersAreDeclined) {
  constexpr int kCap = 2;
  ClientNet net(SeederLeecherConfig([](ClientConfig& c) { c.max_connections = kCap; }));
  for (int i = 0; i < 8; ++i) AddSeeder(net, Sec(i), 10 + i);  // seeders keep the base cap
  int most_links = 0;
  net.SetCheck([&](int i) {
    most_links = std::max(most_links, net.client(i).connections().size());
    ASSERT_LE(net.client(i).connections().open_count(), kCap);
  });
  net.RunUntil(Sec(20));
  ASSERT_TRUE(net.violations().empty()) << Describe(net.violations());
  EXPECT_EQ(most_links, kCap);
  std::int64_t declined_by_clients = 0;
  for (int i = 0; i < net.size(); ++i) {
    for (const auto& answer : Sent<protocol::SignalAnswer>(net.log(), i, kSignalingNode)) {
      declined_by_clients += !answer.accepted;
    }
  }
  std::int64_t offers_declined = 0;
  for (int i = 0; i < net.size(); ++i) {
    offers_declined += net.client(i).stats().offers_declined;
    EXPECT_LE(net.client(i).stats().max_connections, kCap);
  }
  EXPECT_GT(declined_by_clients, 0) << "a full client must decline further offers";
  EXPECT_EQ(offers_declined, declined_by_clients);
}

// Two viewers that know nothing of each other (the tracker lists nobody) are told of each
// other at dial times `offset_us` apart; whatever the offset, exactly one channel results.
class ClientGlareTest : public ::testing::TestWithParam<DurationUs> {};

void TellAbout(ClientNet& net, int to, int about) {
  protocol::PeerList list;
  list.content = 7;
  list.swarm_size = 2;
  list.peers.emplace_back().peer = net.client(about).id();
  // A list from the tracker opens the pair at signaling (AllowListedPairs); this one is injected.
  net.relay().AllowPair(net.client(to).id(), net.client(about).id());
  net.client(to).OnMessage(net.now_us(), Endpoint::Service(EndpointKind::kTracker), list);
  net.Touch(to);
}

TEST_P(ClientGlareTest, ExactlyOneChannel) {
  ClientNetConfig config = SeederLeecherConfig();
  config.tracker.peers_per_request = 0;
  ClientNet net(config);
  const int a = AddSeeder(net, 0, 1);
  const int b = AddSeeder(net, 0, 2);
  const TimeUs at_us = Sec(1);
  net.At(at_us, [&] { TellAbout(net, a, b); });
  net.At(at_us + GetParam(), [&] { TellAbout(net, b, a); });
  net.RunUntil(Sec(3));
  ASSERT_TRUE(net.violations().empty()) << Describe(net.violations());
  EXPECT_TRUE(net.ChannelOpen(a, b));
  EXPECT_EQ(net.client(a).connections().size(), 1);
  EXPECT_EQ(net.client(b).connections().size(), 1);
  int connects = 0;
  for (const int i : {a, b}) {
    for (const ClientAction& action : net.actions(i)) connects += action.type == ClientActionType::kConnect;
  }
  EXPECT_EQ(connects, 1);
  EXPECT_EQ(net.client(a).stats().connections_opened, 1);
  EXPECT_EQ(net.client(b).stats().connections_opened, 1);
}

// Offsets around "both offers cross" (one-way latency 20 ms through signaling: 40 ms).
INSTANTIATE_TEST_SUITE_P(Offsets, ClientGlareTest,
                         ::testing::Values(-Sec(0.1), -40 * kUsPerMs - 1, -1, 0, 1,
                                           40 * kUsPerMs + 1, Sec(0.1)));

TEST(ClientRulesTest, FailedIceLeavesBothViewersOnTheCdn) {
  ClientNet net(SeederLeecherConfig());
  const int seeder = AddSeeder(net, 0);
  const int leecher = AddLeecher(net, Sec(20));
  net.SetConnectFails(seeder, leecher);
  net.RunUntil(Sec(30));
  ASSERT_TRUE(net.violations().empty()) << Describe(net.violations());
  EXPECT_FALSE(net.ChannelOpen(seeder, leecher));
  EXPECT_EQ(net.client(seeder).stats().connect_failures, 1);
  EXPECT_EQ(net.client(leecher).stats().connect_failures, 1);
  EXPECT_EQ(net.client(leecher).connections().size(), 0);
  EXPECT_EQ(net.client(seeder).connections().size(), 0);
  EXPECT_EQ(net.client(leecher).scheduler().stats().p2p_requests, 0);
  EXPECT_EQ(net.client(leecher).scheduler().player().state(), PlayerState::kPlaying);
}

TEST(ClientRulesTest, ViewerTheTrackerForgotJoinsAgain) {
  // The tracker loses the member (a restart, a dropped connection): the next Announce is
  // answered kUnknownPeer, after which the viewer is in no swarm and gets no peers.
  ClientNet net(SeederLeecherConfig([](ClientConfig& c) {
    c.scheduler.announce_interval_us = 5 * kUsPerSecond;
  }));
  const int v = AddLeecher(net, 0);
  net.At(Sec(2), [&] { net.tracker().OnDisconnect(kFirstConnectionId + static_cast<PeerId>(v)); });
  net.RunUntil(Sec(20));
  ASSERT_TRUE(net.violations().empty()) << Describe(net.violations());
  const auto errors = Sent<protocol::ServiceError>(net.log(), kTrackerNode, v);
  ASSERT_FALSE(errors.empty());
  EXPECT_EQ(errors[0].code, protocol::ServiceErrorCode::kUnknownPeer);
  EXPECT_GE(Sent<protocol::JoinSwarm>(net.log(), v, kTrackerNode).size(), 2u)
      << "the viewer never joined the swarm again";
  EXPECT_EQ(net.tracker().member_count(), 1u);
}

TEST(ClientRulesTest, RenditionChangedDuringTheJoinStillMovesTheSwarm) {
  // The tracker answers after 4 s; the ABR leaves the lowest rung within the first second.
  ClientNet net(SeederLeecherConfig([](ClientConfig& c) {
    c.buffer_abr.reservoir_us = 4 * kUsPerSecond;
    c.buffer_abr.cushion_us = 8 * kUsPerSecond;
  }));
  const int v = AddLeecher(net, 0);
  net.SetLatency(v, kTrackerNode, 2 * kUsPerSecond);
  net.RunUntil(Sec(12));  // the join finished at ~4 s; announces are every 30 s
  ASSERT_TRUE(net.violations().empty()) << Describe(net.violations());
  ASSERT_NE(net.client(v).id(), kInvalidPeer);
  const RenditionIndex now = net.client(v).scheduler().current_rendition();
  ASSERT_NE(now, 0) << "the test needs the ABR to leave the lowest rung";
  EXPECT_EQ(net.tracker().swarm_size({7, now}), 1u)
      << "the tracker still lists the viewer in the swarm of the rendition it joined with";
}

}  // namespace
}  // namespace cdnmesh::testing
