#include "services/server.h"

#include <boost/asio/post.hpp>
#include <chrono>
#include <csignal>
#include <fstream>
#include <iterator>

#include "core/config/client_config.h"
#include "services/http_session.h"
#include "services/log.h"
#include "services/publisher_token.h"
#include "services/session_seal.h"

namespace cdnmesh::services {
namespace net = boost::asio;
using tcp = net::ip::tcp;

namespace {

// Sockets get this long to close after a stop before the loop is abandoned.
constexpr auto kShutdownGrace = std::chrono::seconds(3);
constexpr std::size_t kMinKeyBytes = 16;

DurationUs SecondsToUs(double seconds) { return static_cast<DurationUs>(seconds * kUsPerSecond); }

Result<DispatchConfig> MakeDispatchConfig(const ServerOptions& o, std::vector<std::uint8_t> key,
                                          const std::string& public_url) {
  DispatchConfig config;
  config.distributor.base.scheduler.p2p_enabled = o.p2p;
  config.distributor.base.max_connections = o.client_max_connections;
  config.distributor.base.scheduler.announce_interval_us = SecondsToUs(o.announce_interval_s);
  config.distributor.base.scheduler.relay_after_bytes = o.client_relay_after_bytes;
  config.distributor.base.scheduler.seeding_miss_target = o.client_seeding_miss_target;
  config.distributor.base.scheduler.upload_deadline_admission =
      o.client_upload_deadline_admission;
  const Status valid = ValidateClientConfig(config.distributor.base);
  if (!valid.ok()) return Error{"client configuration: " + valid.message()};
  config.distributor.tracker_url = public_url + "/v1/tracker";
  config.distributor.signaling_url = public_url + "/v1/signaling";
  config.tracker.policy = o.policy;
  config.tracker.peers_per_request = o.peers_per_request;
  config.tracker.matching.locality.supply_headroom = o.locality_supply_headroom;
  config.tracker.announce_interval_us = SecondsToUs(o.announce_interval_s);
  config.publisher.key = std::move(key);
  config.publisher.max_ttl_s = static_cast<std::int64_t>(o.max_token_ttl_s);
  config.publisher.replay_capacity = static_cast<std::size_t>(o.replay_capacity);
  config.session_secret = RandomNonce();  // tokens of another process are not valid here
  config.seal_key = RandomSealKey();
  config.session_lifetime_us = SecondsToUs(o.session_ttl_s);
  config.seed = o.seed;
  return config;
}

nlohmann::json CounterFields(const ServerContext& ctx) {
  const HostCounters& h = ctx.counters;
  const ServiceDispatch& d = *ctx.dispatch;
  return {{"http_requests", h.http_requests},
          {"http_refused", h.http_refused},
          {"connections", h.connections_accepted},
          {"joins", d.stats().joins_accepted},
          {"joins_refused", d.stats().joins_refused},
          {"tracker_requests", d.tracker().stats().requests},
          {"tracker_refused", d.tracker().stats().refused},
          {"relayed", d.relay().stats().relayed},
          {"relay_refused", d.relay().stats().refused},
          {"bad_frames", d.stats().bad_frames},
          {"rate_limited", h.rate_limited},
          {"closed_for_abuse", h.closed_for_abuse},
          {"bytes_in", h.bytes_in},
          {"bytes_out", h.bytes_out}};
}

}  // namespace

Result<std::vector<std::uint8_t>> ReadKeyFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error{"--publisher-key-file: cannot read " + path};
  std::vector<std::uint8_t> key((std::istreambuf_iterator<char>(in)),
                                std::istreambuf_iterator<char>());
  while (!key.empty() && (key.back() == '\n' || key.back() == '\r' || key.back() == ' '))
    key.pop_back();
  if (key.size() < kMinKeyBytes) {
    return Error{"--publisher-key-file: " + path + " holds " + std::to_string(key.size()) +
                 " bytes, at least " + std::to_string(kMinKeyBytes) + " required"};
  }
  return key;
}

