// A small Beast client for the services' tests and benchmark: HTTP requests and a WebSocket that
// sends and receives core/protocol frames, each operation bounded by a timeout (a server that
// stalls fails the test instead of hanging it).
#pragma once

#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/protocol/codec.h"
#include "core/protocol/limits.h"

namespace cdnmesh::services::testing {

/// Per-operation timeout of the test client.
inline constexpr std::chrono::milliseconds kClientTimeout{3000};

/// An HTTP answer: status 0 when the request failed at the socket level.
struct HttpAnswer {
  int status = 0;
  std::string body;
  std::string error;
};

/// One HTTP/1.1 request to 127.0.0.1:`port` on a fresh connection.
HttpAnswer HttpRequest(unsigned short port, boost::beast::http::verb verb,
                       const std::string& target, const std::string& body = "");
/// POST /v1/join with one frame holding `message`.
HttpAnswer PostJoin(unsigned short port, const protocol::Message& message);
/// Bytes of a frame holding `message` (must encode).
std::vector<std::uint8_t> Frame(const protocol::Message& message);
/// Decodes an HTTP body as one frame.
Result<protocol::Message> DecodeBody(const std::string& body);

/// A WebSocket client speaking frames.
class WsClient {
 public:
  WsClient();
  /// Opens ws://127.0.0.1:port`target`; false with `http_status` set when the server refused
  /// the upgrade (0 if the socket failed).
  bool Connect(unsigned short port, const std::string& target, int* http_status = nullptr);
  /// Sends raw bytes as one binary message (false on a socket error).
  bool SendBytes(const std::vector<std::uint8_t>& bytes, bool binary = true);
  /// Sends one frame.
  bool Send(const protocol::Message& message) { return SendBytes(Frame(message)); }
  /// The next message decoded; nullopt on a socket error, close or timeout (see closed()).
  std::optional<protocol::Message> Receive(std::chrono::milliseconds timeout = kClientTimeout);
  /// Raw TCP bytes, bypassing WebSocket framing (for truncated frames).
  bool SendRawTcp(const std::string& bytes);
  /// Closes the TCP socket at once, no close handshake.
  void Abort();
  /// True once the server closed the WebSocket; its close reason.
  bool closed() const { return closed_; }
  const std::string& close_reason() const { return close_reason_; }

 private:
  boost::beast::error_code RunUntilDone(bool* done, std::chrono::milliseconds timeout);

  boost::asio::io_context ioc_;
  boost::beast::websocket::stream<boost::beast::tcp_stream> ws_;
  boost::beast::flat_buffer buffer_;
  bool closed_ = false;
  std::string close_reason_;
};

}  // namespace cdnmesh::services::testing
