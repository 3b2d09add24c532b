// WS /v1/tracker through real sockets: JoinSwarm / Announce / PeerList with two clients; garbage,
// text, oversized and truncated frames and mid-message disconnects refused without harm; a flood
// limited (kOverloaded with retry_after_ms) and, when it goes on, the connection closed.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/services/server_fixture.h"

namespace cdnmesh::services::testing {
namespace {

using ::testing::HasSubstr;

protocol::JoinSwarm JoinSwarmWith(const std::vector<std::uint8_t>& token,
                                  SegmentSeq position = 100) {
  protocol::JoinSwarm join;
  join.content = 7;
  join.position = position;
  join.profile.upload_capacity_bps = 5'000'000;
  join.session_token = token;
  return join;
}

protocol::Announce AnnounceOf(PeerId peer, std::uint16_t wanted = 10) {
  protocol::Announce announce;
  announce.peer = peer;
  announce.content = 7;
  announce.position = 101;
  announce.wanted_peers = wanted;
  return announce;
}

template <typename M>
M Expect(WsClient& client) {
  auto message = client.Receive();
  EXPECT_TRUE(message.has_value()) << "nothing received (closed: " << client.closed() << ")";
  if (!message) return M{};
  const auto* typed = std::get_if<M>(&*message);
  EXPECT_NE(typed, nullptr) << "got "
                            << protocol::MessageTypeName(protocol::MessageTypeOf(*message));
  return typed == nullptr ? M{} : *typed;
}

// Joins a tracker client; returns its peer id.
PeerId JoinTracker(WsClient& client, unsigned short port, const std::vector<std::uint8_t>& token) {
  EXPECT_TRUE(client.Connect(port, "/v1/tracker"));
  EXPECT_TRUE(client.Send(JoinSwarmWith(token)));
  const PeerId peer = Expect<protocol::SwarmJoined>(client).peer;
  Expect<protocol::PeerList>(client);
  return peer;
}

TEST(ServicesTrackerTest, TwoClientsJoinAnnounceAndSeeEachOther) {
  TestServer server;
  const auto token = SessionToken(server.port());
  WsClient a, b;
  ASSERT_TRUE(a.Connect(server.port(), "/v1/tracker"));
  ASSERT_TRUE(a.Send(JoinSwarmWith(token)));
  const auto joined_a = Expect<protocol::SwarmJoined>(a);
  EXPECT_EQ(joined_a.announce_interval_ms, 30'000u);
  EXPECT_TRUE(Expect<protocol::PeerList>(a).peers.empty());
  ASSERT_TRUE(b.Connect(server.port(), "/v1/tracker"));
  ASSERT_TRUE(b.Send(JoinSwarmWith(token)));
  const auto joined_b = Expect<protocol::SwarmJoined>(b);
  EXPECT_NE(joined_a.peer, joined_b.peer);
  const auto list_b = Expect<protocol::PeerList>(b);
  ASSERT_EQ(list_b.peers.size(), 1u);
  EXPECT_EQ(list_b.peers[0].peer, joined_a.peer);
  EXPECT_EQ(list_b.swarm_size, 2u);
  ASSERT_TRUE(a.Send(AnnounceOf(joined_a.peer)));
  const auto list_a = Expect<protocol::PeerList>(a);
  ASSERT_EQ(list_a.peers.size(), 1u);
  EXPECT_EQ(list_a.peers[0].peer, joined_b.peer);
  EXPECT_EQ(MetricValue(server.port(), "members"), 2);
  EXPECT_EQ(MetricValue(server.port(), "swarms"), 1);
}

TEST(ServicesTrackerTest, BadSessionTokenAndForeignAnnounceAreRefused) {
  TestServer server;
  WsClient a;
  ASSERT_TRUE(a.Connect(server.port(), "/v1/tracker"));
  ASSERT_TRUE(a.Send(JoinSwarmWith({1, 2, 3})));
  EXPECT_EQ(Expect<protocol::ServiceError>(a).code, protocol::ServiceErrorCode::kUnauthorized);
  // The distributor seals its tokens: a changed byte or a token without its seal is refused.
  auto token = SessionToken(server.port());
  ASSERT_EQ(token.size(), 24u + 32u);
  auto tampered = token;
  tampered[3] ^= 1;
  const std::vector<std::uint8_t> unsealed(token.begin(), token.begin() + 24);
  for (const auto& bad : {tampered, unsealed}) {
    ASSERT_TRUE(a.Send(JoinSwarmWith(bad)));
    const auto error = Expect<protocol::ServiceError>(a);
    EXPECT_EQ(error.code, protocol::ServiceErrorCode::kUnauthorized);
    EXPECT_THAT(error.text, HasSubstr("seal"));
  }
  EXPECT_EQ(MetricValue(server.port(), "bad_session_seals_total"), 3);
  ASSERT_TRUE(a.Send(AnnounceOf(1)));  // before any successful join
  EXPECT_EQ(Expect<protocol::ServiceError>(a).code, protocol::ServiceErrorCode::kUnknownPeer);
  WsClient b;
  const PeerId peer_b = JoinTracker(b, server.port(), SessionToken(server.port()));
  ASSERT_TRUE(a.Send(AnnounceOf(peer_b)));  // a claims b's id
  EXPECT_EQ(Expect<protocol::ServiceError>(a).code, protocol::ServiceErrorCode::kUnknownPeer);
}

TEST(ServicesTrackerTest, GarbageTextOversizedAndTruncatedFramesDoNotHarmTheServer) {
  TestServer server;
  const auto token = SessionToken(server.port());
  WsClient a;
  const PeerId peer = JoinTracker(a, server.port(), token);
  for (const std::vector<std::uint8_t>& garbage :
       {std::vector<std::uint8_t>{0xFF}, std::vector<std::uint8_t>{0x12, 0x05, 1},
        std::vector<std::uint8_t>{}, std::vector<std::uint8_t>{0x12, 0xFF, 0xFF, 0xFF, 0x7F}}) {
    ASSERT_TRUE(a.SendBytes(garbage));
    EXPECT_EQ(Expect<protocol::ServiceError>(a).code, protocol::ServiceErrorCode::kBadRequest);
  }
  ASSERT_TRUE(a.SendBytes({'h', 'i'}, /*binary=*/false));
  EXPECT_THAT(Expect<protocol::ServiceError>(a).text, HasSubstr("binary"));
  ASSERT_TRUE(a.Send(AnnounceOf(peer)));  // still served
  Expect<protocol::PeerList>(a);
  // A message over kMaxFrameBytes: the server closes that connection (1009) and lives on.
  WsClient big;
  JoinTracker(big, server.port(), token);
  big.SendBytes(std::vector<std::uint8_t>(protocol::kMaxFrameBytes + 1, 0x12));
  EXPECT_FALSE(big.Receive().has_value());
  EXPECT_TRUE(big.closed());
  // Truncated: a WebSocket header promising 1000 bytes, then the socket closes.
  WsClient truncated;
  ASSERT_TRUE(truncated.Connect(server.port(), "/v1/tracker"));
  truncated.SendRawTcp(std::string("\x82\xFE\x03\xE8\x00\x00\x00\x00partial", 16));
  truncated.Abort();
  ASSERT_TRUE(a.Send(AnnounceOf(peer)));
  Expect<protocol::PeerList>(a);
  EXPECT_GE(MetricValue(server.port(), "bad_frames_total"), 4);
  EXPECT_EQ(HttpRequest(server.port(), boost::beast::http::verb::get, "/healthz").status, 200);
}

TEST(ServicesTrackerTest, DisconnectMidMessageLeavesTheSwarm) {
  TestServer server;
  const auto token = SessionToken(server.port());
  WsClient a, b;
  JoinTracker(a, server.port(), token);
  JoinTracker(b, server.port(), token);
  const auto frame = Frame(AnnounceOf(1));
  // Half a masked binary WebSocket frame, then gone.
  std::string raw = "\x82";
  raw.push_back(static_cast<char>(0x80 | frame.size()));
  raw += std::string("\x01\x02\x03\x04", 4);
  raw += std::string(frame.begin(), frame.begin() + static_cast<long>(frame.size() / 2));
  b.SendRawTcp(raw);
  b.Abort();
  for (int i = 0; i < 50 && MetricValue(server.port(), "members") != 1; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  EXPECT_EQ(MetricValue(server.port(), "members"), 1);
}

TEST(ServicesTrackerTest, FloodIsAnsweredOverloadedThenClosed) {
  ServerOptions options = TestOptions();
  options.tracker_rate_per_s = 1;
  options.tracker_burst = 3;
  options.max_strikes = 5;
  TestServer server(options);
  const auto token = SessionToken(server.port());
  WsClient a;
  const PeerId peer = JoinTracker(a, server.port(), token);  // the join took one token
  for (int i = 0; i < 10; ++i) a.Send(AnnounceOf(peer, 200));
  int lists = 0, overloaded = 0;
  while (auto message = a.Receive(std::chrono::milliseconds(1000))) {
    if (std::holds_alternative<protocol::PeerList>(*message)) ++lists;
    if (const auto* error = std::get_if<protocol::ServiceError>(&*message)) {
      EXPECT_EQ(error->code, protocol::ServiceErrorCode::kOverloaded);
      EXPECT_GT(error->retry_after_ms, 0u);
      ++overloaded;
    }
  }
  EXPECT_EQ(lists, 2) << "burst 3, one used by the join";
  EXPECT_EQ(overloaded, 5) << "the fifth refusal in a row closes the connection";
  EXPECT_TRUE(a.closed());
  EXPECT_THAT(a.close_reason(), HasSubstr("rate limit"));
  EXPECT_EQ(MetricValue(server.port(), "closed_for_abuse_total"), 1);
  EXPECT_EQ(MetricValue(server.port(), "rate_limited_total"), 5);
}

}  // namespace
}  // namespace cdnmesh::services::testing
