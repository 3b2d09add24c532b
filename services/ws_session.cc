#include "services/ws_session.h"

#include <chrono>
#include <utility>

#include "core/protocol/limits.h"
#include "services/log.h"

namespace cdnmesh::services {
namespace beast = boost::beast;
namespace websocket = beast::websocket;

namespace {

std::chrono::milliseconds Ms(double seconds) {
  return std::chrono::milliseconds(static_cast<std::int64_t>(seconds * 1000));
}

TokenBucket BucketFor(const ServerOptions& o, WsSession::Role role) {
  return role == WsSession::Role::kTracker
             ? TokenBucket(o.tracker_rate_per_s, o.tracker_burst, UnixNowUs())
             : TokenBucket(o.signaling_rate_per_s, o.signaling_burst, UnixNowUs());
}

}  // namespace

WsSession::WsSession(beast::tcp_stream stream, ServerContext& ctx, Role role, PeerId peer)
    : ws_(std::move(stream)),
      ctx_(ctx),
      role_(role),
      peer_(peer),
      bucket_(BucketFor(ctx.options, role)) {
  (role_ == Role::kTracker ? ctx_.counters.tracker_open : ctx_.counters.signaling_open)++;
}

WsSession::~WsSession() {
  Ended({});
  (role_ == Role::kTracker ? ctx_.counters.tracker_open : ctx_.counters.signaling_open)--;
  --ctx_.counters.connections_open;
  UnregisterConnection(ctx_, serial_);
}

void WsSession::Run(Request request) {
  serial_ = RegisterConnection(ctx_, weak_from_this());
  if (role_ == Role::kSignaling) ctx_.signaling[peer_] = weak_from_this();
  beast::get_lowest_layer(ws_).expires_never();  // the websocket timeouts take over
  websocket::stream_base::timeout timeout;
  timeout.handshake_timeout = Ms(ctx_.options.http_timeout_s);
  timeout.idle_timeout = Ms(ctx_.options.idle_timeout_s);
  timeout.keep_alive_pings = true;
  ws_.set_option(timeout);
  ws_.read_message_max(protocol::kMaxFrameBytes);
  ws_.binary(true);
  ws_.auto_fragment(false);
  ws_.async_accept(request, beast::bind_front_handler(&WsSession::OnAccept, shared_from_this()));
}

void WsSession::OnAccept(beast::error_code ec) {
  if (ec) return Ended(ec);
  accepted_ = true;
  Log(LogLevel::kDebug, "ws_open",
      {{"peer", peer_}, {"role", role_ == Role::kTracker ? "tracker" : "signaling"}});
  if (ctx_.stopping) return Shutdown();
  DoRead();
}

void WsSession::DoRead() {
  ws_.async_read(buffer_, beast::bind_front_handler(&WsSession::OnRead, shared_from_this()));
}

void WsSession::OnRead(beast::error_code ec, std::size_t bytes) {
  if (ec) return Ended(ec);
  ++ctx_.counters.ws_messages_in;
  ctx_.counters.bytes_in += bytes;
  const TimeUs now_us = UnixNowUs();
  if (closing_) {
    buffer_.consume(buffer_.size());
    return DoRead();
  }
  if (!ws_.got_binary()) {
    Send(std::make_shared<std::vector<std::uint8_t>>(ServiceDispatch::ErrorFrame(
        protocol::ServiceErrorCode::kBadRequest, "binary WebSocket messages only")));
    Strike("text messages");
  } else if (Admit(now_us)) {
    const auto* data = static_cast<const std::uint8_t*>(buffer_.cdata().data());
    out_.clear();
    const std::uint64_t bad_before = ctx_.dispatch->stats().bad_frames;
    if (role_ == Role::kTracker) {
      ctx_.dispatch->TrackerFrame(now_us, peer_, data, buffer_.size(), &out_);
    } else {
      ctx_.dispatch->SignalingFrame(now_us, peer_, data, buffer_.size(), &out_);
    }
    const bool bad = ctx_.dispatch->stats().bad_frames != bad_before;
    Deliver(&out_);
    if (bad) {
      Strike("undecodable frames");
    } else {
      strikes_ = 0;
    }
  }
  buffer_.consume(buffer_.size());
  if (buffer_.capacity() > 64 * 1024) buffer_.shrink_to_fit();  // one large message, then small
  DoRead();
}

// The rate limit: refused messages are answered, not silently dropped, so a client can back off.
bool WsSession::Admit(TimeUs now_us) {
  if (bucket_.TryTake(now_us)) return true;
  ++ctx_.counters.rate_limited;
  Send(std::make_shared<std::vector<std::uint8_t>>(ServiceDispatch::ErrorFrame(
      protocol::ServiceErrorCode::kOverloaded, "rate limit: slow down", bucket_.WaitMs(now_us))));
  Strike("rate limit exceeded");
  return false;
}

void WsSession::Deliver(std::vector<OutFrame>* frames) {
  for (OutFrame& frame : *frames) {
    auto shared = std::make_shared<const std::vector<std::uint8_t>>(std::move(frame.bytes));
    if (frame.to == peer_) {
      Send(std::move(shared));
      continue;
    }
    // Relayed signaling: the recipient's own socket (gone already if it closed meanwhile).
    const auto it = ctx_.signaling.find(frame.to);
    if (it == ctx_.signaling.end()) continue;
    if (auto recipient = it->second.lock()) recipient->Send(std::move(shared));
  }
}

void WsSession::Strike(const char* reason) {
  if (++strikes_ < ctx_.options.max_strikes) return;
  ++ctx_.counters.closed_for_abuse;
  Log(LogLevel::kInfo, "ws_closed_for_abuse", {{"peer", peer_}, {"reason", reason}});
  CloseWith(websocket::close_code::policy_error, reason);
}

void WsSession::Send(Frame frame) {
  if (closing_ || !accepted_) return;
  if (queued_bytes_ + frame->size() > kMaxQueuedBytes) {
    ++ctx_.counters.closed_for_abuse;
    Log(LogLevel::kInfo, "ws_closed_slow_reader", {{"peer", peer_}});
    beast::get_lowest_layer(ws_).close();  // it does not read: a close handshake would stall
    return;
  }
  queued_bytes_ += frame->size();
  queue_.push_back(std::move(frame));
  if (queue_.size() == 1) DoWrite();
}

void WsSession::DoWrite() {
  ws_.async_write(boost::asio::buffer(*queue_.front()),
                  beast::bind_front_handler(&WsSession::OnWrite, shared_from_this()));
}

void WsSession::OnWrite(beast::error_code ec, std::size_t bytes) {
  if (ec) return Ended(ec);
  ++ctx_.counters.ws_messages_out;
  ctx_.counters.bytes_out += bytes;
  queued_bytes_ -= queue_.front()->size();
  queue_.pop_front();
  if (!queue_.empty() && !closing_) DoWrite();
}

void WsSession::CloseWith(websocket::close_code code, const std::string& reason) {
  if (closing_) return;
  closing_ = true;
  if (!accepted_) {
    beast::get_lowest_layer(ws_).close();
    return;
  }
  // A close frame after what is queued; Beast waits for a pending write to finish first.
  ws_.async_close(websocket::close_reason(code, reason),
                  [self = shared_from_this()](beast::error_code) {
                    beast::get_lowest_layer(self->ws_).close();
                  });
}

void WsSession::Shutdown() { CloseWith(websocket::close_code::going_away, "server shutting down"); }

// Once per connection: the services forget it.
void WsSession::Ended(beast::error_code ec) {
  if (ended_) return;
  ended_ = true;
  if (ec == beast::error::timeout) ++ctx_.counters.idle_closed;
  if (ec == websocket::error::message_too_big) ++ctx_.counters.closed_for_abuse;
  beast::get_lowest_layer(ws_).close();
  if (role_ == Role::kTracker) {
    ctx_.dispatch->TrackerClosed(peer_);
    // Its signaling socket has no tracker session any more.
    const auto it = ctx_.signaling.find(peer_);
    if (it != ctx_.signaling.end()) {
      if (auto signaling = it->second.lock()) signaling->Shutdown();
    }
  } else {
    ctx_.dispatch->SignalingClosed(peer_);
    const auto it = ctx_.signaling.find(peer_);
    if (it != ctx_.signaling.end()) {
      const auto owner = it->second.lock();  // expired when called from the destructor
      if (owner == nullptr || owner.get() == this) ctx_.signaling.erase(it);
    }
  }
  Log(LogLevel::kDebug, "ws_closed", {{"peer", peer_}, {"error", ec.message()}});
}

}  // namespace cdnmesh::services
