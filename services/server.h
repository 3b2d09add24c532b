// The services' one listener: HTTP and both WebSocket paths on one port, on one io_context run
// by one thread: the core objects are not thread-safe, and more cores are better spent on more
// processes sharded by swarm than on locks around one tracker (measured ceiling and where the
// time goes: docs/real-client.md, "Load"). SIGINT / SIGTERM stop it gracefully: no new connections, every socket
// closed (WebSockets with "going away"), a final counter log line, Run returns.
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <memory>

#include "services/server_context.h"

namespace cdnmesh::services {

/// Reads the publisher key file: its bytes, trailing whitespace dropped; >= 16 bytes.
Result<std::vector<std::uint8_t>> ReadKeyFile(const std::string& path);

/// A bound, not yet running server.
class Server {
 public:
  /// Binds the port and builds the services; error names the setting or the bind failure.
  static Result<std::unique_ptr<Server>> Create(const ServerOptions& options,
                                                std::vector<std::uint8_t> publisher_key);
  /// The bound port.
  unsigned short port() const { return port_; }
  /// Serves until stopped (by RequestStop, or SIGINT/SIGTERM when `handle_signals`).
  void Run(bool handle_signals);
  /// Asks a running server to stop; safe from any thread.
  void RequestStop();
  /// Counters (read them only from the server's thread or after Run returned).
  const ServerContext& context() const { return ctx_; }

 private:
  Server() = default;
  void DoAccept();
  void Stop(const char* why);

  ServerContext ctx_;  // first: handlers destroyed with ioc_ still reach it
  boost::asio::io_context ioc_{1};
  boost::asio::ip::tcp::acceptor acceptor_{ioc_};
  boost::asio::signal_set signals_{ioc_};
  boost::asio::steady_timer shutdown_deadline_{ioc_};
  unsigned short port_ = 0;
};

}  // namespace cdnmesh::services
