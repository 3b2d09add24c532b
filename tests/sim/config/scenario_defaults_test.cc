// An empty scenario loads with the documented defaults.
#include <gtest/gtest.h>

#include "config_test_util.h"
#include "sim/config/schema.h"

namespace cdnmesh {
namespace {

TEST(ScenarioDefaultsTest, EmptyMapLoadsWithDefaults) {
  const ScenarioConfig c = LoadOk("{}");
  EXPECT_EQ(c.name, "scenario");
  EXPECT_EQ(c.run.seed, 1u);
  EXPECT_EQ(c.run.duration_us, 600 * kUsPerSecond);
  ASSERT_EQ(c.topology.isps.size(), 1u);
  EXPECT_EQ(c.topology.isps[0].name, "isp");
  EXPECT_DOUBLE_EQ(c.topology.isps[0].share, 1.0);
  ASSERT_EQ(c.topology.pops.size(), 1u);
  EXPECT_EQ(c.topology.pops[0].name, "pop");
  EXPECT_EQ(c.peer.scheduler.urgent_window_us, 6 * kUsPerSecond);
  EXPECT_TRUE(c.peer.scheduler.p2p_enabled);
  EXPECT_EQ(c.tracker.policy, "hybrid");
  EXPECT_TRUE(c.distributor.overrides.empty());
  EXPECT_EQ(c.stream.stream.ladder.size(), 3u);
}

// The failure defaults (docs/model.md gives their sources): ICE fails after 15 s, a tenth of the
// sessions end silently, dead channels and services notice after 30 s, no stalls, no
// background uploads.
TEST(ScenarioDefaultsTest, FailureDefaults) {
  const ScenarioConfig c = LoadOk("{}");
  EXPECT_EQ(c.signaling.ice_failure_timeout_us, 15 * kUsPerSecond);
  EXPECT_DOUBLE_EQ(c.failures.vanish_fraction, 0.1);
  EXPECT_EQ(c.failures.dead_channel_timeout_us, 30 * kUsPerSecond);
  EXPECT_EQ(c.failures.service_detection_us, 30 * kUsPerSecond);
  EXPECT_EQ(c.failures.stall.per_hour, 0.0);
  EXPECT_EQ(c.failures.stall.mean_duration_us, 5 * kUsPerSecond);
  EXPECT_EQ(c.failures.background_upload.per_hour, 0.0);
  EXPECT_EQ(c.failures.background_upload.mean_duration_us, 120 * kUsPerSecond);
  EXPECT_DOUBLE_EQ(c.failures.background_upload_share, 0.5);
}

TEST(ScenarioDefaultsTest, EmptyTextAndNullSectionsLoad) {
  EXPECT_EQ(LoadOk("").topology.isps.size(), 1u);
  EXPECT_EQ(LoadOk("# only a comment\n").topology.pops.size(), 1u);
  EXPECT_EQ(LoadOk("scheduler:\nrun:\n").run.duration_us, 600 * kUsPerSecond);
}

TEST(ScenarioDefaultsTest, DerivedStreamValues) {
  const ScenarioConfig c = LoadOk("{}");
  // 3600 s of VOD in 4 s segments; live edge on air for 60 s at t = 0.
  EXPECT_EQ(c.stream.stream.vod_segment_count, 900);
  EXPECT_EQ(c.stream.stream.live_start_us, -60 * kUsPerSecond);
  const ScenarioConfig odd = LoadOk("stream: {vod_duration_s: 10, segment_duration_s: 4}");
  EXPECT_EQ(odd.stream.stream.vod_segment_count, 3);  // rounded up
}

TEST(ScenarioDefaultsTest, DefaultAccessProfilesPerDevice) {
  const ScenarioConfig c = LoadOk("{}");
  const IspConfig& isp = c.topology.isps[0];
  const auto& desktop = isp.access[static_cast<int>(DeviceClass::kDesktop)];
  EXPECT_EQ(desktop.down_bps.kind, DistributionKind::kLognormal);
  EXPECT_DOUBLE_EQ(desktop.down_bps.median, 50e6);
  EXPECT_DOUBLE_EQ(desktop.down_bps.sigma, 0.5);
  EXPECT_DOUBLE_EQ(desktop.down_bps.min, 2e6);
  EXPECT_DOUBLE_EQ(desktop.down_bps.max, 1e9);
  EXPECT_DOUBLE_EQ(desktop.up_bps.median, 10e6);
  EXPECT_DOUBLE_EQ(isp.access[static_cast<int>(DeviceClass::kTv)].down_bps.median, 40e6);
  EXPECT_DOUBLE_EQ(isp.access[static_cast<int>(DeviceClass::kTv)].up_bps.median, 8e6);
  EXPECT_DOUBLE_EQ(isp.access[static_cast<int>(DeviceClass::kMobileWifi)].down_bps.median, 30e6);
  EXPECT_DOUBLE_EQ(isp.access[static_cast<int>(DeviceClass::kMobileWifi)].up_bps.median, 5e6);
  const auto& cellular = isp.access[static_cast<int>(DeviceClass::kMobileCellular)];
  EXPECT_DOUBLE_EQ(cellular.down_bps.median, 20e6);
  EXPECT_EQ(cellular.up_bps.kind, DistributionKind::kConstant);
  EXPECT_DOUBLE_EQ(cellular.up_bps.value, 0.0);
}

TEST(ScenarioDefaultsTest, GivenListsReplaceTheDefaults) {
  const ScenarioConfig c = LoadOk(
      "isps: [{name: a, share: 2}, {name: b}]\n"
      "cdn: {pops: [{name: p1}, {name: p2}]}\n");
  ASSERT_EQ(c.topology.isps.size(), 2u);
  EXPECT_EQ(c.topology.isps[0].name, "a");
  EXPECT_DOUBLE_EQ(c.topology.isps[0].share, 2.0);
  EXPECT_DOUBLE_EQ(c.topology.isps[1].share, 1.0);  // element default
  // Elements of a given list still get the per-device default access profiles.
  EXPECT_DOUBLE_EQ(c.topology.isps[1].access[1].down_bps.median, 40e6);
  ASSERT_EQ(c.topology.pops.size(), 2u);
  EXPECT_EQ(c.topology.pops[1].name, "p2");
}

TEST(ScenarioDefaultsTest, LoadScenarioNodeEqualsDefaultScenarioJson) {
  const Result<ScenarioConfig> c = LoadScenarioNode(YAML::Node(YAML::NodeType::Map), "", "<dict>");
  ASSERT_TRUE(c.ok()) << c.error().message;
  EXPECT_EQ(ScenarioToJson(c.value()), ScenarioToJson(DefaultScenario()));
}

}  // namespace
}  // namespace cdnmesh
