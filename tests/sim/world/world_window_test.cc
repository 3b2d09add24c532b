// The measurement window and the per-group breakdowns, checked on whole runs: additive metrics
// of two adjacent windows add up to the whole run's; groups add up to the audience.
#include <gtest/gtest.h>

#include <cmath>

#include "sim/world/world.h"
#include "tests/sim/world/world_test_util.h"

namespace cdnmesh::testing {
namespace {

// Viewers arrive and leave all the time, over two ISPs: sessions cross both window edges.
ScenarioConfig ChurningAudience() {
  ScenarioConfig c = StaticSwarm(20, 240);
  c.audience.arrivals.rate_per_s = 0.2;
  c.audience.session.kind = SessionKind::kExponential;
  c.audience.session.mean_us = 90 * kUsPerSecond;
  IspConfig second = c.topology.isps[0];
  second.name = "other";
  c.topology.isps.push_back(second);
  return c;
}

RunSummary RunWindow(ScenarioConfig c, int warmup_s, int window_s) {
  c.metrics.warmup_us = warmup_s * kUsPerSecond;
  c.metrics.window_us = window_s * kUsPerSecond;
  return MustRun(c).summary;
}

TEST(WorldWindow, AdjacentWindowsAddUpToTheWholeRun) {
  const ScenarioConfig c = ChurningAudience();
  const RunSummary whole = RunWindow(c, 0, 0);
  const RunSummary first = RunWindow(c, 0, 70);
  const RunSummary rest = RunWindow(c, 70, 0);
  ASSERT_GT(whole.p2p_bytes, 0);
  EXPECT_GT(first.cdn_bytes, 0);
  EXPECT_GT(rest.cdn_bytes, 0);
  EXPECT_EQ(first.cdn_bytes + rest.cdn_bytes, whole.cdn_bytes);
  EXPECT_EQ(first.p2p_bytes + rest.p2p_bytes, whole.p2p_bytes);
  EXPECT_EQ(first.wasted_bytes + rest.wasted_bytes, whole.wasted_bytes);
  EXPECT_EQ(first.cdn_requests + rest.cdn_requests, whole.cdn_requests);
  EXPECT_EQ(first.p2p_requests + rest.p2p_requests, whole.p2p_requests);
  EXPECT_EQ(first.tracker_requests + rest.tracker_requests, whole.tracker_requests);
  EXPECT_EQ(first.peer_messages + rest.peer_messages, whole.peer_messages);
  EXPECT_NEAR(first.watch_hours + rest.watch_hours, whole.watch_hours, 1e-9);
  EXPECT_NEAR(first.cdn_egress_bytes + rest.cdn_egress_bytes, whole.cdn_egress_bytes, 1.0);
  // Sessions crossing t = 70 s count in both windows; none is lost.
  EXPECT_GE(first.viewers + rest.viewers, whole.viewers);
  EXPECT_LT(first.viewers, whole.viewers);
  EXPECT_LT(rest.viewers, whole.viewers);
  EXPECT_DOUBLE_EQ(rest.window_start_s, 70.0);
  EXPECT_DOUBLE_EQ(rest.window_end_s, 240.0);
  EXPECT_DOUBLE_EQ(first.window_end_s, 70.0);
}

TEST(WorldWindow, LeavingOutTheWarmUpRaisesOffload) {
  // Everyone arrives at once: the first minute is mostly CDN while the swarm fills up.
  const ScenarioConfig c = StaticSwarm(30, 240);
  const RunSummary whole = RunWindow(c, 0, 0);
  const RunSummary warm = RunWindow(c, 60, 0);
  EXPECT_GT(warm.offload_ratio, whole.offload_ratio + 0.02);
  // Startup delays belong to sessions that began in the window: none did after the warm-up.
  EXPECT_TRUE(std::isnan(warm.startup_delay_p50_s));
  EXPECT_FALSE(std::isnan(whole.startup_delay_p50_s));
  EXPECT_EQ(warm.viewers_never_started, 0);
}

TEST(WorldBreakdown, GroupsAddUpToTheAudience) {
  const RunSummary s = MustRun(ChurningAudience()).summary;
  ASSERT_EQ(s.by_isp.names.size(), 2u);
  EXPECT_EQ(s.by_isp.names[1], "other");
  ASSERT_EQ(s.by_device.rows.size(), static_cast<std::size_t>(kDeviceClassCount));
  for (const GroupBreakdown* breakdown : {&s.by_isp, &s.by_device}) {
    std::int64_t viewers = 0, cdn = 0, p2p = 0;
    double watch_hours = 0;
    for (const GroupMetrics& g : breakdown->rows) {
      viewers += g.viewers;
      cdn += g.cdn_bytes;
      p2p += g.p2p_bytes;
      watch_hours += g.watch_hours;
    }
    EXPECT_EQ(viewers, s.viewers);
    EXPECT_EQ(cdn, s.cdn_bytes);
    EXPECT_EQ(p2p, s.p2p_bytes);
    EXPECT_NEAR(watch_hours, s.watch_hours, 1e-9);
  }
  // Only desktops in this audience: the other device classes are empty, their ratios undefined.
  EXPECT_EQ(s.by_device.rows[0].viewers, s.viewers);
  EXPECT_EQ(s.by_device.rows[1].viewers, 0);
  EXPECT_TRUE(std::isnan(s.by_device.rows[1].offload_ratio));
  EXPECT_TRUE(std::isnan(s.by_device.rows[1].upload_per_viewer_mean_bytes));
  EXPECT_GT(s.by_isp.rows[0].uploaded_bytes, 0);
}

TEST(WorldWindow, CdnOnlyRunHasAnUndefinedEfficiency) {
  ScenarioConfig c = StaticSwarm(5, 60);
  c.peer.scheduler.p2p_enabled = false;
  const RunSummary s = MustRun(c).summary;
  EXPECT_EQ(s.offload_ratio, 0.0);  // 0 of a positive total: defined
  EXPECT_EQ(s.theoretical_offload_bound, 0.0);
  EXPECT_TRUE(std::isnan(s.efficiency));
  EXPECT_TRUE(std::isnan(s.p2p_cross_isp_share));  // no peer bytes
}

}  // namespace
}  // namespace cdnmesh::testing
