// `--set key.path=value` overrides: applied before parsing, so validation sees them.
#include <gtest/gtest.h>

#include "config_test_util.h"
#include "sim/config/schema.h"

namespace cdnmesh {
namespace {

TEST(ScenarioOverridesTest, ChangeValues) {
  const ScenarioConfig c =
      LoadOk("isps: [{name: a}, {name: b, share: 3}]\n",
             {"isps[1].share=0.2", "scheduler.urgent_window_s=8", "cdn.pops[0].egress_bps=1e10",
              "p2p.enabled=false", "player.abr=buffer", "name=renamed", "run.seed = 7"});
  EXPECT_DOUBLE_EQ(c.topology.isps[1].share, 0.2);
  EXPECT_EQ(c.peer.scheduler.urgent_window_us, 8 * kUsPerSecond);
  EXPECT_EQ(c.topology.pops[0].egress_bps, 10'000'000'000);  // default list, element 0
  EXPECT_EQ(c.topology.pops[0].name, "pop");
  EXPECT_FALSE(c.peer.scheduler.p2p_enabled);
  EXPECT_EQ(c.peer.abr, AbrKind::kBuffer);
  EXPECT_EQ(c.name, "renamed");
  EXPECT_EQ(c.run.seed, 7u);
}

TEST(ScenarioOverridesTest, ReplaceFileValuesAndReachNestedKeys) {
  const ScenarioConfig c = LoadOk(
      "scheduler: {urgent_window_s: 5}\n"
      "distributor: {overrides: [{device: tv, set: {scheduler.upload_slots: 0}}]}\n",
      {"scheduler.urgent_window_s=7", "distributor.overrides[0].set.scheduler.upload_slots=2",
       "distributor.overrides[0].set.player.buffer_abr.cushion_s=20",
       "isps[0].access.tv.down_bps.median=1e6", "stream.renditions=[{bitrate_bps: 1e6}]"});
  EXPECT_EQ(c.peer.scheduler.urgent_window_us, 7 * kUsPerSecond);
  ASSERT_EQ(c.distributor.overrides.size(), 1u);
  EXPECT_EQ(c.distributor.overrides[0].config.scheduler.upload_slots, 2);
  EXPECT_EQ(c.distributor.overrides[0].config.buffer_abr.cushion_us, 20 * kUsPerSecond);
  EXPECT_EQ(c.distributor.overrides[0].config.scheduler.urgent_window_us, 7 * kUsPerSecond);
  // A map without `dist` edits the default distribution (lognormal, clamps kept).
  const auto& tv_down = c.topology.isps[0].access[static_cast<int>(DeviceClass::kTv)].down_bps;
  EXPECT_EQ(tv_down.kind, DistributionKind::kLognormal);
  EXPECT_DOUBLE_EQ(tv_down.median, 1e6);
  EXPECT_DOUBLE_EQ(tv_down.sigma, 0.5);
  ASSERT_EQ(c.stream.stream.ladder.size(), 1u);
  EXPECT_EQ(c.stream.stream.ladder[0].bitrate_bps, 1'000'000);
}

TEST(ScenarioOverridesTest, ValidationSeesOverrides) {
  const std::string message = LoadError("{}", {"scheduler.urgent_window_s=40"});
  EXPECT_NE(message.find("scheduler.urgent_window_s: 40 is larger than scheduler.p2p_window_s"),
            std::string::npos)
      << message;
  EXPECT_NE(LoadError("{}", {"run.seed=-3"}).find("run.seed: -3 is out of range"),
            std::string::npos);
}

struct BadOverride {
  const char* assignment;
  const char* expected;
};

void PrintTo(const BadOverride& c, std::ostream* os) { *os << c.assignment; }

class ScenarioBadOverrideTest : public ::testing::TestWithParam<BadOverride> {};

TEST_P(ScenarioBadOverrideTest, ErrorNamesThePath) {
  const std::string message = LoadError("isps: [{name: a}]\n", {GetParam().assignment});
  EXPECT_NE(message.find(GetParam().expected), std::string::npos) << message;
}

INSTANTIATE_TEST_SUITE_P(
    BadOverrides, ScenarioBadOverrideTest,
    ::testing::Values(
        BadOverride{"isps[1].share=0.2", "isps[1]: no such element (isps has 1 elements)"},
        BadOverride{"cdn.pops[3].name=x", "cdn.pops[3]: no such element"},
        BadOverride{"distributor.overrides[0].isp=a", "distributor.overrides[0]: no such element"},
        BadOverride{"scheduler.urgnt_window_s=8",
                    "scheduler.urgnt_window_s: unknown key; did you "
                    "mean `urgent_window_s`?"},
        BadOverride{"isps.share=1", "isps: is a list; address an element as isps[0]"},
        BadOverride{"run.seed", "expected key.path=value"},
        BadOverride{"isps[x].share=1", "bad list index"}, BadOverride{"run..seed=1", "empty key"},
        BadOverride{"run.seed=[1", "run.seed: the value is not valid YAML"},
        BadOverride{"p2p.enabled=maybe", "p2p.enabled: expected true or false"}));

TEST(ScenarioOverridesTest, LoadScenarioNodeDoesNotModifyTheCallersNode) {
  YAML::Node root = YAML::Load("scheduler: {urgent_window_s: 5}\n");
  const Result<ScenarioConfig> c =
      LoadScenarioNode(root, "", "<dict>", {"scheduler.urgent_window_s=7", "isps[0].share=2"});
  ASSERT_TRUE(c.ok()) << c.error().message;
  EXPECT_EQ(c.value().peer.scheduler.urgent_window_us, 7 * kUsPerSecond);
  EXPECT_EQ(root["scheduler"]["urgent_window_s"].as<std::string>(), "5");
  EXPECT_FALSE(root["isps"].IsDefined());
}

}  // namespace
}  // namespace cdnmesh
