// tracker-load's client side: N WebSocket connections to /v1/tracker on loopback, each joining a
// swarm and then announcing whenever the loader's clock hands it a turn (open loop at a total
// rate; a connection whose previous announce is unanswered skips its turn, and the skip is
// counted). Latency is taken from the write of an Announce to the read of its PeerList.
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/websocket.hpp>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/common/types.h"

namespace cdnmesh::bench {

using Clock = std::chrono::steady_clock;

/// What to run.
struct LoadConfig {
  unsigned short port = 8080;
  int peers = 1000;          ///< connections (one peer each)
  int swarms = 10;           ///< contents the peers spread over
  double rate_per_s = 1000;  ///< announces per second, all connections together
  double duration_s = 10;    ///< measured announce phase
  double warmup_s = 2;       ///< announce phase before measuring
  int source_addresses = 1;  ///< 127.0.0.2.. as sources (28k ephemeral ports each)
  int max_connecting = 500;  ///< connection attempts in flight
  std::vector<std::uint8_t> session_token;
};

/// What was measured.
struct LoadResult {
  int connected = 0;
  int joined = 0;
  std::uint64_t sent = 0;      ///< announces written in the measured phase
  std::uint64_t answered = 0;  ///< PeerLists read in the measured phase
  std::uint64_t skipped = 0;   ///< turns skipped: the previous announce was unanswered
  std::uint64_t errors = 0;    ///< ServiceErrors and socket failures
  double measured_s = 0;
  double server_cpu_start_s = 0;  ///< CPU seconds at the start of the measured phase
  double loader_cpu_start_s = 0;
  std::vector<std::int64_t> latencies_us;  ///< one per answered announce
};

class LoadConnection;

/// Runs the whole load on one io_context (the caller's thread).
class Loader {
 public:
  explicit Loader(LoadConfig config);
  ~Loader();
  /// Connects and joins every peer (returns when all joined or failed).
  void ConnectAll();
  /// The announce phase: warm-up, then the measured duration.
  LoadResult Announce();
  /// Connections closed.
  void CloseAll();
  /// Sets the total announce rate of the next phase.
  void set_rate(double rate_per_s) { config_.rate_per_s = rate_per_s; }
  /// Called when the measured phase starts (after the warm-up).
  void set_on_measure_start(std::function<void()> f) { on_measure_start_ = std::move(f); }

  // For the connections.
  boost::asio::io_context& ioc() { return ioc_; }
  const LoadConfig& config() const { return config_; }
  void OnJoined(bool ok);
  void OnAnswer(Clock::time_point sent, bool is_peer_list);
  LoadResult& result() { return result_; }
  bool measuring() const { return measuring_; }

 private:
  void StartNextConnect();
  void Tick();

  LoadConfig config_;
  boost::asio::io_context ioc_{1};
  boost::asio::steady_timer timer_{ioc_};
  std::vector<std::shared_ptr<LoadConnection>> connections_;
  int next_connect_ = 0;
  int pending_joins_ = 0;
  std::size_t next_turn_ = 0;
  double turns_owed_ = 0;
  Clock::time_point last_tick_;
  Clock::time_point phase_end_;
  bool measuring_ = false;
  LoadResult result_;
  std::function<void()> on_measure_start_;
};

}  // namespace cdnmesh::bench
