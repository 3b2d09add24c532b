// The cost estimate refuses runs that would exhaust memory, time or disk, naming the knob.
#include <gtest/gtest.h>

#include "config_test_util.h"
#include "sim/config/cost-estimate.h"

namespace cdnmesh {
namespace {

std::string Scenario(const std::string& name) {
  return std::string(CDNMESH_SOURCE_DIR) + "/scenarios/" + name;
}

// The budget of this test: independent of the machine it runs on.
CostBudget TestBudget() {
  CostBudget budget;
  budget.max_events = 5e9;
  budget.max_memory_bytes = 8e9;
  budget.max_output_bytes = 4e9;
  return budget;
}

std::string Refusal(const std::string& yaml) {
  const Status status = CheckCostBudget(EstimateCost(LoadOk(yaml)), TestBudget());
  EXPECT_FALSE(status.ok()) << yaml;
  return status.message();
}

TEST(CostEstimate, ShippedScenariosFitTheBudget) {
  for (const char* name : {"live-sports.yaml", "vod-catalog.yaml", "small-swarm.yaml"}) {
    const Result<ScenarioConfig> config = LoadScenarioFile(Scenario(name));
    ASSERT_TRUE(config.ok()) << config.error().message;
    const CostEstimate e = EstimateCost(config.value());
    EXPECT_TRUE(CheckCostBudget(e, TestBudget()).ok()) << name << ": " << FormatCostEstimate(e);
    EXPECT_GT(e.events, 0) << name;
  }
}

TEST(CostEstimate, LiveSportsIsWithinAFactorOfTheMeasuredRun) {
  // Measured (README): 3 300 viewers, 26.7 M events with 256 KiB relay steps (core's default),
  // 8.85 M relaying whole segments, under 200 MB.
  ScenarioConfig config = LoadScenarioFile(Scenario("live-sports.yaml")).value();
  const CostEstimate e = EstimateCost(config);
  EXPECT_NEAR(e.viewers, 3300, 1);
  EXPECT_GT(e.events, 26.7e6 / 2);
  EXPECT_LT(e.events, 26.7e6 * 2);
  EXPECT_LT(e.memory_bytes, 1e9);
  config.peer.scheduler.relay_after_bytes = 0;
  const CostEstimate whole = EstimateCost(config);
  EXPECT_GT(whole.events, 8.85e6 / 2);
  EXPECT_LT(whole.events, 8.85e6 * 2);
}

TEST(CostEstimate, TwoMillionViewersAreRefusedForMemory) {
  const std::string message = Refusal("audience: {initial_viewers: 2000000}");
  EXPECT_NE(message.find("of memory"), std::string::npos) << message;
  EXPECT_NE(message.find("reduce audience.initial_viewers"), std::string::npos) << message;
  EXPECT_NE(message.find("--max-memory-gb"), std::string::npos) << message;
  EXPECT_NE(message.find("--force"), std::string::npos) << message;
}

TEST(CostEstimate, AVeryLongRunIsRefusedForEvents) {
  const std::string message =
      Refusal("run: {duration_s: 1e7}\naudience: {arrivals: {viewers: 1000}}");
  EXPECT_NE(message.find("simulator events"), std::string::npos) << message;
  EXPECT_NE(message.find("run.duration_s"), std::string::npos) << message;
}

TEST(CostEstimate, AFineTimeseriesOfALongRunIsRefusedForOutput) {
  const std::string message = Refusal(
      "run: {duration_s: 1e9, timeseries_interval_s: 0.1}\n"
      "audience: {initial_viewers: 0, arrivals: {viewers: 0}}");
  EXPECT_NE(message.find("of results"), std::string::npos) << message;
  EXPECT_NE(message.find("run.timeseries_interval_s"), std::string::npos) << message;
}

TEST(CostEstimate, ArrivalsFollowTheirProcess) {
  EXPECT_NEAR(EstimateCost(LoadOk("run: {duration_s: 100}\n"
                                  "audience: {arrivals: {kind: constant, rate_per_s: 2}}"))
                  .viewers,
              200, 1e-9);
  EXPECT_NEAR(
      EstimateCost(LoadOk("audience: {initial_viewers: 50, arrivals: {viewers: 7}}")).viewers, 57,
      1e-9);
}

}  // namespace
}  // namespace cdnmesh
