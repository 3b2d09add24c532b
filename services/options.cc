#include "services/options.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <functional>
#include <sstream>
#include <type_traits>

namespace cdnmesh::services {
namespace {

// One setting: its name (flag "--name", config key "name"), help, and how to set it.
struct OptionSpec {
  const char* name;
  const char* help;
  bool is_bool;
  std::function<Status(ServerOptions*, const std::string&)> set;
};

Status Bad(const std::string& what) { return Error{what}; }

template <typename T>
OptionSpec Number(const char* name, const char* help, T ServerOptions::*member, double min,
                  double max) {
  return {name, help, false, [=](ServerOptions* o, const std::string& text) -> Status {
            errno = 0;
            char* end = nullptr;
            const double value = std::strtod(text.c_str(), &end);
            const bool integral = !std::is_floating_point_v<T>;
            if (text.empty() || *end != '\0' || errno != 0 ||
                (integral && value != static_cast<double>(static_cast<long long>(value)))) {
              return Bad(std::string(name) + ": '" + text + "' is not " +
                         (integral ? "an integer" : "a number"));
            }
            if (!(value >= min && value <= max)) {
              std::ostringstream range;
              range << name << ": " << text << " is out of range [" << min << ", " << max << "]";
              return Bad(range.str());
            }
            o->*member = static_cast<T>(value);
            return {};
          }};
}

OptionSpec Text(const char* name, const char* help, std::string ServerOptions::*member,
                std::vector<std::string> allowed = {}) {
  return {
      name, help, false, [=](ServerOptions* o, const std::string& text) -> Status {
        if (!allowed.empty() && std::find(allowed.begin(), allowed.end(), text) == allowed.end()) {
          std::string list;
          for (const auto& a : allowed) list += (list.empty() ? "" : ", ") + a;
          return Bad(std::string(name) + ": '" + text + "' is not one of " + list);
        }
        o->*member = text;
        return {};
      }};
}

OptionSpec Flag(const char* name, const char* help, bool ServerOptions::*member) {
  return {name, help, true, [=](ServerOptions* o, const std::string& text) -> Status {
            if (text == "true" || text == "on" || text == "1") {
              o->*member = true;
            } else if (text == "false" || text == "off" || text == "0") {
              o->*member = false;
            } else {
              return Bad(std::string(name) + ": '" + text + "' is not one of true, false, on, off");
            }
            return {};
          }};
}

const std::vector<OptionSpec>& Specs() {
  using O = ServerOptions;
  static const std::vector<OptionSpec> specs = {
      Text("bind", "listen address (default 127.0.0.1)", &O::bind),
      Number("port", "listen port, 0 = ephemeral (default 8080)", &O::port, 0, 65535),
      Text("port-file", "write the bound port to this file", &O::port_file),
      Text("publisher-key-file", "file holding the publisher's HMAC key (required, >= 16 bytes)",
           &O::publisher_key_file),
      Text("public-url", "ws(s)://host:port advertised in ConfigResponse (default from bind:port)",
           &O::public_url),
      Text("policy", "matching policy (default hybrid)", &O::policy,
           {"random", "same_isp", "nearest", "capacity", "position", "hybrid"}),
      Number("peers-per-request", "peers per PeerList, K (default 20)", &O::peers_per_request, 0,
             200),
      Number("locality-supply-headroom",
             "upload an ISP needs per bps its viewers draw to keep every candidate in it, for "
             "same_isp, nearest, hybrid (default 1.5; 0 = local regardless)",
             &O::locality_supply_headroom, 0, 100),
      Number("announce-interval-s", "announce period asked of clients (default 30)",
             &O::announce_interval_s, 1, 3600),
      Flag("p2p", "client knob scheduler.p2p_enabled (default on)", &O::p2p),
      Number("client-max-connections", "client knob max_connections (default 20)",
             &O::client_max_connections, 0, 200),
      Number("client-relay-after-bytes",
             "client knob scheduler.relay_after_bytes: relay segments still arriving (default "
             "262144; 0 = whole segments)",
             &O::client_relay_after_bytes, 0, 67108864),
      Number("client-seeding-miss-target",
             "client knob scheduler.seeding_miss_target: adaptive seeding (default 0.02; 0 = "
             "off)",
             &O::client_seeding_miss_target, 0, 0.49),
      Flag("client-upload-deadline-admission",
           "client knob scheduler.upload_deadline_admission: admit uploads by the requester's "
           "deadline (default off)",
           &O::client_upload_deadline_admission),
      Number("seed", "seed of the matching draws (default 1)", &O::seed, 0, 9007199254740991.0),
      Number("session-ttl-s", "session token lifetime (default 3600)", &O::session_ttl_s, 1,
             604800),
      Number("max-token-ttl-s",
             "publisher-token expiries further ahead are refused (default 86400)",
             &O::max_token_ttl_s, 1, 31536000),
      Number("replay-capacity", "publisher-token nonces remembered at most (default 1000000)",
             &O::replay_capacity, 1, 100000000),
      Number("tracker-rate-per-s", "tracker messages per connection per second (default 1)",
             &O::tracker_rate_per_s, 0.001, 1e6),
      Number("tracker-burst", "tracker messages saved up per connection (default 10)",
             &O::tracker_burst, 1, 1e6),
      Number("signaling-rate-per-s", "signaling messages per connection per second (default 20)",
             &O::signaling_rate_per_s, 0.001, 1e6),
      Number("signaling-burst", "signaling messages saved up per connection (default 100)",
             &O::signaling_burst, 1, 1e6),
      Number("max-strikes", "refused messages in a row before a connection is closed (default 20)",
             &O::max_strikes, 1, 1000000),
      Number("idle-timeout-s",
             "WebSocket closed after this long without traffic or pong (default 90)",
             &O::idle_timeout_s, 1, 86400),
      Number("http-timeout-s", "an HTTP request must arrive within this (default 10)",
             &O::http_timeout_s, 0.1, 3600),
      Number("max-clients", "TCP connections open at most (default 15000)", &O::max_clients, 1,
             10000000),
      Flag("dev-token-endpoint", "serve GET /v1/dev-token?content=N: INSECURE, local demos only",
           &O::dev_token_endpoint),
      Text("log-level", "debug, info, warn or error (default info)", &O::log_level,
           {"debug", "info", "warn", "error"}),
  };
  return specs;
}

const OptionSpec* Find(const std::string& name) {
  for (const OptionSpec& spec : Specs()) {
    if (name == spec.name) return &spec;
  }
  return nullptr;
}

Status ApplyConfigFile(const std::string& path, ServerOptions* options) {
  YAML::Node root;
  try {
    root = YAML::LoadFile(path);
  } catch (const YAML::Exception& e) {
    return Bad("--config " + path + ": " + e.what());
  }
  if (root.IsNull()) return {};
  if (!root.IsMap()) return Bad("--config " + path + ": expected a map of option: value");
  for (const auto& entry : root) {
    const std::string key = entry.first.as<std::string>();
    const OptionSpec* spec = Find(key);
    if (spec == nullptr)
      return Bad("--config " + path + ": unknown key '" + key + "' (see --help)");
    if (!entry.second.IsScalar())
      return Bad("--config " + path + ": " + key + ": expected a scalar");
    const Status status = spec->set(options, entry.second.as<std::string>());
    if (!status.ok()) return Bad("--config " + path + ": " + status.message());
  }
  return {};
}

// Every --config FILE in `args`, in order (before the flags, which win over them).
Status ApplyConfigFiles(const std::vector<std::string>& args, ServerOptions* options) {
  for (std::size_t i = 0; i < args.size(); ++i) {
    std::string path;
    if (args[i] == "--config" && i + 1 < args.size()) path = args[i + 1];
    if (args[i].rfind("--config=", 0) == 0) path = args[i].substr(9);
    if (path.empty()) continue;
    const Status status = ApplyConfigFile(path, options);
    if (!status.ok()) return status;
  }
  return {};
}

}  // namespace

Result<ServerOptions> ParseServerOptions(const std::vector<std::string>& args) {
  ServerOptions options;
  const Status files = ApplyConfigFiles(args, &options);
  if (!files.ok()) return Error{files.message()};
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg.rfind("--", 0) != 0) return Error{"unexpected argument '" + arg + "' (see --help)"};
    std::string name = arg.substr(2);
    std::string value;
    const std::size_t eq = name.find('=');
    const bool inline_value = eq != std::string::npos;
    if (inline_value) {
      value = name.substr(eq + 1);
      name.resize(eq);
    }
    if (name == "config") {
      if (!inline_value && i + 1 >= args.size()) return Error{"--config: missing FILE"};
      i += inline_value ? 0 : 1;
      continue;
    }
    const OptionSpec* spec = Find(name);
    if (spec == nullptr) return Error{"unknown flag --" + name + " (see --help)"};
    if (!inline_value) {
      if (spec->is_bool) {
        value = "true";
      } else if (i + 1 >= args.size()) {
        return Error{"--" + name + ": missing value"};
      } else {
        value = args[++i];
      }
    }
    const Status status = spec->set(&options, value);
    if (!status.ok()) return Error{"--" + status.message()};
  }
  if (options.publisher_key_file.empty()) return Error{"--publisher-key-file: required"};
  return options;
}

std::string ServerOptionsHelp() {
  std::string text;
  for (const OptionSpec& spec : Specs()) {
    std::string flag = std::string("  --") + spec.name + (spec.is_bool ? "[=on|off]" : " V");
    if (flag.size() < 32) flag.resize(32, ' ');
    text += flag + " " + spec.help + "\n";
  }
  text += "  --config FILE                  YAML map of the options above (key = flag name)\n";
  return text;
}

}  // namespace cdnmesh::services
