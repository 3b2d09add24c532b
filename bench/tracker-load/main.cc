// tracker-load: N concurrent WebSocket peers against a running cdnmesh-services on loopback.
// Each joins a swarm (one POST /v1/join gives the session token all of them present), then the
// loader announces at each rate given, open loop, and prints one table row per rate: announces/s
// held, p50/p99/max latency from Announce sent to PeerList read, skipped turns, errors, and the
// server's RSS (from /proc/<pid>/status) per connected peer. Not a test: scripts/tracker-bench.sh.
#include <unistd.h>

#include <algorithm>
#include <boost/asio/connect.hpp>
#include <boost/beast/http.hpp>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>
#include <string>

#include "bench/tracker-load/load_client.h"
#include "core/protocol/codec.h"
#include "services/publisher_token.h"
#include "services/server.h"

namespace {

using namespace cdnmesh;
namespace http = boost::beast::http;

long RssKiB(int pid) {
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmRSS:", 0) == 0) return std::stol(line.substr(6));
  }
  return -1;
}

// One POST /v1/join with a freshly minted publisher token; the session token.
std::vector<std::uint8_t> Join(unsigned short port, const std::vector<std::uint8_t>& key) {
  protocol::JoinRequest join;
  join.content = 1;
  const std::string token = services::MintPublisherToken(
      key, 1, services::UnixNowUs() / 1'000'000 + 600, services::RandomNonce());
  join.auth_token.assign(token.begin(), token.end());
  std::vector<std::uint8_t> body;
  (void)protocol::EncodeMessage(join, body);
  boost::asio::io_context ioc;
  boost::asio::ip::tcp::socket socket(ioc);
  socket.connect({boost::asio::ip::make_address("127.0.0.1"), port});
  http::request<http::string_body> request{http::verb::post, "/v1/join", 11};
  request.set(http::field::host, "127.0.0.1");
  request.body().assign(body.begin(), body.end());
  request.prepare_payload();
  http::write(socket, request);
  boost::beast::flat_buffer buffer;
  http::response<http::string_body> response;
  http::read(socket, buffer, response);
  auto decoded = protocol::DecodeMessage(
      reinterpret_cast<const std::uint8_t*>(response.body().data()), response.body().size());
  if (!decoded.ok() || !std::holds_alternative<protocol::ConfigResponse>(decoded.value())) {
    throw std::runtime_error("join refused: HTTP " + std::to_string(response.result_int()));
  }
  return std::get<protocol::ConfigResponse>(decoded.value()).session_token;
}

// CPU seconds (user + system) used so far by process `pid` ("self" for the loader).
double CpuSeconds(const std::string& pid) {
  std::ifstream stat("/proc/" + pid + "/stat");
  std::string text((std::istreambuf_iterator<char>(stat)), std::istreambuf_iterator<char>());
  std::istringstream fields(text.substr(text.rfind(')') + 2));  // after "pid (comm) "
  std::string field;
  double ticks = 0;
  for (int i = 3; i <= 15 && fields >> field; ++i) {
    if (i == 14 || i == 15) ticks += std::stod(field);  // utime, stime
  }
  return ticks / static_cast<double>(sysconf(_SC_CLK_TCK));
}

double Percentile(std::vector<std::int64_t>& sorted, double q) {
  if (sorted.empty()) return 0;
  const auto at = static_cast<std::size_t>(q * static_cast<double>(sorted.size() - 1));
  return static_cast<double>(sorted[at]) / 1000.0;
}

std::string Value(int argc, char** argv, const std::string& flag, const std::string& fallback) {
  for (int i = 1; i + 1 < argc; ++i) {
    if (argv[i] == flag) return argv[i + 1];
  }
  return fallback;
}

bool HasFlag(int argc, char** argv, const std::string& flag) {
  for (int i = 1; i < argc; ++i) {
    if (argv[i] == flag) return true;
  }
  return false;
}

bench::LoadConfig ConfigFromFlags(int argc, char** argv) {
  bench::LoadConfig config;
  config.port = static_cast<unsigned short>(std::stoi(Value(argc, argv, "--port", "8080")));
  config.peers = std::stoi(Value(argc, argv, "--peers", "1000"));
  config.swarms = std::stoi(Value(argc, argv, "--swarms", "10"));
  config.duration_s = std::stod(Value(argc, argv, "--duration-s", "10"));
  config.warmup_s = std::stod(Value(argc, argv, "--warmup-s", "2"));
  config.source_addresses = std::stoi(Value(argc, argv, "--sources", "1"));
  return config;
}

void PrintHeader() {
  std::cout
      << "| peers | target announces/s | held announces/s | p50 ms | p99 ms | max ms "
         "| skipped | errors | server CPU % | loader CPU % | server RSS MiB | KiB per peer |\n"
         "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n";
}

// One phase at `rate` announces/s over the joined peers; prints its row.
void RunRate(bench::Loader& loader, int pid, const std::string& rate, double kib_per_peer) {
  const int joined = loader.result().joined;
  loader.result() = {};
  loader.result().joined = joined;
  loader.set_rate(std::stod(rate));
  loader.set_on_measure_start([&loader, pid] {
    loader.result().server_cpu_start_s = CpuSeconds(std::to_string(pid));
    loader.result().loader_cpu_start_s = CpuSeconds("self");
  });
  bench::LoadResult r = loader.Announce();
  std::sort(r.latencies_us.begin(), r.latencies_us.end());
  const double server_cpu =
      100 * (CpuSeconds(std::to_string(pid)) - r.server_cpu_start_s) / r.measured_s;
  const double loader_cpu = 100 * (CpuSeconds("self") - r.loader_cpu_start_s) / r.measured_s;
  std::printf("| %d | %s | %.0f | %.2f | %.2f | %.2f | %llu | %llu | %.0f | %.0f | %.1f | %.2f |\n",
              joined, rate.c_str(), static_cast<double>(r.answered) / r.measured_s,
              Percentile(r.latencies_us, 0.5), Percentile(r.latencies_us, 0.99),
              Percentile(r.latencies_us, 1.0), static_cast<unsigned long long>(r.skipped),
              static_cast<unsigned long long>(r.errors), server_cpu, loader_cpu,
              RssKiB(pid) / 1024.0, kib_per_peer);
  std::fflush(stdout);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2 || HasFlag(argc, argv, "--help")) {
    std::cout << "usage: tracker-load --port P --server-pid PID --key-file F [--peers N] "
                 "[--swarms S] [--rates R1,R2,...] [--duration-s D] [--warmup-s W] "
                 "[--sources K] [--header]\n";
    return 2;
  }
  bench::LoadConfig config = ConfigFromFlags(argc, argv);
  const int pid = std::stoi(Value(argc, argv, "--server-pid", "0"));
  auto key = services::ReadKeyFile(Value(argc, argv, "--key-file", ""));
  if (!key.ok()) {
    std::cerr << key.error().message << "\n";
    return 2;
  }
  if (HasFlag(argc, argv, "--header")) PrintHeader();
  config.session_token = Join(config.port, key.value());
  const long rss_before_kib = RssKiB(pid);
  bench::Loader loader(config);
  loader.ConnectAll();
  const int joined = loader.result().joined;
  const double kib_per_peer =
      joined > 0 ? static_cast<double>(RssKiB(pid) - rss_before_kib) / joined : 0;
  std::stringstream rates(Value(argc, argv, "--rates", "1000"));
  for (std::string rate; std::getline(rates, rate, ',');) RunRate(loader, pid, rate, kib_per_peer);
  loader.CloseAll();
  return 0;
}
