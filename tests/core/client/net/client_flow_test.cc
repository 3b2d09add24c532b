// The client's main flow on the fake network with the real services: distributor join and
// configuration, swarm join and peer id, a connection through signaling, handshake, bitfield
// and haves, a segment downloaded from a peer, a rendition change that moves the swarm, and a
// clean stop.
#include <gtest/gtest.h>

#include "tests/core/client/net/client_scenarios.h"

namespace cdnmesh::testing {
namespace {

using protocol::MessageType;

// The index of the first logged message of `type` from `from` to `to` at or after `after`.
std::ptrdiff_t FirstIndex(const ClientNet& net, MessageType type, int from, int to,
                          std::ptrdiff_t after = 0) {
  const auto& log = net.log();
  for (std::ptrdiff_t k = after; k < static_cast<std::ptrdiff_t>(log.size()); ++k) {
    const LoggedMessage& m = log[static_cast<std::size_t>(k)];
    if (m.type == type && m.from == from && m.to == to) return k;
  }
  return -1;
}

TEST(ClientFlowTest, ViewerGetsItsConfigThenJoinsTheSwarm) {
  ClientNet net(SeederLeecherConfig([](ClientConfig& c) { c.scheduler.upload_slots = 3; }));
  const int v = AddLeecher(net, 0);
  net.RunUntil(Sec(2));
  ASSERT_TRUE(net.violations().empty()) << Describe(net.violations());
  const auto configs = Sent<protocol::ConfigResponse>(net.log(), kDistributorNode, v);
  ASSERT_EQ(configs.size(), 1u);
  EXPECT_EQ(Sent<protocol::JoinRequest>(net.log(), v, kDistributorNode).size(), 1u);
  // The scheduler and the client run with the values of the viewer's rule.
  const Client& c = net.client(v);
  EXPECT_EQ(c.config(), *configs[0].config);
  EXPECT_EQ(c.config().max_connections, kLeecherMaxConnections);
  EXPECT_FALSE(c.scheduler().config().cdn_seeding_enabled);
  EXPECT_EQ(c.scheduler().config().upload_slots, 3);
  EXPECT_EQ(c.session_token(), configs[0].session_token);
  // The swarm join presents that token; the tracker's id becomes the client's.
  const auto joins = Sent<protocol::JoinSwarm>(net.log(), v, kTrackerNode);
  ASSERT_EQ(joins.size(), 1u);
  EXPECT_EQ(joins[0].session_token, configs[0].session_token);
  EXPECT_EQ(joins[0].content, 7u);
  const auto joined = Sent<protocol::SwarmJoined>(net.log(), kTrackerNode, v);
  ASSERT_EQ(joined.size(), 1u);
  EXPECT_EQ(c.id(), joined[0].peer);
  EXPECT_EQ(c.id(), kFirstConnectionId + static_cast<PeerId>(v));
  EXPECT_EQ(net.relay().connected(), 1u) << "signaling opened with the session token";
  EXPECT_EQ(net.tracker().swarm_size({7, 0}), 1u);
  // Playback started behind the live edge from the CDN.
  EXPECT_EQ(c.scheduler().player().state(), PlayerState::kPlaying);
  EXPECT_GT(c.scheduler().stats().cdn_bytes, 0);
}

TEST(ClientFlowTest, BuiltInConfigRunsUntilTheDistributorAnswers) {
  ClientNetConfig config = SeederLeecherConfig();
  config.latency_us = 500 * kUsPerMs;  // the answer takes 1 s
  ClientNet net(config);
  const int v = AddLeecher(net, 0);
  net.RunUntil(Sec(1) - 1);
  EXPECT_EQ(net.client(v).config(), ClientConfig{});
  EXPECT_EQ(net.client(v).id(), kInvalidPeer);
  net.RunUntil(Sec(1));
  EXPECT_EQ(net.client(v).config().max_connections, kLeecherMaxConnections);
}

// A seeder watching since t = 0 and a leecher joining at 20 s: they connect, and the leecher
// gets segments from the seeder.
struct PairFixture {
  ClientNet net{SeederLeecherConfig()};
  int seeder = AddSeeder(net, 0);
  int leecher = AddLeecher(net, Sec(20));
};

TEST(ClientFlowTest, PeersConnectThroughSignalingAndOpenWithHandshakes) {
  PairFixture f;
  f.net.RunUntil(Sec(22));
  ASSERT_TRUE(f.net.violations().empty()) << Describe(f.net.violations());
  ASSERT_TRUE(f.net.ChannelOpen(f.seeder, f.leecher));
  const Client& s = f.net.client(f.seeder);
  const Client& l = f.net.client(f.leecher);
  EXPECT_TRUE(s.connections().IsOpen(l.id()));
  EXPECT_TRUE(l.connections().IsOpen(s.id()));
  // The leecher found the seeder in its peer list and offered; the seeder accepted.
  const auto offers = Sent<protocol::SignalOffer>(f.net.log(), f.leecher, kSignalingNode);
  ASSERT_EQ(offers.size(), 1u);
  EXPECT_EQ(offers[0].from, l.id());
  EXPECT_EQ(offers[0].to, s.id());
  const auto answers = Sent<protocol::SignalAnswer>(f.net.log(), f.seeder, kSignalingNode);
  ASSERT_EQ(answers.size(), 1u);
  EXPECT_TRUE(answers[0].accepted);
  EXPECT_EQ(answers[0].session_id, offers[0].session_id);
  // Each side opens with a Handshake naming itself, the content and its rendition.
  for (const auto& [from, to] : {std::pair{f.seeder, f.leecher}, std::pair{f.leecher, f.seeder}}) {
    const auto handshakes = Sent<protocol::Handshake>(f.net.log(), from, to);
    ASSERT_EQ(handshakes.size(), 1u);
    EXPECT_EQ(handshakes[0].peer, f.net.client(from).id());
    EXPECT_EQ(handshakes[0].content, 7u);
    EXPECT_EQ(handshakes[0].version, protocol::kProtocolVersion);
    EXPECT_EQ(handshakes[0].rendition, f.net.client(from).scheduler().current_rendition());
  }
  EXPECT_EQ(s.stats().connections_opened, 1);
  EXPECT_EQ(l.stats().connections_opened, 1);
}

TEST(ClientFlowTest, SeederSendsBitfieldThenHavesAndServesTheLeecher) {
  PairFixture f;
  f.net.RunUntil(Sec(40));
  ASSERT_TRUE(f.net.violations().empty()) << Describe(f.net.violations());
  // What the seeder held when the channel opened, then what it got later.
  const std::ptrdiff_t handshake = FirstIndex(f.net, MessageType::kHandshake, f.seeder, f.leecher);
  const std::ptrdiff_t bitfield = FirstIndex(f.net, MessageType::kBitfield, f.seeder, f.leecher);
  ASSERT_GE(handshake, 0);
  ASSERT_GT(bitfield, handshake);
  const auto maps = Sent<protocol::Bitfield>(f.net.log(), f.seeder, f.leecher);
  ASSERT_FALSE(maps.empty());
  EXPECT_EQ(maps[0].rendition, 0);
  EXPECT_FALSE(maps[0].bits.empty());
  EXPECT_GT(FirstIndex(f.net, MessageType::kHave, f.seeder, f.leecher, bitfield), bitfield);
  // The leecher asked by Request and the seeder served: peer bytes at the leecher.
  EXPECT_FALSE(Sent<protocol::Request>(f.net.log(), f.leecher, f.seeder).empty());
  const SchedulerStats& leecher = f.net.client(f.leecher).scheduler().stats();
  const SchedulerStats& seeder = f.net.client(f.seeder).scheduler().stats();
  EXPECT_GT(leecher.p2p_bytes, 0);
  EXPECT_GT(seeder.uploads_accepted, 0);
  EXPECT_GE(seeder.uploaded_bytes, leecher.p2p_bytes) << "accepted uploads cover what arrived";
  int from_seeder = 0;
  for (const Completion& c : f.net.completions()) {
    from_seeder += c.client == f.leecher && c.source == f.seeder;
  }
  EXPECT_EQ(from_seeder, leecher.p2p_requests - leecher.p2p_failures);
  EXPECT_GT(f.net.client(f.seeder).uplink_estimate_bps(), 0) << "uploads measure the uplink";
}

TEST(ClientFlowTest, TrackerListsTheViewerAtItsPlaybackPosition) {
  // The distributor answers (40 ms) before the playlist arrives (50 ms): the swarm join goes
  // out before playback has a position.
  ClientNet net(SeederLeecherConfig());
  const int first = AddLeecher(net, 0);
  const int second = AddLeecher(net, Sec(5), 3);
  net.RunUntil(Sec(6));
  ASSERT_TRUE(net.violations().empty()) << Describe(net.violations());
  const SegmentSeq start_seq = net.stream().LastAvailable(0) - 3;  // 3 behind the live edge
  const SegmentSeq playhead = net.client(first).scheduler().player().playhead_seq();
  ASSERT_GE(playhead, start_seq);
  // The join's list, then the answer to the announce that corrects the join's position.
  const auto lists = Sent<protocol::PeerList>(net.log(), kTrackerNode, second);
  ASSERT_GE(lists.size(), 1u);
  ASSERT_EQ(lists[0].peers.size(), 1u);
  const SegmentSeq listed = lists[0].peers[0].position;
  EXPECT_GE(listed, start_seq) << "the tracker matches the viewer by a position it never had";
  EXPECT_LE(listed, playhead);
}

TEST(ClientFlowTest, RenditionChangeMovesTheViewerToTheOtherSwarm) {
  // Buffer ABR with a small reservoir: once a few segments are buffered the top rung is chosen.
  ClientNet net(SeederLeecherConfig([](ClientConfig& c) {
    c.buffer_abr.reservoir_us = 4 * kUsPerSecond;
    c.buffer_abr.cushion_us = 8 * kUsPerSecond;
  }));
  const int v = AddLeecher(net, 0);
  net.RunUntil(Sec(20));
  ASSERT_TRUE(net.violations().empty()) << Describe(net.violations());
  const RenditionIndex now = net.client(v).scheduler().current_rendition();
  ASSERT_NE(now, 0) << "the test needs the ABR to leave the lowest rung";
  const auto announces = Sent<protocol::Announce>(net.log(), v, kTrackerNode);
  ASSERT_FALSE(announces.empty());
  EXPECT_EQ(announces.back().rendition, now);
  EXPECT_EQ(announces.back().peer, net.client(v).id());
  EXPECT_EQ(net.tracker().swarm_size({7, now}), 1u);
  EXPECT_EQ(net.tracker().swarm_size({7, 0}), 0u) << "the old swarm must not keep the viewer";
  const auto lists = Sent<protocol::PeerList>(net.log(), kTrackerNode, v);
  ASSERT_FALSE(lists.empty());
  EXPECT_EQ(lists.back().rendition, now) << "the answer lists the new swarm";
}

TEST(ClientFlowTest, StopLeavesTheSwarmAndClosesEveryChannel) {
  PairFixture f;
  f.net.StopAt(f.leecher, Sec(30));
  f.net.RunUntil(Sec(31));
  ASSERT_TRUE(f.net.violations().empty()) << Describe(f.net.violations());
  EXPECT_TRUE(f.net.client(f.leecher).stopped());
  EXPECT_EQ(Sent<protocol::Leave>(f.net.log(), f.leecher, kTrackerNode).size(), 1u);
  EXPECT_EQ(f.net.tracker().member_count(), 1u);
  EXPECT_FALSE(f.net.ChannelOpen(f.seeder, f.leecher));
  EXPECT_EQ(f.net.client(f.seeder).connections().size(), 0);
  EXPECT_EQ(f.net.client(f.leecher).NextWakeUpUs(), kNever);
  EXPECT_EQ(f.net.relay().connected(), 1u);
  EXPECT_EQ(f.net.active_uploads(f.seeder), 0);
}

}  // namespace
}  // namespace cdnmesh::testing
