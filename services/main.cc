// cdnmesh-services: the distributor, tracker and signaling on one port (serve, the default), and
// the publisher's token tool (mint-token). Exit status: 0 done, 1 runtime failure, 2 bad usage.
#include <cstdio>
#include <iostream>
#include <string>
#include <vector>

#include "cdnmesh_version.h"
#include "services/log.h"
#include "services/publisher_token.h"
#include "services/server.h"

namespace {

using namespace cdnmesh::services;

constexpr int kUsageError = 2;

const char* kUsage =
    "usage: cdnmesh-services [serve] --publisher-key-file FILE [options]\n"
    "       cdnmesh-services mint-token --key-file FILE --content N --ttl-s S [--nonce HEX16]\n"
    "       cdnmesh-services --help | --version\n\n"
    "serve options:\n";

int UsageError(const std::string& message) {
  std::fprintf(stderr, "cdnmesh-services: %s\n", message.c_str());
  return kUsageError;
}

// `text` as an unsigned number in base `base`, within [min, max], all of it.
bool ParseUnsigned(const std::string& text, int base, unsigned long long min,
                   unsigned long long max, unsigned long long* out) {
  try {
    std::size_t used = 0;
    *out = std::stoull(text, &used, base);
    return used == text.size() && text[0] != '-' && *out >= min && *out <= max;
  } catch (const std::exception&) {
    return false;
  }
}

// mint-token: prints one publisher token (for the e2e harness, the demo page, operators).
int MintToken(const std::vector<std::string>& args) {
  std::string key_file, content, ttl, nonce;
  for (std::size_t i = 0; i < args.size(); ++i) {
    std::string* target = args[i] == "--key-file"  ? &key_file
                          : args[i] == "--content" ? &content
                          : args[i] == "--ttl-s"   ? &ttl
                          : args[i] == "--nonce"   ? &nonce
                                                   : nullptr;
    if (target == nullptr) return UsageError("mint-token: unknown argument '" + args[i] + "'");
    if (i + 1 >= args.size()) return UsageError("mint-token: " + args[i] + ": missing value");
    *target = args[++i];
  }
  if (key_file.empty() || content.empty() || ttl.empty()) {
    return UsageError("mint-token: --key-file, --content and --ttl-s are required");
  }
  auto key = ReadKeyFile(key_file);
  if (!key.ok()) return UsageError("mint-token: " + key.error().message);
  unsigned long long content_id = 0, ttl_s = 0, nonce_value = RandomNonce();
  if (!ParseUnsigned(content, 10, 0, UINT32_MAX, &content_id)) {
    return UsageError("mint-token: --content: '" + content + "' is not in [0, 4294967295]");
  }
  if (!ParseUnsigned(ttl, 10, 1, 31536000, &ttl_s)) {
    return UsageError("mint-token: --ttl-s: '" + ttl + "' is not in [1, 31536000]");
  }
  if (!nonce.empty() &&
      (nonce.size() != 16 || !ParseUnsigned(nonce, 16, 0, UINT64_MAX, &nonce_value))) {
    return UsageError("mint-token: --nonce: '" + nonce + "' is not 16 hex digits");
  }
  const std::int64_t expiry_s = UnixNowUs() / 1'000'000 + static_cast<std::int64_t>(ttl_s);
  std::cout << MintPublisherToken(key.value(), static_cast<std::uint32_t>(content_id), expiry_s,
                                  nonce_value)
            << "\n";
  return 0;
}

int Serve(const std::vector<std::string>& args) {
  auto options = ParseServerOptions(args);
  if (!options.ok()) return UsageError(options.error().message);
  LogLevel level = LogLevel::kInfo;
  ParseLogLevel(options.value().log_level, &level);
  SetLogLevel(level);
  auto key = ReadKeyFile(options.value().publisher_key_file);
  if (!key.ok()) return UsageError(key.error().message);
  auto server = Server::Create(options.value(), std::move(key).value());
  if (!server.ok()) {
    Log(LogLevel::kError, "start_failed", {{"error", server.error().message}});
    return UsageError(server.error().message);
  }
  if (!options.value().port_file.empty()) {
    std::FILE* f = std::fopen(options.value().port_file.c_str(), "w");
    if (f == nullptr) return UsageError("--port-file: cannot write " + options.value().port_file);
    std::fprintf(f, "%u\n", server.value()->port());
    std::fclose(f);
  }
  server.value()->Run(/*handle_signals=*/true);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  for (const std::string& arg : args) {
    if (arg == "--help" || arg == "-h") {
      std::cout << kUsage << ServerOptionsHelp();
      return 0;
    }
    if (arg == "--version") {
      std::cout << "cdnmesh-services " << CDNMESH_VERSION << "\n";
      return 0;
    }
  }
  if (!args.empty() && args[0] == "mint-token") return MintToken({args.begin() + 1, args.end()});
  if (!args.empty() && args[0] == "serve") args.erase(args.begin());
  return Serve(args);
}
