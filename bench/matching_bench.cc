// Matching cost on a realistic large swarm: 100 000 peers over 20 ISPs in 5 countries, clustered
// around cities, with a mix of NAT types, devices and upload capacities and live playback
// positions near the edge. Each benchmark times every request individually and reports the
// median (p50_us) and 99th percentile (p99_us) per request; the churn benchmark does the same
// for joins, leaves and position/capacity updates.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/common/random.h"
#include "core/matching/policy_factory.h"
#include "core/matching/swarm.h"

namespace cdnmesh {
namespace {

constexpr int kSwarmPeers = 100'000;
constexpr int kIsps = 20;
constexpr int kCandidates = 20;
constexpr int kTimedOps = 10'000;

struct City {
  double latitude_deg;
  double longitude_deg;
  double weight;
};

// Five countries, five cities each (weights: share of the country's viewers).
const std::vector<std::vector<City>>& Countries() {
  static const std::vector<std::vector<City>> kCountries = {
      {{48.86, 2.35, 5}, {45.76, 4.84, 2}, {43.30, 5.37, 2}, {43.60, 1.44, 1}, {50.63, 3.06, 1}},
      {{52.52, 13.40, 4}, {53.55, 9.99, 2}, {48.14, 11.58, 2}, {50.94, 6.96, 2}, {50.11, 8.68, 1}},
      {{40.71, -74.01, 5},
       {34.05, -118.24, 4},
       {41.88, -87.63, 3},
       {29.76, -95.37, 2},
       {47.61, -122.33, 1}},
      {{-23.55, -46.63, 5},
       {-22.91, -43.17, 3},
       {-19.92, -43.94, 1},
       {-15.79, -47.88, 1},
       {-30.03, -51.23, 1}},
      {{35.68, 139.69, 6},
       {34.69, 135.50, 3},
       {35.18, 136.91, 2},
       {43.06, 141.35, 1},
       {33.59, 130.40, 1}}};
  return kCountries;
}

template <typename T>
T Pick(Rng& rng, const std::vector<std::pair<T, double>>& weighted) {
  double total = 0;
  for (const auto& [value, weight] : weighted) total += weight;
  double u = rng.Uniform(0, total);
  for (const auto& [value, weight] : weighted) {
    if (u < weight) return value;
    u -= weight;
  }
  return weighted.back().first;
}

// Roughly normal with standard deviation `sigma` (sum of uniforms).
double Spread(Rng& rng, double sigma) {
  double sum = 0;
  for (int i = 0; i < 4; ++i) sum += rng.Uniform(-1, 1);
  return sum * sigma * std::sqrt(3.0) / 2.0;
}

SwarmMember RealisticPeer(PeerId id, Rng& rng) {
  SwarmMember peer;
  peer.id = id;
  peer.isp = static_cast<IspId>(rng.UniformIndex(kIsps));  // 4 ISPs per country
  const auto& cities = Countries()[peer.isp / 4];
  std::vector<std::pair<const City*, double>> weighted;
  for (const City& city : cities) weighted.emplace_back(&city, city.weight);
  const City* city = Pick(rng, weighted);
  peer.location = {std::clamp(city->latitude_deg + Spread(rng, 0.3), -90.0, 90.0),
                   std::clamp(city->longitude_deg + Spread(rng, 0.4), -180.0, 180.0)};
  peer.nat = Pick<NatType>(rng, {{NatType::kOpen, 15},
                                 {NatType::kRestrictedCone, 35},
                                 {NatType::kPortRestricted, 30},
                                 {NatType::kSymmetric, 20}});
  peer.device = Pick<DeviceClass>(rng, {{DeviceClass::kDesktop, 35},
                                        {DeviceClass::kTv, 10},
                                        {DeviceClass::kMobileWifi, 35},
                                        {DeviceClass::kMobileCellular, 20}});
  const double median_bps = peer.device == DeviceClass::kMobileWifi ? 5e6 : 10e6;
  peer.upload_capacity_bps = static_cast<std::int64_t>(median_bps * std::exp(Spread(rng, 0.8)));
  const bool lagging = rng.Bernoulli(0.05);
  peer.position_seq = 10'000 - static_cast<SegmentSeq>(rng.UniformIndex(lagging ? 60 : 8));
  peer.join_time_us = static_cast<TimeUs>(id) * 1000;
  return peer;
}

// The shared swarm (built once; benchmarks that mutate use their own copy).
const Swarm& BigSwarm() {
  static const Swarm* swarm = [] {
    auto* built = new Swarm();
    Rng rng(20240601);
    for (PeerId id = 0; id < kSwarmPeers; ++id) {
      if (!built->Join(RealisticPeer(id, rng)).ok()) std::abort();
    }
    return built;
  }();
  return *swarm;
}

double PercentileUs(std::vector<double>* ns, double fraction) {
  if (ns->empty()) return 0.0;
  const auto rank = static_cast<std::size_t>(fraction * static_cast<double>(ns->size() - 1));
  std::nth_element(ns->begin(), ns->begin() + static_cast<std::ptrdiff_t>(rank), ns->end());
  return (*ns)[rank] / 1000.0;
}

void ReportPercentiles(benchmark::State& state, const std::string& prefix, std::vector<double> ns) {
  state.counters[prefix + "p50_us"] = PercentileUs(&ns, 0.50);
  state.counters[prefix + "p99_us"] = PercentileUs(&ns, 0.99);
}

template <typename Op>
double TimeNs(Op&& op) {
  const auto start = std::chrono::steady_clock::now();
  op();
  return std::chrono::duration<double, std::nano>(std::chrono::steady_clock::now() - start).count();
}

// Requests by a random member, or (`remote`) by a newcomer at a uniformly random place on Earth,
// mostly far from every viewer: the worst case for the spatial search.
void BM_Match(benchmark::State& state, const std::string& name, bool remote) {
  const Swarm& swarm = BigSwarm();
  auto made = MakeMatchingPolicy(name);
  if (!made.ok()) {
    state.SkipWithError(made.error().message.c_str());
    return;
  }
  const std::unique_ptr<MatchingPolicy> policy = std::move(made).value();
  Rng rng(7);
  std::vector<PeerId> out;
  std::vector<double> ns;
  ns.reserve(kTimedOps);
  std::size_t returned = 0;
  for (auto _ : state) {
    SwarmMember requester =
        swarm.member(static_cast<MemberSlot>(rng.UniformIndex(swarm.size())));
    if (remote) {
      requester.id = kInvalidPeer - 1;
      requester.location = {std::asin(rng.Uniform(-1, 1)) * 180 / 3.14159265358979,
                            rng.Uniform(-180, 180)};
    }
    ns.push_back(TimeNs([&] { policy->MatchInto(swarm, requester, kCandidates, rng, &out); }));
    benchmark::DoNotOptimize(out.data());
    returned += out.size();
  }
  ReportPercentiles(state, "", std::move(ns));
  state.counters["candidates"] =
      static_cast<double>(returned) / static_cast<double>(state.iterations());
}

void BM_Churn(benchmark::State& state) {
  Swarm swarm = BigSwarm();  // a private copy
  Rng rng(8);
  std::vector<PeerId> ids;
  for (MemberSlot s = 0; s < swarm.size(); ++s) ids.push_back(swarm.member(s).id);
  PeerId next_id = kSwarmPeers;
  std::vector<double> join_ns, leave_ns, position_ns, capacity_ns;
  for (auto _ : state) {
    const std::size_t pick = rng.UniformIndex(ids.size());
    leave_ns.push_back(TimeNs([&] { benchmark::DoNotOptimize(swarm.Leave(ids[pick]).ok()); }));
    const SwarmMember peer = RealisticPeer(next_id++, rng);
    join_ns.push_back(TimeNs([&] { benchmark::DoNotOptimize(swarm.Join(peer).ok()); }));
    ids[pick] = peer.id;
    const PeerId other = ids[rng.UniformIndex(ids.size())];
    const SegmentSeq position = 10'000 + static_cast<SegmentSeq>(rng.UniformIndex(8));
    position_ns.push_back(
        TimeNs([&] { benchmark::DoNotOptimize(swarm.UpdatePosition(other, position).ok()); }));
    const auto capacity = static_cast<std::int64_t>(rng.UniformIndex(50'000'000));
    capacity_ns.push_back(
        TimeNs([&] { benchmark::DoNotOptimize(swarm.UpdateCapacity(other, capacity).ok()); }));
  }
  ReportPercentiles(state, "join_", std::move(join_ns));
  ReportPercentiles(state, "leave_", std::move(leave_ns));
  ReportPercentiles(state, "update_pos_", std::move(position_ns));
  ReportPercentiles(state, "update_cap_", std::move(capacity_ns));
}

void BM_BuildSwarm(benchmark::State& state) {
  double total_ns = 0;
  for (auto _ : state) {
    Swarm swarm;
    Rng rng(20240601);
    std::vector<SwarmMember> peers;
    for (PeerId id = 0; id < kSwarmPeers; ++id) peers.push_back(RealisticPeer(id, rng));
    total_ns += TimeNs([&] {
      for (const SwarmMember& peer : peers) benchmark::DoNotOptimize(swarm.Join(peer).ok());
    });
  }
  state.counters["mean_join_us"] = total_ns / 1000.0 / static_cast<double>(kSwarmPeers) /
                                   static_cast<double>(state.iterations());
}

void RegisterAll() {
  for (const std::string_view name : MatchingPolicyNames()) {
    benchmark::RegisterBenchmark(("BM_Match/" + std::string(name)).c_str(), BM_Match,
                                 std::string(name), false)
        ->Iterations(kTimedOps)
        ->Unit(benchmark::kMicrosecond);
  }
  for (const char* name : {"nearest", "hybrid"}) {
    benchmark::RegisterBenchmark((std::string("BM_MatchRemote/") + name).c_str(), BM_Match,
                                 std::string(name), true)
        ->Iterations(kTimedOps)
        ->Unit(benchmark::kMicrosecond);
  }
  benchmark::RegisterBenchmark("BM_Churn", BM_Churn)
      ->Iterations(kTimedOps)
      ->Unit(benchmark::kMicrosecond);
  benchmark::RegisterBenchmark("BM_BuildSwarm", BM_BuildSwarm)
      ->Iterations(1)
      ->Unit(benchmark::kMillisecond);
}

}  // namespace
}  // namespace cdnmesh

int main(int argc, char** argv) {
  cdnmesh::RegisterAll();
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
