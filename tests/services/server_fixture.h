// An in-process cdnmesh-services on an ephemeral loopback port, run on its own thread (the
// server's one io_context thread); the test talks to it only through sockets.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <memory>
#include <string>
#include <thread>

#include "core/protocol/message.h"
#include "services/log.h"
#include "services/publisher_token.h"
#include "services/server.h"
#include "tests/services/test_client.h"

namespace cdnmesh::services::testing {

/// The publisher key of every test server.
inline const std::vector<std::uint8_t>& TestKey() {
  static const std::vector<std::uint8_t> key = [] {
    const std::string text = "test-publisher-key-0123456789";
    return std::vector<std::uint8_t>(text.begin(), text.end());
  }();
  return key;
}

/// Unix seconds now.
inline std::int64_t NowS() { return UnixNowUs() / 1'000'000; }

/// A valid token for `content`, `ttl_s` ahead, with a fresh nonce.
inline std::string TokenFor(std::uint32_t content, std::int64_t ttl_s = 300) {
  return MintPublisherToken(TestKey(), content, NowS() + ttl_s, RandomNonce());
}

/// A JoinRequest for `content` carrying `token`.
inline protocol::JoinRequest JoinRequestWith(std::uint32_t content, const std::string& token) {
  protocol::JoinRequest join;
  join.content = content;
  join.client_version = "cdnmesh-test/1";
  join.auth_token.assign(token.begin(), token.end());
  return join;
}

/// Options of a test server: quiet logs, generous limits unless a test narrows them.
inline ServerOptions TestOptions() {
  ServerOptions options;
  options.port = 0;
  options.publisher_key_file = "(in memory)";
  options.policy = "random";
  options.tracker_rate_per_s = 1000;
  options.tracker_burst = 1000;
  options.log_level = "warn";
  return options;
}

/// The server, running for the fixture's lifetime.
class TestServer {
 public:
  explicit TestServer(ServerOptions options = TestOptions()) {
    SetLogLevel(LogLevel::kWarn);
    auto server = Server::Create(options, TestKey());
    if (!server.ok()) throw std::runtime_error(server.error().message);
    server_ = std::move(server).value();
    thread_ = std::thread([this] { server_->Run(/*handle_signals=*/false); });
  }
  ~TestServer() {
    server_->RequestStop();
    thread_.join();
  }
  unsigned short port() const { return server_->port(); }

 private:
  std::unique_ptr<Server> server_;
  std::thread thread_;
};

/// A session token from a successful join (empty, with a test failure, otherwise).
inline std::vector<std::uint8_t> SessionToken(unsigned short port, std::uint32_t content = 7) {
  const HttpAnswer answer = PostJoin(port, JoinRequestWith(content, TokenFor(content)));
  EXPECT_EQ(answer.status, 200) << answer.body << answer.error;
  auto decoded = DecodeBody(answer.body);
  if (!decoded.ok()) return {};
  const auto* config = std::get_if<protocol::ConfigResponse>(&decoded.value());
  return config == nullptr ? std::vector<std::uint8_t>{} : config->session_token;
}

/// The value of metric `name` on GET /metrics, or -1.
inline long long MetricValue(unsigned short port, const std::string& name) {
  const HttpAnswer page = HttpRequest(port, boost::beast::http::verb::get, "/metrics");
  const std::string needle = "\ncdnmesh_services_" + name + " ";
  const std::size_t at = page.body.find(needle);
  if (at == std::string::npos) return -1;
  return std::stoll(page.body.substr(at + needle.size()));
}

/// Hex of bytes, for the signaling query string.
inline std::string Hex(const std::vector<std::uint8_t>& bytes) {
  static const char* kDigits = "0123456789abcdef";
  std::string out;
  for (const std::uint8_t b : bytes) {
    out.push_back(kDigits[b >> 4]);
    out.push_back(kDigits[b & 0xF]);
  }
  return out;
}

}  // namespace cdnmesh::services::testing
