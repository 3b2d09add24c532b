#include "tests/services/test_client.h"

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/write.hpp>

namespace cdnmesh::services::testing {
namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
namespace net = boost::asio;
using tcp = net::ip::tcp;

namespace {

tcp::endpoint Loopback(unsigned short port) {
  return tcp::endpoint(net::ip::make_address("127.0.0.1"), port);
}

}  // namespace

std::vector<std::uint8_t> Frame(const protocol::Message& message) {
  std::vector<std::uint8_t> bytes;
  const Status status = protocol::EncodeMessage(message, bytes);
  if (!status.ok()) throw std::runtime_error("test frame does not encode: " + status.message());
  return bytes;
}

Result<protocol::Message> DecodeBody(const std::string& body) {
  return protocol::DecodeMessage(reinterpret_cast<const std::uint8_t*>(body.data()), body.size());
}

HttpAnswer HttpRequest(unsigned short port, http::verb verb, const std::string& target,
                       const std::string& body) {
  net::io_context ioc;
  beast::tcp_stream stream(ioc);
  HttpAnswer answer;
  beast::error_code ec;
  http::request<http::string_body> request{verb, target, 11};
  request.set(http::field::host, "127.0.0.1");
  request.set(http::field::content_type, "application/octet-stream");
  request.body() = body;
  request.prepare_payload();
  http::response<http::string_body> response;
  beast::flat_buffer buffer;
  stream.expires_after(kClientTimeout);
  stream.async_connect(Loopback(port), [&](beast::error_code e) {
    if ((ec = e)) return;
    stream.expires_after(kClientTimeout);
    http::async_write(stream, request, [&](beast::error_code e2, std::size_t) {
      if ((ec = e2)) return;
      stream.expires_after(kClientTimeout);
      http::async_read(stream, buffer, response,
                       [&](beast::error_code e3, std::size_t) { ec = e3; });
    });
  });
  ioc.run();
  if (ec) {
    answer.error = ec.message();
    return answer;
  }
  answer.status = static_cast<int>(response.result_int());
  answer.body = response.body();
  return answer;
}

HttpAnswer PostJoin(unsigned short port, const protocol::Message& message) {
  const std::vector<std::uint8_t> frame = Frame(message);
  return HttpRequest(port, http::verb::post, "/v1/join", std::string(frame.begin(), frame.end()));
}

WsClient::WsClient() : ws_(ioc_) {}

beast::error_code WsClient::RunUntilDone(bool* done, std::chrono::milliseconds timeout) {
  beast::get_lowest_layer(ws_).expires_after(timeout);
  ioc_.restart();
  while (!*done && ioc_.run_one() > 0) {
  }
  return {};
}

bool WsClient::Connect(unsigned short port, const std::string& target, int* http_status) {
  bool done = false;
  beast::error_code ec;
  websocket::response_type response;
  beast::get_lowest_layer(ws_).async_connect(Loopback(port), [&](beast::error_code e) {
    if ((ec = e)) {
      done = true;
      return;
    }
    ws_.async_handshake(response, "127.0.0.1", target, [&](beast::error_code e2) {
      ec = e2;
      done = true;
    });
  });
  RunUntilDone(&done, kClientTimeout);
  if (http_status != nullptr) *http_status = static_cast<int>(response.result_int());
  if (ec) return false;
  ws_.binary(true);
  ws_.read_message_max(protocol::kMaxFrameBytes * 2);
  return true;
}

bool WsClient::SendBytes(const std::vector<std::uint8_t>& bytes, bool binary) {
  bool done = false;
  beast::error_code ec;
  ws_.binary(binary);
  ws_.async_write(net::buffer(bytes), [&](beast::error_code e, std::size_t) {
    ec = e;
    done = true;
  });
  RunUntilDone(&done, kClientTimeout);
  return done && !ec;
}

std::optional<protocol::Message> WsClient::Receive(std::chrono::milliseconds timeout) {
  bool done = false;
  beast::error_code ec;
  buffer_.consume(buffer_.size());
  ws_.async_read(buffer_, [&](beast::error_code e, std::size_t) {
    ec = e;
    done = true;
  });
  RunUntilDone(&done, timeout);
  if (!done || ec) {
    if (ec == websocket::error::closed) {
      closed_ = true;
      close_reason_ = std::string(ws_.reason().reason.c_str());
    } else if (ec) {
      closed_ = true;  // reset, timeout (socket closed by the expiry) or EOF
    }
    return std::nullopt;
  }
  auto decoded = protocol::DecodeMessage(static_cast<const std::uint8_t*>(buffer_.cdata().data()),
                                         buffer_.size());
  if (!decoded.ok()) return std::nullopt;
  return std::move(decoded).value();
}

bool WsClient::SendRawTcp(const std::string& bytes) {
  beast::error_code ec;
  net::write(beast::get_lowest_layer(ws_).socket(), net::buffer(bytes), ec);
  return !ec;
}

void WsClient::Abort() {
  beast::error_code ec;
  beast::get_lowest_layer(ws_).socket().close(ec);
}

}  // namespace cdnmesh::services::testing
