// The harness itself: its checks fire on a breach injected as if a client had made it, and
// deliveries honour the scripted latencies and channel states.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/core/client/net/client_scenarios.h"

namespace cdnmesh::testing {
namespace {

using ::testing::HasSubstr;

ClientAction SendTo(PeerId peer, const protocol::Message& message) {
  ClientAction a;
  a.type = ClientActionType::kSend;
  a.to = Endpoint::Peer(peer);
  a.peer = peer;
  a.message = message;
  return a;
}

// Two viewers that joined the swarm but never connected (the tracker lists nobody).
struct Strangers {
  ClientNet net;
  int a, b;
  Strangers() : net([] {
      ClientNetConfig c = SeederLeecherConfig();
      c.tracker.peers_per_request = 0;
      return c;
    }()) {
    a = AddSeeder(net, 0, 1);
    b = AddSeeder(net, 0, 2);
    net.RunUntil(Sec(1));
  }
};

TEST(ClientNetTest, PeerMessageWithoutAChannelIsAViolation) {
  Strangers s;
  ASSERT_TRUE(s.net.violations().empty());
  s.net.Inject(s.a, SendTo(s.net.client(s.b).id(), protocol::Have{}));
  ASSERT_EQ(s.net.violations().size(), 1u);
  EXPECT_THAT(s.net.violations()[0], HasSubstr("without an open channel"));
}

TEST(ClientNetTest, UploadNobodyAskedForIsAViolation) {
  ClientNet net(SeederLeecherConfig());
  const int seeder = AddSeeder(net, 0);
  const int leecher = AddLeecher(net, Sec(20));
  net.RunUntil(Sec(21));
  ASSERT_TRUE(net.ChannelOpen(seeder, leecher));
  ClientAction serve;
  serve.type = ClientActionType::kServeUpload;
  serve.peer = net.client(leecher).id();
  serve.upload = 999;
  serve.key = SegmentKey{0, 1};
  serve.length_bytes = 10;
  serve.size_bytes = 10;
  net.Inject(seeder, serve);
  ASSERT_FALSE(net.violations().empty());
  EXPECT_THAT(net.violations().back(), HasSubstr("did not ask"));
}

TEST(ClientNetTest, ChannelNobodySignalledIsClosedByBothClients) {
  Strangers s;
  ClientAction connect;
  connect.type = ClientActionType::kConnect;
  connect.peer = s.net.client(s.b).id();
  s.net.Inject(s.a, connect);  // a channel nobody signalled: both clients close it at once
  s.net.RunUntil(Sec(1) + 100 * kUsPerMs);
  EXPECT_FALSE(s.net.ChannelOpen(s.a, s.b));
  EXPECT_TRUE(s.net.violations().empty()) << Describe(s.net.violations());
}

TEST(ClientNetTest, ConnectFailsForAScriptedPair) {
  ClientNet net(SeederLeecherConfig());
  const int seeder = AddSeeder(net, 0);
  const int leecher = AddLeecher(net, Sec(20));
  net.SetConnectFails(leecher, seeder);  // either order names the pair
  net.RunUntil(Sec(21));
  EXPECT_FALSE(net.ChannelOpen(seeder, leecher));
  EXPECT_EQ(net.client(leecher).stats().connect_failures, 1);
}

TEST(ClientNetTest, MessagesArriveAfterTheScriptedLatency) {
  ClientNetConfig config = SeederLeecherConfig();
  ClientNet net(config);
  const int v = AddLeecher(net, 0);
  net.SetLatency(v, kDistributorNode, 123 * kUsPerMs);
  net.RunUntil(Sec(1));
  const auto& log = net.log();
  ASSERT_GE(log.size(), 2u);
  EXPECT_EQ(log[0].type, protocol::MessageType::kJoinRequest);
  EXPECT_EQ(log[0].at_us, 0);
  EXPECT_EQ(log[1].type, protocol::MessageType::kConfigResponse);
  EXPECT_EQ(log[1].at_us, 123 * kUsPerMs) << "received after one latency, answered at once";
  const auto joins = Sent<protocol::JoinSwarm>(log, v, kTrackerNode);
  ASSERT_EQ(joins.size(), 1u);
  for (const LoggedMessage& m : log) {
    if (m.type == protocol::MessageType::kJoinSwarm) {
      EXPECT_EQ(m.at_us, 246 * kUsPerMs);
    }
  }
}

TEST(ClientNetTest, MessagesInFlightWhenAnEndClosesAreDropped) {
  ClientNet net(SeederLeecherConfig());
  const int seeder = AddSeeder(net, 0);
  const int leecher = AddLeecher(net, Sec(20));
  net.RunUntil(Sec(21));
  ASSERT_TRUE(net.ChannelOpen(seeder, leecher));
  const std::int64_t dropped = net.dropped();
  net.Inject(seeder, SendTo(net.client(leecher).id(), protocol::Keepalive{}));
  ClientAction close;
  close.type = ClientActionType::kDisconnect;
  close.peer = net.client(leecher).id();
  net.Inject(seeder, close);  // closes before the keepalive lands
  net.RunUntil(Sec(22));
  EXPECT_EQ(net.dropped(), dropped + 1);
  EXPECT_FALSE(net.ChannelOpen(seeder, leecher));
  EXPECT_EQ(net.client(leecher).connections().size(), 0) << "the other end heard the close";
  EXPECT_TRUE(net.violations().empty()) << Describe(net.violations());
}

}  // namespace
}  // namespace cdnmesh::testing
