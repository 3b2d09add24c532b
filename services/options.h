// The server's settings: one table (options.cc) gives every setting's flag, config-file key,
// range and help text, so `--help`, the YAML file and the error messages cannot disagree.
// Precedence: built-in default < --config FILE < flags.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/common/result.h"

namespace cdnmesh::services {

/// Everything `cdnmesh-services serve` runs with.
struct ServerOptions {
  std::string bind = "127.0.0.1";    ///< listen address
  int port = 8080;                   ///< listen port (0 = ephemeral)
  std::string port_file;             ///< if set, the bound port is written there
  std::string publisher_key_file;    ///< HMAC key of publisher tokens (required)
  std::string public_url;            ///< ws(s)://host:port the ConfigResponse advertises
  std::string policy = "hybrid";     ///< matching policy
  int peers_per_request = 20;        ///< K, peers per PeerList
  double locality_supply_headroom = 1.5;  ///< LocalityConfig::supply_headroom
  double announce_interval_s = 30;   ///< announce period asked of clients
  bool p2p = true;                   ///< client knob scheduler.p2p_enabled
  int client_max_connections = 20;   ///< client knob max_connections
  std::int64_t client_relay_after_bytes = 256 * 1024;  ///< client knob scheduler.relay_after_bytes
  double client_seeding_miss_target = 0.02;  ///< client knob scheduler.seeding_miss_target
  bool client_upload_deadline_admission = false;  ///< scheduler.upload_deadline_admission
  std::uint64_t seed = 1;            ///< matching draws
  double session_ttl_s = 3600;       ///< session token lifetime
  double max_token_ttl_s = 86400;    ///< publisher-token expiries further ahead are refused
  int replay_capacity = 1'000'000;   ///< publisher-token nonces remembered at most
  double tracker_rate_per_s = 1;     ///< tracker messages per connection per second
  double tracker_burst = 10;         ///< ... saved up at most
  double signaling_rate_per_s = 20;  ///< signaling messages per connection per second
  double signaling_burst = 100;      ///< ... saved up at most
  int max_strikes = 20;              ///< refused messages in a row before the connection closes
  double idle_timeout_s = 90;        ///< WebSocket closed after this long without a pong
  double http_timeout_s = 10;        ///< an HTTP request must arrive within this
  int max_clients = 15000;           ///< TCP connections open at most (fd budget)
  bool dev_token_endpoint = false;   ///< GET /v1/dev-token (INSECURE, local demos only)
  std::string log_level = "info";    ///< debug, info, warn, error
};

/// Parses serve arguments (flags and --config). Error text names the flag or key, the value
/// and the allowed range.
Result<ServerOptions> ParseServerOptions(const std::vector<std::string>& args);

/// The --help text of every serve option.
std::string ServerOptionsHelp();

}  // namespace cdnmesh::services
