// The shipped scenarios run end to end (shortened), and scenario features that only show in a
// whole run: distributor overrides, VOD start positions, CSV arrival curves.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <string>

#include "sim/config/scenario-loader.h"
#include "tests/sim/world/world_test_util.h"

namespace cdnmesh {
namespace {

using testing::MustRun;

ScenarioConfig Load(const std::string& name, const std::vector<std::string>& overrides) {
  Result<ScenarioConfig> config =
      LoadScenarioFile(std::string(CDNMESH_SOURCE_DIR) + "/scenarios/" + name, overrides);
  EXPECT_TRUE(config.ok()) << (config.ok() ? "" : config.error().message);
  return config.ok() ? config.value() : ScenarioConfig{};
}

void ExpectSane(const RunResult& r) {
  EXPECT_GT(r.summary.viewers, 0);
  EXPECT_GT(r.summary.cdn_bytes, 0);
  EXPECT_GE(r.summary.offload_ratio, 0.0);
  EXPECT_LE(r.summary.offload_ratio, 1.0);
  EXPECT_EQ(r.summary.viewers_never_started, 0);
  EXPECT_LT(r.summary.rebuffer_ratio, 0.05);
  EXPECT_GT(r.summary.mean_bitrate_bps, 0);
  EXPECT_FALSE(r.timeseries.empty());
  // The tight bound counts exactly the bytes delivered and is never below what was achieved.
  EXPECT_EQ(r.bound_demand_bytes, r.summary.cdn_bytes + r.summary.p2p_bytes);
  EXPECT_LE(r.summary.offload_ratio, r.summary.tight_offload_bound);
  EXPECT_LE(r.summary.tight_offload_bound, 1.0);
}

TEST(WorldScenarios, LiveSportsShortened) {
  const RunResult r = MustRun(Load("live-sports.yaml", {"run.duration_s=120",
                                                        "audience.arrivals.viewers=150",
                                                        "audience.initial_viewers=20"}));
  ExpectSane(r);
  EXPECT_GT(r.summary.p2p_bytes, 0);
  EXPECT_EQ(r.summary.pop_names.size(), 2u);
  EXPECT_GT(r.summary.cdn_egress_bytes_per_pop[0], 0);  // both PoPs serve their ISPs
  EXPECT_GT(r.summary.cdn_egress_bytes_per_pop[1], 0);
}

TEST(WorldScenarios, VodCatalogShortened) {
  const RunResult r = MustRun(Load("vod-catalog.yaml", {"run.duration_s=120"}));
  ExpectSane(r);
  bool someone_resumed = false;  // exponential start positions: not everyone at segment 0
  for (const PeerRecord& p : r.peers) someone_resumed |= p.identity.vod_start_media_us > 0;
  EXPECT_TRUE(someone_resumed);
  bool several_titles = false;
  for (const PeerRecord& p : r.peers) several_titles |= p.identity.content != 0;
  EXPECT_TRUE(several_titles);
}

// upload-rich on core's defaults (pipelined relaying, adaptive seeding) against the
// whole-segment relaying with fixed seeding odds of sweeps/audience-size.yaml's old row.
TEST(WorldScenarios, UploadRichShortenedDefaultsBeatWholeSegmentRelaying) {
  const std::vector<std::string> shortened = {"run.duration_s=200", "metrics.warmup_s=80",
                                              "audience.arrivals.viewers=200",
                                              "audience.arrivals.ramp_s=60"};
  const RunResult defaults = MustRun(Load("upload-rich.yaml", shortened));
  ExpectSane(defaults);
  std::vector<std::string> old = shortened;
  old.push_back("scheduler.relay_after_bytes=0");
  old.push_back("scheduler.seeding_miss_target=0");
  const RunResult whole = MustRun(Load("upload-rich.yaml", old));
  ExpectSane(whole);
  EXPECT_GT(defaults.summary.offload_ratio, whole.summary.offload_ratio + 0.05);
}

// Uplinks below the bitrate: deadline admission lets them serve what the real-time rule
// refuses (scenarios/slow-uplinks.yaml, shortened).
TEST(WorldScenarios, SlowUplinksShortenedServeByDeadline) {
  const std::vector<std::string> shortened = {"run.duration_s=200", "metrics.warmup_s=80",
                                              "audience.arrivals.viewers=100",
                                              "audience.arrivals.ramp_s=60"};
  std::vector<std::string> by_rate = shortened;
  by_rate.push_back("scheduler.upload_deadline_admission=false");
  const RunResult rate = MustRun(Load("slow-uplinks.yaml", by_rate));
  ExpectSane(rate);
  const RunResult deadline = MustRun(Load("slow-uplinks.yaml", shortened));
  ExpectSane(deadline);
  EXPECT_GT(deadline.summary.offload_ratio, rate.summary.offload_ratio + 0.10);
}

TEST(WorldScenarios, SmallSwarmWhole) {
  const RunResult r = MustRun(Load("small-swarm.yaml", {}));
  ExpectSane(r);
  EXPECT_GE(r.summary.viewers, 10);
  EXPECT_LE(r.summary.viewers, 20);
  EXPECT_GT(r.summary.offload_ratio, 0.2);
}

TEST(WorldScenarios, DistributorOverrideReachesTheViewersItNames) {
  const std::string dir = ::testing::TempDir();
  const std::string path = dir + "/override.yaml";
  std::ofstream(path) << "run: {duration_s: 90}\n"
                         "audience:\n"
                         "  arrivals: {kind: constant, rate_per_s: 0}\n"
                         "  initial_viewers: 30\n"
                         "  devices: {desktop: 1, tv: 1, mobile_wifi: 0, mobile_cellular: 0}\n"
                         "distributor:\n"
                         "  overrides:\n"
                         "    - device: tv\n"
                         "      set: {scheduler.upload_slots: 0}\n";
  Result<ScenarioConfig> config = LoadScenarioFile(path);
  ASSERT_TRUE(config.ok()) << config.error().message;
  const RunResult r = MustRun(config.value());
  std::int64_t tv_uploaded = 0, desktop_uploaded = 0;
  int tvs = 0;
  for (const PeerRecord& p : r.peers) {
    if (p.identity.device == DeviceClass::kTv) {
      tv_uploaded += p.uploaded_bytes_delivered;
      ++tvs;
    } else {
      desktop_uploaded += p.uploaded_bytes_delivered;
    }
  }
  EXPECT_GT(tvs, 0);
  EXPECT_EQ(tv_uploaded, 0);
  EXPECT_GT(desktop_uploaded, 0);
  EXPECT_EQ(r.summary.distributor_requests, 30);
}

// Incoming connections accepted while our own attempts are pending must not push a viewer
// past its cap when those attempts complete.
TEST(WorldScenarios, ConnectionCapHoldsOnBothEnds) {
  Result<ScenarioConfig> config = LoadScenarioText(
      "run: {duration_s: 90}\n"
      "audience:\n"
      "  arrivals: {kind: constant, rate_per_s: 0}\n"
      "  initial_viewers: 300\n"
      "  initial_join_window_s: 5\n"
      "p2p: {max_connections: 3}\n"
      "tracker: {peers_per_request: 30}\n",
      ".", "cap-test");
  ASSERT_TRUE(config.ok()) << config.error().message;
  const RunResult r = MustRun(config.value());
  int most = 0;
  for (const PeerRecord& p : r.peers) most = std::max(most, p.max_connections);
  EXPECT_EQ(most, 3);
}

TEST(WorldScenarios, CsvArrivalCurveDrivesJoins) {
  const std::string dir = ::testing::TempDir();
  std::ofstream(dir + "/curve.csv") << "time_s,rate_per_s\n0,0\n30,2\n60,0\n";
  std::ofstream(dir + "/csv.yaml") << "run: {duration_s: 90}\n"
                                      "audience:\n"
                                      "  arrivals: {kind: csv, csv: curve.csv}\n";
  Result<ScenarioConfig> config = LoadScenarioFile(dir + "/csv.yaml");
  ASSERT_TRUE(config.ok()) << config.error().message;
  const RunResult r = MustRun(config.value());
  ASSERT_GT(r.summary.viewers, 30);  // ~60 expected
  EXPECT_LT(r.summary.viewers, 100);
  for (const PeerRecord& p : r.peers) {
    EXPECT_GE(p.identity.join_us, 30 * kUsPerSecond);
    EXPECT_LT(p.identity.join_us, 60 * kUsPerSecond);
  }
}

}  // namespace
}  // namespace cdnmesh