TimeUs UnixNowUs() {
  return std::chrono::duration_cast<std::chrono::microseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::uint64_t RegisterConnection(ServerContext& ctx, std::weak_ptr<Closable> connection) {
  const std::uint64_t serial = ctx.next_connection++;
  ctx.live.emplace(serial, std::move(connection));
  return serial;
}

void UnregisterConnection(ServerContext& ctx, std::uint64_t serial) {
  if (serial == 0 || ctx.live.erase(serial) == 0) return;
  if (ctx.stopping && ctx.live.empty() && ctx.on_idle) ctx.on_idle();
}

Result<std::unique_ptr<Server>> Server::Create(const ServerOptions& options,
                                               std::vector<std::uint8_t> publisher_key) {
  std::unique_ptr<Server> server(new Server());
  boost::system::error_code ec;
  const auto address = net::ip::make_address(options.bind, ec);
  if (ec) return Error{"--bind: '" + options.bind + "' is not an IP address"};
  const tcp::endpoint endpoint(address, static_cast<unsigned short>(options.port));
  server->acceptor_.open(endpoint.protocol(), ec);
  if (!ec) server->acceptor_.set_option(net::socket_base::reuse_address(true), ec);
  if (!ec) server->acceptor_.bind(endpoint, ec);
  if (!ec) server->acceptor_.listen(net::socket_base::max_listen_connections, ec);
  if (ec)
    return Error{"--port: cannot listen on " + options.bind + ":" + std::to_string(options.port) +
                 ": " + ec.message()};
  server->port_ = server->acceptor_.local_endpoint().port();
  const std::string public_url = options.public_url.empty()
                                     ? "ws://" + options.bind + ":" + std::to_string(server->port_)
                                     : options.public_url;
  auto config = MakeDispatchConfig(options, publisher_key, public_url);
  if (!config.ok()) return config.error();
  auto dispatch = ServiceDispatch::Create(std::move(config).value());
  if (!dispatch.ok()) return Error{"--" + dispatch.error().message};
  server->ctx_.options = options;
  server->ctx_.publisher_key = std::move(publisher_key);
  server->ctx_.dispatch = std::move(dispatch).value();
  return server;
}

void Server::DoAccept() {
  acceptor_.async_accept([this](boost::system::error_code ec, tcp::socket socket) {
    if (ec || ctx_.stopping) return;  // acceptor closed
    ++ctx_.counters.connections_accepted;
    if (ctx_.counters.connections_open >= static_cast<std::uint64_t>(ctx_.options.max_clients)) {
      ++ctx_.counters.http_refused;  // over the fd budget: dropped at once
      socket.close(ec);
    } else {
      ++ctx_.counters.connections_open;
      socket.set_option(tcp::no_delay(true), ec);
      std::make_shared<HttpSession>(std::move(socket), ctx_)->Run();
    }
    DoAccept();
  });
}

void Server::Run(bool handle_signals) {
  if (handle_signals) {
    signals_.add(SIGINT);
    signals_.add(SIGTERM);
    signals_.async_wait([this](boost::system::error_code ec, int signal) {
      if (!ec) Stop(signal == SIGINT ? "SIGINT" : "SIGTERM");
    });
  }
  Log(LogLevel::kInfo, "listening",
      {{"bind", ctx_.options.bind},
       {"port", port_},
       {"policy", ctx_.options.policy},
       {"dev_token_endpoint", ctx_.options.dev_token_endpoint}});
  DoAccept();
  ioc_.run();
  Log(LogLevel::kInfo, "stopped", CounterFields(ctx_));
}

void Server::RequestStop() {
  net::post(ioc_, [this] { Stop("request"); });
}

void Server::Stop(const char* why) {
  if (ctx_.stopping) return;
  ctx_.stopping = true;
  Log(LogLevel::kInfo, "stopping", {{"reason", why}, {"connections", ctx_.live.size()}});
  boost::system::error_code ec;
  acceptor_.close(ec);
  signals_.cancel(ec);
  ctx_.on_idle = [this] { shutdown_deadline_.cancel(); };
  std::vector<std::shared_ptr<Closable>> open;
  for (auto& [serial, weak] : ctx_.live) {
    if (auto connection = weak.lock()) open.push_back(std::move(connection));
  }
  for (const auto& connection : open) connection->Shutdown();
  open.clear();
  shutdown_deadline_.expires_after(kShutdownGrace);
  shutdown_deadline_.async_wait([this](boost::system::error_code wait_ec) {
    if (!wait_ec) ioc_.stop();  // some peer never finished its close handshake
  });
  if (ctx_.live.empty()) shutdown_deadline_.cancel();
}

}  // namespace cdnmesh::services
