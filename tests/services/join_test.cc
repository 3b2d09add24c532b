// POST /v1/join through real sockets: a valid publisher token gets a ConfigResponse with a
// session token; forged, expired, wrong-content, replayed, malformed and missing tokens are
// refused with ServiceError kUnauthorized naming the reason; garbage and oversized bodies are
// refused; the server keeps answering.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/services/server_fixture.h"

namespace cdnmesh::services::testing {
namespace {

using ::testing::HasSubstr;
namespace http = boost::beast::http;

// The ServiceError of a refused join (and the HTTP status it came with).
protocol::ServiceError ErrorOf(const HttpAnswer& answer) {
  auto decoded = DecodeBody(answer.body);
  EXPECT_TRUE(decoded.ok()) << "body is not a frame: " << answer.body;
  if (!decoded.ok()) return {};
  const auto* error = std::get_if<protocol::ServiceError>(&decoded.value());
  EXPECT_NE(error, nullptr) << "expected a ServiceError";
  return error == nullptr ? protocol::ServiceError{} : *error;
}

TEST(ServicesJoinTest, ValidTokenGetsConfigWithSessionTokenAndServiceUrls) {
  TestServer server;
  const HttpAnswer answer = PostJoin(server.port(), JoinRequestWith(7, TokenFor(7)));
  ASSERT_EQ(answer.status, 200) << answer.body << answer.error;
  auto decoded = DecodeBody(answer.body);
  ASSERT_TRUE(decoded.ok()) << decoded.error().message;
  const auto* config = std::get_if<protocol::ConfigResponse>(&decoded.value());
  ASSERT_NE(config, nullptr);
  EXPECT_FALSE(config->session_token.empty());
  EXPECT_EQ(config->tracker_url, "ws://127.0.0.1:" + std::to_string(server.port()) + "/v1/tracker");
  EXPECT_EQ(config->signaling_url,
            "ws://127.0.0.1:" + std::to_string(server.port()) + "/v1/signaling");
  EXPECT_TRUE(config->config->scheduler.p2p_enabled);
  EXPECT_EQ(MetricValue(server.port(), "joins_accepted_total"), 1);
}

TEST(ServicesJoinTest, BadTokensAreUnauthorizedAndNameTheReason) {
  TestServer server;
  std::string forged = TokenFor(7);
  forged.back() = forged.back() == '0' ? '1' : '0';
  const std::string other_key =
      MintPublisherToken(std::vector<std::uint8_t>(20, 'x'), 7, NowS() + 60, RandomNonce());
  const std::string expired = MintPublisherToken(TestKey(), 7, NowS() - 1, RandomNonce());
  const std::string far = MintPublisherToken(TestKey(), 7, NowS() + 90 * 86400, RandomNonce());
  const struct {
    std::string token;
    std::uint32_t content;
    const char* reason;
  } cases[] = {
      {forged, 7, "forged"},
      {other_key, 7, "forged"},
      {expired, 7, "expired"},
      {far, 7, "ahead"},
      {TokenFor(8), 7, "for content 8, not 7"},
      {"", 7, "missing"},
      {"v1.7.123", 7, "malformed"},
      {"v2" + TokenFor(7).substr(2), 7, "malformed"},
  };
  for (const auto& c : cases) {
    const HttpAnswer answer = PostJoin(server.port(), JoinRequestWith(c.content, c.token));
    EXPECT_EQ(answer.status, 403) << c.token;
    const protocol::ServiceError error = ErrorOf(answer);
    EXPECT_EQ(error.code, protocol::ServiceErrorCode::kUnauthorized) << c.token;
    EXPECT_THAT(error.text, HasSubstr(c.reason)) << c.token;
  }
  EXPECT_EQ(MetricValue(server.port(), "joins_accepted_total"), 0);
}

TEST(ServicesJoinTest, ReplayedNonceIsRefusedAfterOneUse) {
  TestServer server;
  const std::string token = TokenFor(7);
  EXPECT_EQ(PostJoin(server.port(), JoinRequestWith(7, token)).status, 200);
  const HttpAnswer again = PostJoin(server.port(), JoinRequestWith(7, token));
  EXPECT_EQ(again.status, 403);
  EXPECT_THAT(ErrorOf(again).text, HasSubstr("replayed"));
  EXPECT_EQ(MetricValue(server.port(), "replay_nonces"), 1);
}

TEST(ServicesJoinTest, GarbageWrongMessageAndOversizedBodiesAreRefusedAndServerLives) {
  TestServer server;
  const std::uint16_t port = server.port();
  for (const std::string& body : {std::string("\x01\x7F garbage"), std::string(),
                                  std::string(1, '\x01'), std::string("\xFF\xFF\xFF\xFF\xFF")}) {
    const HttpAnswer answer = HttpRequest(port, http::verb::post, "/v1/join", body);
    EXPECT_EQ(answer.status, 400);
    EXPECT_EQ(ErrorOf(answer).code, protocol::ServiceErrorCode::kBadRequest);
  }
  const HttpAnswer wrong = PostJoin(port, protocol::Keepalive{});
  EXPECT_EQ(wrong.status, 400);
  EXPECT_THAT(ErrorOf(wrong).text, HasSubstr("JoinRequest"));
  const HttpAnswer big =
      HttpRequest(port, http::verb::post, "/v1/join", std::string(64 * 1024, 'a'));
  EXPECT_EQ(big.status, 413);
  EXPECT_EQ(HttpRequest(port, http::verb::get, "/nowhere").status, 404);
  EXPECT_EQ(HttpRequest(port, http::verb::get, "/v1/dev-token?content=7").status, 404)
      << "the dev-token endpoint is off by default";
  const HttpAnswer health = HttpRequest(port, http::verb::get, "/healthz");
  EXPECT_EQ(health.status, 200);
  EXPECT_EQ(health.body, "ok\n");
  EXPECT_EQ(PostJoin(port, JoinRequestWith(7, TokenFor(7))).status, 200);
}

TEST(ServicesJoinTest, DevTokenEndpointWhenEnabledMintsAUsableToken) {
  ServerOptions options = TestOptions();
  options.dev_token_endpoint = true;
  TestServer server(options);
  const HttpAnswer token = HttpRequest(server.port(), http::verb::get, "/v1/dev-token?content=9");
  ASSERT_EQ(token.status, 200);
  const std::string text = token.body.substr(0, token.body.find('\n'));
  EXPECT_EQ(PostJoin(server.port(), JoinRequestWith(9, text)).status, 200);
  EXPECT_EQ(HttpRequest(server.port(), http::verb::get, "/v1/dev-token").status, 400);
}

TEST(ServicesJoinTest, MetricsPageIsPrometheusText) {
  TestServer server;
  const HttpAnswer page = HttpRequest(server.port(), http::verb::get, "/metrics");
  ASSERT_EQ(page.status, 200);
  for (const char* name : {"http_requests_total", "joins_refused_total", "tracker_requests_total",
                           "signaling_relayed_total", "connections_open", "members", "swarms",
                           "received_bytes_total", "rate_limited_total"}) {
    EXPECT_THAT(page.body, HasSubstr(std::string("\ncdnmesh_services_") + name + " ")) << name;
  }
  EXPECT_THAT(page.body, HasSubstr("# TYPE cdnmesh_services_members gauge"));
}

}  // namespace
}  // namespace cdnmesh::services::testing
