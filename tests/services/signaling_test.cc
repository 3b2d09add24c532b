// WS /v1/signaling through real sockets: a connection is accepted only with the peer id and
// session token of that peer's tracker connection; offers and answers pass between peers the
// tracker listed to each other and are refused to anyone else; garbage is refused harmlessly;
// the signaling socket closes with its tracker session.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/services/server_fixture.h"

namespace cdnmesh::services::testing {
namespace {

using ::testing::HasSubstr;

// A viewer with a tracker session (joined) and, once Open()ed, a signaling socket.
struct Viewer {
  WsClient tracker;
  WsClient signaling;
  PeerId peer = kInvalidPeer;
  std::vector<std::uint8_t> token;

  Viewer(unsigned short port, std::uint32_t content = 7) : token(SessionToken(port)) {
    EXPECT_TRUE(tracker.Connect(port, "/v1/tracker"));
    protocol::JoinSwarm join;
    join.content = content;
    join.session_token = token;
    tracker.Send(join);
    auto joined = tracker.Receive();
    EXPECT_TRUE(joined && std::holds_alternative<protocol::SwarmJoined>(*joined));
    if (joined) peer = std::get<protocol::SwarmJoined>(*joined).peer;
    tracker.Receive();  // its PeerList
  }
  bool Open(unsigned short port, int* status = nullptr) {
    return signaling.Connect(
        port, "/v1/signaling?peer=" + std::to_string(peer) + "&token=" + Hex(token), status);
  }
};

protocol::SignalOffer Offer(PeerId from, PeerId to) {
  protocol::SignalOffer offer;
  offer.from = from;
  offer.to = to;
  offer.session_id = 42;
  offer.sdp = {'v', '=', '0'};
  return offer;
}

TEST(ServicesSignalingTest, RelaysBetweenMatchedPeersBothWays) {
  TestServer server;
  Viewer a(server.port()), b(server.port());  // b's PeerList named a: the pair is matched
  ASSERT_TRUE(a.Open(server.port()));
  ASSERT_TRUE(b.Open(server.port()));
  ASSERT_TRUE(b.signaling.Send(Offer(b.peer, a.peer)));
  auto offer = a.signaling.Receive();
  ASSERT_TRUE(offer.has_value());
  EXPECT_EQ(*offer, protocol::Message{Offer(b.peer, a.peer)});
  protocol::SignalAnswer answer;
  answer.from = a.peer;
  answer.to = b.peer;
  answer.session_id = 42;
  answer.sdp = {'o', 'k'};
  ASSERT_TRUE(a.signaling.Send(answer));
  auto relayed = b.signaling.Receive();
  ASSERT_TRUE(relayed.has_value());
  EXPECT_EQ(*relayed, protocol::Message{answer});
  EXPECT_EQ(MetricValue(server.port(), "signaling_relayed_total"), 2);
}

TEST(ServicesSignalingTest, RelayToAnUnmatchedPeerIsRefused) {
  TestServer server;
  Viewer a(server.port(), 7), c(server.port(), 8);  // different contents: never listed together
  ASSERT_TRUE(a.Open(server.port()));
  ASSERT_TRUE(c.Open(server.port()));
  ASSERT_TRUE(c.signaling.Send(Offer(c.peer, a.peer)));
  auto refused = c.signaling.Receive();
  ASSERT_TRUE(refused.has_value());
  const auto* error = std::get_if<protocol::ServiceError>(&*refused);
  ASSERT_NE(error, nullptr);
  EXPECT_EQ(error->code, protocol::ServiceErrorCode::kUnauthorized);
  EXPECT_THAT(error->text, HasSubstr("not matched"));
  // Spoofing the sender is refused too.
  ASSERT_TRUE(c.signaling.Send(Offer(a.peer, c.peer)));
  auto spoofed = c.signaling.Receive();
  ASSERT_TRUE(spoofed && std::holds_alternative<protocol::ServiceError>(*spoofed));
  EXPECT_EQ(MetricValue(server.port(), "signaling_relayed_total"), 0);
}

TEST(ServicesSignalingTest, WrongTokenWrongPeerOrNoSessionIsForbidden) {
  TestServer server;
  Viewer a(server.port()), b(server.port());
  const std::string port_path = "/v1/signaling?peer=";
  const struct {
    std::string target;
    int status;
  } cases[] = {
      {port_path + std::to_string(a.peer) + "&token=" + Hex(b.token), 403},  // b's token
      {port_path + std::to_string(b.peer) + "&token=" + Hex(a.token), 403},
      {port_path + "999&token=" + Hex(a.token), 403},  // no such session
      {port_path + std::to_string(a.peer) + "&token=zz", 400},
      {port_path + std::to_string(a.peer), 400},
      {"/v1/elsewhere", 404},
  };
  for (const auto& c : cases) {
    WsClient client;
    int status = 0;
    EXPECT_FALSE(client.Connect(server.port(), c.target, &status)) << c.target;
    EXPECT_EQ(status, c.status) << c.target;
  }
  int status = 0;
  ASSERT_TRUE(a.Open(server.port(), &status));
  WsClient second;
  EXPECT_FALSE(second.Connect(
      server.port(), port_path + std::to_string(a.peer) + "&token=" + Hex(a.token), &status));
  EXPECT_EQ(status, 403) << "one signaling connection per peer";
  EXPECT_GE(MetricValue(server.port(), "signaling_connections_refused_total"), 4);
}

TEST(ServicesSignalingTest, GarbageIsRefusedAndTrackerCloseEndsSignaling) {
  TestServer server;
  Viewer a(server.port()), b(server.port());
  ASSERT_TRUE(a.Open(server.port()));
  ASSERT_TRUE(b.Open(server.port()));
  ASSERT_TRUE(a.signaling.SendBytes({0x20, 0x7F}));
  auto error = a.signaling.Receive();
  ASSERT_TRUE(error && std::holds_alternative<protocol::ServiceError>(*error));
  ASSERT_TRUE(a.signaling.Send(protocol::Keepalive{}));  // not a signaling message
  error = a.signaling.Receive();
  ASSERT_TRUE(error && std::holds_alternative<protocol::ServiceError>(*error));
  a.tracker.Abort();
  EXPECT_FALSE(a.signaling.Receive().has_value());
  EXPECT_TRUE(a.signaling.closed()) << "no signaling without a tracker session";
  ASSERT_TRUE(b.signaling.Send(Offer(b.peer, a.peer)));  // a is gone: declined on its behalf
  auto declined = b.signaling.Receive();
  ASSERT_TRUE(declined && std::holds_alternative<protocol::SignalAnswer>(*declined));
  EXPECT_FALSE(std::get<protocol::SignalAnswer>(*declined).accepted);
}

}  // namespace
}  // namespace cdnmesh::services::testing
