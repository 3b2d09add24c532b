// Flow-level network solver cost at scale: 100 000 viewers, each with an access link and one
// long-lived flow CDN PoP -> ISP -> access link; 2 PoP egress links, 20 ISP links. Each iteration
// adds one more flow for a random viewer and solves, then removes it and solves (two changes;
// items_per_second counts each add+solve and remove+solve). `solved_flows` is the mean size of the
// re-solved closure per change.
//   congested:   PoPs saturate (uncapped flows, 2 x 100 Gbps for 100 000 flows), so every change
//                re-solves the ~50 000 flows behind one PoP.
//   uncongested: flows capped at 10 Mbps (window/RTT) and PoPs/ISPs with room for every cap, so
//                they do not couple flows and only the viewer's access link is re-solved.
#include <benchmark/benchmark.h>

#include <cstdint>
#include <random>
#include <vector>

#include "models/network/flow-network.h"

namespace cdnmesh {
namespace {

constexpr int kViewers = 100'000;
constexpr int kPops = 2;
constexpr int kIsps = 20;
constexpr BitsPerSecond kMbps = 1'000'000;
constexpr BitsPerSecond kGbps = 1'000 * kMbps;

struct World {
  FlowNetwork net;
  std::vector<LinkId> pops;
  std::vector<LinkId> isps;
  std::vector<LinkId> access;
};

/// Builds the topology with one background flow per viewer and solves it once.
void BuildWorld(World& world, bool congested, std::mt19937_64& rng) {
  const BitsPerSecond pop_bps = congested ? 100 * kGbps : 1'000 * kGbps;
  const BitsPerSecond isp_bps = congested ? 20 * kGbps : 100 * kGbps;
  for (int p = 0; p < kPops; ++p) world.pops.push_back(world.net.AddLink(pop_bps, 2'000));
  for (int i = 0; i < kIsps; ++i) world.isps.push_back(world.net.AddLink(isp_bps, 5'000));
  for (int v = 0; v < kViewers; ++v) {
    const BitsPerSecond down = static_cast<BitsPerSecond>(5 + rng() % 46) * kMbps;
    world.access.push_back(world.net.AddLink(down, 10'000));
  }
  const BitsPerSecond cap = congested ? kUnlimited : 10 * kMbps;
  for (int v = 0; v < kViewers; ++v) {
    world.net.AddFlow({world.pops[v % kPops], world.isps[v % kIsps], world.access[v]}, cap, 0);
  }
  world.net.Solve(0);
}

void BM_AddRemoveFlowAndSolve(benchmark::State& state) {
  const bool congested = state.range(0) == 0;
  std::mt19937_64 rng(42);
  World world;
  BuildWorld(world, congested, rng);
  const BitsPerSecond cap = congested ? kUnlimited : 10 * kMbps;
  TimeUs now = 0;
  double solved = 0;
  std::int64_t changed = 0;
  for (auto _ : state) {
    const int v = static_cast<int>(rng() % kViewers);
    now += 1'000;
    const FlowId flow = world.net.AddFlow(
        {world.pops[v % kPops], world.isps[v % kIsps], world.access[v]}, cap, now);
    changed += static_cast<std::int64_t>(world.net.Solve(now).size());
    solved += static_cast<double>(world.net.last_solved_flow_count());
    now += 1'000;
    world.net.RemoveFlow(flow, now);
    changed += static_cast<std::int64_t>(world.net.Solve(now).size());
    solved += static_cast<double>(world.net.last_solved_flow_count());
  }
  const double changes = 2.0 * static_cast<double>(state.iterations());
  state.SetItemsProcessed(2 * state.iterations());
  state.counters["solved_flows"] = solved / changes;
  state.counters["changed_flows"] = static_cast<double>(changed) / changes;
  state.SetLabel(congested ? "congested" : "uncongested");
}
BENCHMARK(BM_AddRemoveFlowAndSolve)->Arg(0)->Arg(1)->Unit(benchmark::kMicrosecond);

void BM_SolveAllFromScratch(benchmark::State& state) {
  const bool congested = state.range(0) == 0;
  std::mt19937_64 rng(42);
  World world;
  BuildWorld(world, congested, rng);
  TimeUs now = 0;
  for (auto _ : state) {
    now += 1'000;
    benchmark::DoNotOptimize(world.net.SolveAll(now).size());
  }
  state.SetLabel(congested ? "congested" : "uncongested");
}
BENCHMARK(BM_SolveAllFromScratch)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace cdnmesh

BENCHMARK_MAIN();
