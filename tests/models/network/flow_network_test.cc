#include "models/network/flow-network.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <vector>

namespace cdnmesh {
namespace {

constexpr BitsPerSecond kMbps = 1'000'000;

bool Contains(const std::vector<FlowId>& ids, FlowId id) {
  return std::find(ids.begin(), ids.end(), id) != ids.end();
}

TEST(FlowNetworkTest, SingleLinkIsSharedEquallyByNFlows) {
  FlowNetwork net;
  const LinkId link = net.AddLink(12 * kMbps, 1000);
  std::vector<FlowId> flows;
  for (int i = 0; i < 3; ++i) flows.push_back(net.AddFlow({link}, kUnlimited, 0));
  EXPECT_EQ(net.Solve(0).size(), 3u);
  for (const FlowId flow : flows) EXPECT_DOUBLE_EQ(net.RateBps(flow), 4e6);
  EXPECT_DOUBLE_EQ(net.LinkLoadBps(link), 12e6);
}

TEST(FlowNetworkTest, TwoBottlenecksInSeriesWithCrossTraffic) {
  // Link A (10) carries f1 and f2, link B (4) carries f1 and f3: B is the bottleneck of f1 and f3
  // at 2 each; f2 takes what A has left, 8.
  FlowNetwork net;
  const LinkId a = net.AddLink(10 * kMbps, 0);
  const LinkId b = net.AddLink(4 * kMbps, 0);
  const FlowId f1 = net.AddFlow({a, b}, kUnlimited, 0);
  const FlowId f2 = net.AddFlow({a}, kUnlimited, 0);
  const FlowId f3 = net.AddFlow({b}, kUnlimited, 0);
  net.Solve(0);
  EXPECT_DOUBLE_EQ(net.RateBps(f1), 2e6);
  EXPECT_DOUBLE_EQ(net.RateBps(f2), 8e6);
  EXPECT_DOUBLE_EQ(net.RateBps(f3), 2e6);
}

TEST(FlowNetworkTest, CapBelowFairShareLeavesTheRestToOthers) {
  FlowNetwork net;
  const LinkId link = net.AddLink(10 * kMbps, 0);
  const FlowId capped = net.AddFlow({link}, 1 * kMbps, 0);
  const FlowId f2 = net.AddFlow({link}, kUnlimited, 0);
  const FlowId f3 = net.AddFlow({link}, kUnlimited, 0);
  net.Solve(0);
  EXPECT_DOUBLE_EQ(net.RateBps(capped), 1e6);
  EXPECT_DOUBLE_EQ(net.RateBps(f2), 4.5e6);
  EXPECT_DOUBLE_EQ(net.RateBps(f3), 4.5e6);
  // A cap above the fair share does not bind.
  net.SetFlowCap(capped, 5 * kMbps, 0);
  net.Solve(0);
  EXPECT_NEAR(net.RateBps(capped), 10e6 / 3, 1e-6);
}

TEST(FlowNetworkTest, JoinAndLeaveMoveRatesAndCompletionTimesButKeepBytes) {
  FlowNetwork net;
  const LinkId link = net.AddLink(8 * kMbps, 0);  // 1 MB/s
  const FlowId f1 = net.AddFlow({link}, kUnlimited, 0);
  net.Solve(0);
  EXPECT_EQ(net.CompletionTimeUs(f1, 3e6), 3 * kUsPerSecond);

  const FlowId f2 = net.AddFlow({link}, kUnlimited, kUsPerSecond);
  const std::vector<FlowId> changed = net.Solve(kUsPerSecond);
  EXPECT_EQ(changed.size(), 2u);
  EXPECT_TRUE(Contains(changed, f1) && Contains(changed, f2));
  EXPECT_DOUBLE_EQ(net.BytesTransferred(f1, kUsPerSecond), 1e6);
  EXPECT_EQ(net.CompletionTimeUs(f1, 3e6), 5 * kUsPerSecond);  // 2 MB left at 0.5 MB/s

  const double f2_bytes = net.RemoveFlow(f2, 3 * kUsPerSecond);
  EXPECT_DOUBLE_EQ(f2_bytes, 1e6);
  EXPECT_EQ(net.Solve(3 * kUsPerSecond), std::vector<FlowId>{f1});
  EXPECT_DOUBLE_EQ(net.BytesTransferred(f1, 3 * kUsPerSecond), 2e6);
  EXPECT_EQ(net.CompletionTimeUs(f1, 3e6), 4 * kUsPerSecond);
  EXPECT_DOUBLE_EQ(net.LinkBytes(link, 4 * kUsPerSecond), 4e6);
}

TEST(FlowNetworkTest, LinkBytesEqualTheSumOfItsFlowsBytes) {
  FlowNetwork net;
  const LinkId egress = net.AddLink(20 * kMbps, 0);
  const LinkId isp = net.AddLink(kUnlimited, 0);
  std::vector<LinkId> access;
  for (int i = 0; i < 4; ++i) access.push_back(net.AddLink((3 + 2 * i) * kMbps, 0));
  std::vector<FlowId> live;
  double ended_bytes = 0;
  TimeUs now = 0;
  for (int step = 0; step < 12; ++step) {
    now += 370'000;
    if (step % 3 == 2 && !live.empty()) {
      ended_bytes += net.RemoveFlow(live.front(), now);
      live.erase(live.begin());
    } else {
      live.push_back(net.AddFlow({egress, isp, access[step % 4]}, (step % 2) * 2 * kMbps, now));
    }
    net.Solve(now);
  }
  now += 1'000'000;
  double sum = ended_bytes;
  for (const FlowId flow : live) sum += net.BytesTransferred(flow, now);
  EXPECT_NEAR(net.LinkBytes(egress, now), sum, 1e-6 * sum);
  EXPECT_NEAR(net.LinkBytes(isp, now), sum, 1e-6 * sum);
  EXPECT_GT(sum, 0);
}

TEST(FlowNetworkTest, UnlimitedLinksDoNotCoupleFlows) {
  FlowNetwork net;
  const LinkId core = net.AddLink(kUnlimited, 5000);
  const LinkId access1 = net.AddLink(5 * kMbps, 100);
  const LinkId access2 = net.AddLink(10 * kMbps, 100);
  const FlowId f1 = net.AddFlow({access1, core}, kUnlimited, 0);
  const FlowId f2 = net.AddFlow({access2, core}, kUnlimited, 0);
  net.Solve(0);
  EXPECT_DOUBLE_EQ(net.RateBps(f1), 5e6);
  EXPECT_DOUBLE_EQ(net.RateBps(f2), 10e6);
  EXPECT_EQ(net.PathLatencyUs(f1), 5100);
  const FlowId f3 = net.AddFlow({access1, core}, kUnlimited, 0);
  const std::vector<FlowId> changed = net.Solve(0);
  EXPECT_EQ(net.last_solved_flow_count(), 2u);  // f1 and f3; f2 untouched
  EXPECT_FALSE(Contains(changed, f2));
  EXPECT_DOUBLE_EQ(net.RateBps(f3), 2.5e6);
}

TEST(FlowNetworkTest, LinkThatCannotSaturateDoesNotCouple) {
  // The PoP link has room for every cap: it is skipped, the two access links solve separately.
  FlowNetwork net;
  const LinkId pop = net.AddLink(100 * kMbps, 0);
  const LinkId access1 = net.AddLink(5 * kMbps, 0);
  const LinkId access2 = net.AddLink(10 * kMbps, 0);
  net.AddFlow({pop, access1}, 20 * kMbps, 0);
  const FlowId f2 = net.AddFlow({pop, access2}, 20 * kMbps, 0);
  net.Solve(0);
  net.AddFlow({pop, access1}, 20 * kMbps, 0);
  net.Solve(0);
  EXPECT_EQ(net.last_solved_flow_count(), 2u);  // the new flow and f1 (access1), not f2
  net.AddFlow({access1}, 20 * kMbps, 0);
  net.Solve(0);
  EXPECT_EQ(net.last_solved_flow_count(), 3u);  // access1's flows only, not f2
  EXPECT_DOUBLE_EQ(net.RateBps(f2), 10e6);
}

TEST(FlowNetworkTest, CapacityChangeReSolvesOnlyTheComponent) {
  FlowNetwork net;
  const LinkId l1 = net.AddLink(6 * kMbps, 0);
  const LinkId l2 = net.AddLink(6 * kMbps, 0);
  const FlowId f1 = net.AddFlow({l1}, kUnlimited, 0);
  const FlowId f2 = net.AddFlow({l1}, kUnlimited, 0);
  const FlowId f3 = net.AddFlow({l2}, kUnlimited, 0);
  net.Solve(0);
  net.SetLinkCapacity(l1, 2 * kMbps, 10);
  const std::vector<FlowId> changed = net.Solve(10);
  EXPECT_EQ(changed.size(), 2u);
  EXPECT_DOUBLE_EQ(net.RateBps(f1), 1e6);
  EXPECT_DOUBLE_EQ(net.RateBps(f2), 1e6);
  EXPECT_DOUBLE_EQ(net.RateBps(f3), 6e6);
  EXPECT_TRUE(net.Solve(20).empty());
}

TEST(FlowNetworkTest, IdsAreReusedAfterRemoval) {
  FlowNetwork net;
  const LinkId link = net.AddLink(1 * kMbps, 0);
  const FlowId f1 = net.AddFlow({link}, kUnlimited, 0);
  const FlowId f2 = net.AddFlow({link}, kUnlimited, 0);
  net.RemoveFlow(f1, 0);
  EXPECT_EQ(net.AddFlow({link}, kUnlimited, 0), f1);
  net.RemoveFlow(f1, 0);
  net.RemoveFlow(f2, 0);
  EXPECT_EQ(net.flow_count(), 0u);
  net.RemoveLink(link);
  EXPECT_EQ(net.AddLink(2 * kMbps, 0), link);
}

}  // namespace
}  // namespace cdnmesh
