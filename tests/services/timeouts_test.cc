// Timeouts and half-sent requests: a WebSocket peer that never answers pings is dropped after
// the idle timeout, an HTTP request that never completes is dropped after the HTTP timeout, and
// an HTTP body cut off mid-way ends only its own connection.
#include <gtest/gtest.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>

#include "tests/services/server_fixture.h"

namespace cdnmesh::services::testing {
namespace {

namespace net = boost::asio;
using tcp = net::ip::tcp;

// Polls a metric until it reaches `value` (the server counts on its own thread).
bool WaitForMetric(unsigned short port, const std::string& name, long long value) {
  for (int i = 0; i < 150; ++i) {
    if (MetricValue(port, name) >= value) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return false;
}

TEST(ServicesTimeoutTest, SilentWebSocketIsClosedAfterTheIdleTimeout) {
  ServerOptions options = TestOptions();
  options.idle_timeout_s = 1;
  TestServer server(options);
  WsClient silent;  // never reads, so never answers the server's ping
  ASSERT_TRUE(silent.Connect(server.port(), "/v1/tracker"));
  EXPECT_TRUE(WaitForMetric(server.port(), "idle_closed_total", 1));
  EXPECT_EQ(MetricValue(server.port(), "tracker_connections_open"), 0);
}

TEST(ServicesTimeoutTest, IncompleteHttpRequestIsDroppedAfterTheHttpTimeout) {
  ServerOptions options = TestOptions();
  options.http_timeout_s = 0.5;
  TestServer server(options);
  net::io_context ioc;
  tcp::socket socket(ioc);
  socket.connect({net::ip::make_address("127.0.0.1"), server.port()});
  net::write(socket, net::buffer(std::string("POST /v1/join HTTP/1.1\r\nHost: x\r\n")));
  char byte = 0;
  boost::system::error_code ec;
  const auto start = std::chrono::steady_clock::now();
  net::read(socket, net::buffer(&byte, 1), ec);  // returns when the server closes
  EXPECT_TRUE(ec) << "the server must close, not answer";
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(3));
  EXPECT_EQ(HttpRequest(server.port(), boost::beast::http::verb::get, "/healthz").status, 200);
}

TEST(ServicesTimeoutTest, BodyCutOffMidwayEndsOnlyThatConnection) {
  TestServer server;
  {
    net::io_context ioc;
    tcp::socket socket(ioc);
    socket.connect({net::ip::make_address("127.0.0.1"), server.port()});
    net::write(socket,
               net::buffer(std::string(
                   "POST /v1/join HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n0123456789")));
  }  // closed with 90 body bytes missing
  EXPECT_EQ(PostJoin(server.port(), JoinRequestWith(7, TokenFor(7))).status, 200);
  EXPECT_EQ(MetricValue(server.port(), "joins_accepted_total"), 1);
}

}  // namespace
}  // namespace cdnmesh::services::testing
