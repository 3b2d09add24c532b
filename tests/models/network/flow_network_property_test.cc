// Random topologies with a fixed seed: the incremental solve must equal a full solve and a naive
// reference progressive filling after every step, and every allocation must be feasible.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <random>
#include <vector>

#include "models/network/flow-network.h"

namespace cdnmesh {
namespace {

constexpr int kLinks = 100;  // every fifth is unlimited
constexpr int kSteps = 200;

/// Naive O(rounds * (links + flows)) progressive filling over `flows`; returns rate per index.
std::vector<double> ReferenceRates(const FlowNetwork& net, const std::vector<FlowId>& flows,
                                   int link_count) {
  std::vector<double> rate(flows.size(), -1);
  std::vector<double> remaining(link_count);
  for (int l = 0; l < link_count; ++l) remaining[l] = static_cast<double>(net.LinkCapacity(l));
  for (std::size_t frozen = 0; frozen < flows.size();) {
    std::vector<int> unfrozen(link_count, 0);
    for (std::size_t i = 0; i < flows.size(); ++i) {
      if (rate[i] < 0) {
        for (const LinkId l : net.FlowPath(flows[i])) ++unfrozen[l];
      }
    }
    double level = INFINITY;
    for (int l = 0; l < link_count; ++l) {
      if (net.LinkCapacity(l) != kUnlimited && unfrozen[l] > 0) {
        level = std::min(level, std::max(0.0, remaining[l]) / unfrozen[l]);
      }
    }
    for (std::size_t i = 0; i < flows.size(); ++i) {
      const BitsPerSecond cap = net.FlowCap(flows[i]);
      if (rate[i] < 0 && cap != kUnlimited) level = std::min(level, static_cast<double>(cap));
    }
    std::vector<std::size_t> at_level;
    for (std::size_t i = 0; i < flows.size(); ++i) {
      if (rate[i] >= 0) continue;
      const BitsPerSecond cap = net.FlowCap(flows[i]);
      bool bound = cap != kUnlimited && static_cast<double>(cap) <= level;
      for (const LinkId l : net.FlowPath(flows[i])) {
        bound = bound || (net.LinkCapacity(l) != kUnlimited &&
                          std::max(0.0, remaining[l]) / unfrozen[l] <= level);
      }
      if (bound) at_level.push_back(i);
    }
    for (const std::size_t i : at_level) {
      rate[i] = level;
      for (const LinkId l : net.FlowPath(flows[i])) remaining[l] -= level;
    }
    frozen += at_level.size();
  }
  return rate;
}

void ExpectNear(double actual, double expected) {
  EXPECT_NEAR(actual, expected, 1e-6 * std::max(1.0, std::abs(expected)));
}

class FlowNetworkPropertyTest : public testing::TestWithParam<std::uint64_t> {};

TEST_P(FlowNetworkPropertyTest, IncrementalEqualsFullAndReferenceOnRandomSteps) {
  std::mt19937_64 rng(GetParam());
  FlowNetwork net;
  const auto capacity = [&rng]() -> BitsPerSecond {
    return static_cast<BitsPerSecond>(1 + rng() % 50) * 1'000'000;
  };
  const auto cap = [&rng]() -> BitsPerSecond {
    return rng() % 2 == 0 ? kUnlimited : static_cast<BitsPerSecond>(1 + rng() % 20) * 1'000'000;
  };
  for (int l = 0; l < kLinks; ++l) {
    net.AddLink(l % 5 == 0 ? kUnlimited : capacity(), 10);
  }
  std::vector<FlowId> live;
  TimeUs now = 0;
  std::size_t solved = 0;  // flows re-solved incrementally, over all steps
  std::size_t total = 0;   // flows a full solve would have re-solved
  for (int step = 0; step < kSteps; ++step) {
    now += static_cast<TimeUs>(rng() % 100'000);
    const int op = static_cast<int>(rng() % 10);
    if (op < 5 || live.size() < 3) {
      std::vector<LinkId> path;
      const int hops = 1 + static_cast<int>(rng() % 3);
      while (static_cast<int>(path.size()) < hops) {
        const LinkId l = static_cast<LinkId>(rng() % kLinks);
        if (std::find(path.begin(), path.end(), l) == path.end()) path.push_back(l);
      }
      BitsPerSecond flow_cap = cap();
      if (std::all_of(path.begin(), path.end(), [](LinkId l) { return l % 5 == 0; })) {
        flow_cap = std::max<BitsPerSecond>(flow_cap, 10'000'000);  // limited by something
      }
      live.push_back(net.AddFlow(path, flow_cap, now));
    } else if (op < 8) {
      const std::size_t i = rng() % live.size();
      net.RemoveFlow(live[i], now);
      live[i] = live.back();
      live.pop_back();
    } else if (op < 9) {
      const LinkId l = static_cast<LinkId>(5 * (rng() % (kLinks / 5)) + 1 + rng() % 4);
      net.SetLinkCapacity(l, capacity(), now);  // finite links stay finite
    } else {
      net.SetFlowCap(live[rng() % live.size()], 1'000'000 * (1 + rng() % 20), now);
    }
    net.Solve(now);
    solved += net.last_solved_flow_count();
    total += live.size();

    FlowNetwork full = net;
    EXPECT_TRUE(full.SolveAll(now).empty()) << "step " << step;
    const std::vector<double> reference = ReferenceRates(net, live, kLinks);
    for (std::size_t i = 0; i < live.size(); ++i) {
      SCOPED_TRACE(testing::Message() << "step " << step << " flow " << live[i]);
      ExpectNear(net.RateBps(live[i]), full.RateBps(live[i]));
      ExpectNear(full.RateBps(live[i]), reference[i]);
    }
    for (LinkId l = 0; l < kLinks; ++l) {
      if (net.LinkCapacity(l) == kUnlimited) continue;
      EXPECT_LE(net.LinkLoadBps(l), static_cast<double>(net.LinkCapacity(l)) * (1 + 1e-9));
    }
  }
  EXPECT_LT(solved, total / 2);  // the steps really were incremental
}

INSTANTIATE_TEST_SUITE_P(FixedSeeds, FlowNetworkPropertyTest, testing::Values(20261125u, 1u, 77u));

}  // namespace
}  // namespace cdnmesh
