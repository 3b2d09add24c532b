// One WebSocket connection to the tracker or to signaling: one binary message = one frame.
// Messages are bounded (kMaxFrameBytes), rate-limited per connection (token bucket; excess
// answered with ServiceError kOverloaded and retry_after_ms), and a connection that keeps
// misbehaving (max_strikes refusals in a row) or reads too slowly (kMaxQueuedBytes unsent) is
// closed. Beast's idle timeout pings a silent peer and drops it when no pong comes.
#pragma once

#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>
#include <deque>
#include <memory>
#include <string>
#include <vector>

#include "services/server_context.h"
#include "services/token_bucket.h"

namespace cdnmesh::services {

/// Unsent bytes a connection may have queued before it is closed as a slow reader.
inline constexpr std::size_t kMaxQueuedBytes = 1 << 20;

/// A tracker or signaling WebSocket. Lives while a read or write is pending.
class WsSession : public std::enable_shared_from_this<WsSession>, public Closable {
 public:
  /// Which service the socket speaks to.
  enum class Role { kTracker, kSignaling };
  using Request = boost::beast::http::request<boost::beast::http::string_body>;
  /// A frame shared by every connection it is queued on.
  using Frame = std::shared_ptr<const std::vector<std::uint8_t>>;

  /// Takes over an HTTP connection whose request was an upgrade; `peer` is the peer id (a new
  /// one for the tracker, the accepted one for signaling).
  WsSession(boost::beast::tcp_stream stream, ServerContext& ctx, Role role, PeerId peer);
  ~WsSession() override;
  /// Completes the upgrade and starts reading.
  void Run(Request request);
  /// Queues one frame (closes the connection if too much is queued).
  void Send(Frame frame);
  void Shutdown() override;

 private:
  void OnAccept(boost::beast::error_code ec);
  void DoRead();
  void OnRead(boost::beast::error_code ec, std::size_t bytes);
  bool Admit(TimeUs now_us);
  void Deliver(std::vector<OutFrame>* frames);
  void DoWrite();
  void OnWrite(boost::beast::error_code ec, std::size_t bytes);
  void Strike(const char* reason);
  void CloseWith(boost::beast::websocket::close_code code, const std::string& reason);
  void Ended(boost::beast::error_code ec);

  boost::beast::websocket::stream<boost::beast::tcp_stream> ws_;
  ServerContext& ctx_;
  Role role_;
  PeerId peer_;
  std::uint64_t serial_ = 0;
  boost::beast::flat_buffer buffer_;
  std::deque<Frame> queue_;
  std::size_t queued_bytes_ = 0;
  TokenBucket bucket_;
  int strikes_ = 0;
  bool accepted_ = false;
  bool closing_ = false;
  bool ended_ = false;
  std::vector<OutFrame> out_;  ///< scratch
};

}  // namespace cdnmesh::services
