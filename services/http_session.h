// One accepted TCP connection speaking HTTP/1.1: routes POST /v1/join, GET /metrics,
// GET /healthz, GET /v1/dev-token (when enabled) and hands WebSocket upgrades for /v1/tracker
// and /v1/signaling to a WsSession. Bodies are bounded (kMaxHttpBodyBytes), headers too, and a
// request must arrive within the HTTP timeout.
#pragma once

#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <memory>
#include <optional>

#include "services/server_context.h"

namespace cdnmesh::services {

/// Largest HTTP request body accepted: a JoinRequest with the largest auth token fits.
inline constexpr std::size_t kMaxHttpBodyBytes = 16 * 1024;
/// Largest HTTP request header block accepted.
inline constexpr std::size_t kMaxHttpHeaderBytes = 8 * 1024;

/// An HTTP connection. Lives as long as a read or write is pending (shared_from_this).
class HttpSession : public std::enable_shared_from_this<HttpSession>, public Closable {
 public:
  using Request = boost::beast::http::request<boost::beast::http::string_body>;
  using Response = boost::beast::http::response<boost::beast::http::string_body>;

  HttpSession(boost::asio::ip::tcp::socket socket, ServerContext& ctx);
  ~HttpSession() override;
  /// Registers with the server and reads the first request.
  void Run();
  void Shutdown() override;

 private:
  void DoRead();
  void OnRead(boost::beast::error_code ec, std::size_t bytes);
  void Route(Request& request);
  void Upgrade(Request& request);
  void UpgradeSignaling(Request& request);
  Response Answer(const Request& request);
  void Send(Response response);

  boost::beast::tcp_stream stream_;
  boost::beast::flat_buffer buffer_;
  std::optional<boost::beast::http::request_parser<boost::beast::http::string_body>> parser_;
  ServerContext& ctx_;
  std::uint64_t serial_ = 0;
  bool handed_off_ = false;  ///< the socket now belongs to a WsSession
};

}  // namespace cdnmesh::services
