#include "services/http_session.h"

#include <boost/beast/websocket.hpp>
#include <chrono>
#include <utility>

#include "services/log.h"
#include "services/publisher_token.h"
#include "services/query.h"
#include "services/ws_session.h"

namespace cdnmesh::services {
namespace beast = boost::beast;
namespace http = beast::http;

namespace {

HttpSession::Response TextResponse(const HttpSession::Request& request, http::status status,
                                   std::string body, const char* type = "text/plain") {
  HttpSession::Response response{status, request.version()};
  response.set(http::field::server, "cdnmesh-services");
  response.set(http::field::content_type, type);
  response.keep_alive(request.keep_alive());
  response.body() = std::move(body);
  response.prepare_payload();
  return response;
}

// The status that fits a parse error, or 400.
http::status StatusOfParseError(const beast::error_code& ec) {
  if (ec == http::error::body_limit) return http::status::payload_too_large;
  if (ec == http::error::header_limit) return http::status::request_header_fields_too_large;
  return http::status::bad_request;
}

}  // namespace

HttpSession::HttpSession(boost::asio::ip::tcp::socket socket, ServerContext& ctx)
    : stream_(std::move(socket)), ctx_(ctx) {}

HttpSession::~HttpSession() {
  if (!handed_off_) --ctx_.counters.connections_open;
  UnregisterConnection(ctx_, serial_);
}

void HttpSession::Run() {
  serial_ = RegisterConnection(ctx_, weak_from_this());
  DoRead();
}

void HttpSession::Shutdown() {
  beast::error_code ignored;
  stream_.socket().shutdown(boost::asio::ip::tcp::socket::shutdown_both, ignored);
  stream_.close();
}

void HttpSession::DoRead() {
  parser_.emplace();
  parser_->body_limit(kMaxHttpBodyBytes);
  parser_->header_limit(kMaxHttpHeaderBytes);
  stream_.expires_after(
      std::chrono::milliseconds(static_cast<std::int64_t>(ctx_.options.http_timeout_s * 1000)));
  http::async_read(stream_, buffer_, *parser_,
                   beast::bind_front_handler(&HttpSession::OnRead, shared_from_this()));
}

void HttpSession::OnRead(beast::error_code ec, std::size_t /*bytes*/) {
  if (ec == http::error::end_of_stream || ec == boost::asio::error::eof ||
      ec == boost::asio::error::operation_aborted || ctx_.stopping) {
    return Shutdown();
  }
  if (ec == beast::error::timeout) {
    ++ctx_.counters.idle_closed;
    return Shutdown();
  }
  if (ec) {
    // Answer what can be answered (too large, malformed), then close: the stream cannot be
    // resynchronised after a bad request.
    ++ctx_.counters.http_refused;
    Request request;
    request.version(11);
    request.keep_alive(false);
    return Send(TextResponse(request, StatusOfParseError(ec), ec.message() + "\n"));
  }
  ++ctx_.counters.http_requests;
  Request request = parser_->release();
  ctx_.counters.bytes_in += request.body().size();
  if (beast::websocket::is_upgrade(request)) return Upgrade(request);
  Route(request);
}

void HttpSession::Route(Request& request) { Send(Answer(request)); }

HttpSession::Response HttpSession::Answer(const Request& request) {
  const std::string_view target(request.target().data(), request.target().size());
  const std::string_view path = target.substr(0, target.find('?'));
  const bool get = request.method() == http::verb::get;
  if (path == "/v1/join" && request.method() == http::verb::post) {
    const std::string& body = request.body();
    JoinAnswer answer = ctx_.dispatch->Join(
        UnixNowUs(), reinterpret_cast<const std::uint8_t*>(body.data()), body.size());
    if (answer.http_status != 200) ++ctx_.counters.http_refused;
    return TextResponse(request, static_cast<http::status>(answer.http_status),
                        std::string(answer.frame.begin(), answer.frame.end()),
                        "application/octet-stream");
  }
  if (path == "/metrics" && get) {
    return TextResponse(request, http::status::ok, RenderMetrics(*ctx_.dispatch, ctx_.counters),
                        "text/plain; version=0.0.4");
  }
  if (path == "/healthz" && get) {
    return TextResponse(request,
                        ctx_.stopping ? http::status::service_unavailable : http::status::ok,
                        ctx_.stopping ? "stopping\n" : "ok\n");
  }
  if (path == "/v1/dev-token" && get && ctx_.options.dev_token_endpoint) {
    std::uint64_t content = 0;
    if (!QueryUint(target, "content", UINT32_MAX, &content)) {
      ++ctx_.counters.http_refused;
      return TextResponse(request, http::status::bad_request, "content=<id> required\n");
    }
    const std::int64_t expiry_s = UnixNowUs() / kUsPerSecond + 300;
    return TextResponse(request, http::status::ok,
                        MintPublisherToken(ctx_.publisher_key, static_cast<std::uint32_t>(content),
                                           expiry_s, RandomNonce()) +
                            "\n");
  }
  ++ctx_.counters.http_refused;
  return TextResponse(request, http::status::not_found, "no such resource\n");
}

void HttpSession::Send(Response response) {
  ctx_.counters.bytes_out += response.body().size();
  auto shared = std::make_shared<Response>(std::move(response));
  http::async_write(stream_, *shared,
                    [self = shared_from_this(), shared](beast::error_code ec, std::size_t) {
                      if (ec || !shared->keep_alive() || self->ctx_.stopping)
                        return self->Shutdown();
                      self->DoRead();
                    });
}

void HttpSession::Upgrade(Request& request) {
  const std::string_view target(request.target().data(), request.target().size());
  const std::string_view path = target.substr(0, target.find('?'));
  if (path == "/v1/tracker") {
    handed_off_ = true;
    auto session = std::make_shared<WsSession>(std::move(stream_), ctx_, WsSession::Role::kTracker,
                                               ctx_.dispatch->NewPeerId());
    return session->Run(std::move(request));
  }
  if (path == "/v1/signaling") return UpgradeSignaling(request);
  ++ctx_.counters.http_refused;
  Send(TextResponse(request, http::status::not_found, "no WebSocket at this path\n"));
}

// Accepted only for the peer id and session token its tracker connection presented.
void HttpSession::UpgradeSignaling(Request& request) {
  const std::string_view target(request.target().data(), request.target().size());
  std::uint64_t peer = 0;
  std::vector<std::uint8_t> token;
  if (!QueryUint(target, "peer", kInvalidPeer - 1, &peer) || !QueryHex(target, "token", &token)) {
    ++ctx_.counters.http_refused;
    request.keep_alive(false);
    return Send(TextResponse(request, http::status::bad_request,
                             "signaling: ?peer=<id>&token=<hex session token> required\n"));
  }
  const auto id = static_cast<PeerId>(peer);
  const Status open = ctx_.dispatch->SignalingOpen(UnixNowUs(), id, token);
  if (!open.ok()) {
    ++ctx_.counters.http_refused;
    request.keep_alive(false);
    return Send(
        TextResponse(request, http::status::forbidden, "signaling: " + open.message() + "\n"));
  }
  handed_off_ = true;
  auto session =
      std::make_shared<WsSession>(std::move(stream_), ctx_, WsSession::Role::kSignaling, id);
  session->Run(std::move(request));
}

}  // namespace cdnmesh::services
