// Every shipped scenario runs at network.fidelity packet at small scale: tens of viewers for a
// minute, every byte over ns-3 TCP. Each asserts the run is whole (viewers played, bytes from
// the CDN, peers shared where the scenario lets them) and byte-consistent. ~35 s in all.
// slow-uplinks (uplinks ~1.77 Mbit/s, deadline admission) rebuffers 6.4 % of the time here at
// packet level against 0 at flow level (offload 23.2 % / 23.8 %): downloads wait for their ACKs
// behind the uploads that fill those uplinks, which the flow model does not have.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "sim/config/scenario-loader.h"
#include "tests/sim/world/world_test_util.h"

namespace cdnmesh {
namespace {

struct PacketCase {
  const char* file;
  std::vector<std::string> overrides;  ///< scaled down to tens of viewers and a minute
  bool shares;                         ///< peers are expected to serve bytes
  double max_rebuffer = 0.05;
};

class PacketScenarios : public ::testing::TestWithParam<PacketCase> {};

TEST_P(PacketScenarios, RunAtSmallScale) {
  const PacketCase& c = GetParam();
  std::vector<std::string> overrides = c.overrides;
  overrides.push_back("network.fidelity=packet");
  Result<ScenarioConfig> config =
      LoadScenarioFile(std::string(CDNMESH_SOURCE_DIR) + "/scenarios/" + c.file, overrides);
  ASSERT_TRUE(config.ok()) << c.file << ": " << config.error().message;
  const RunResult r = testing::MustRun(config.value());
  EXPECT_GT(r.summary.viewers, 5) << c.file;
  EXPECT_EQ(r.summary.viewers_never_started, 0) << c.file;
  EXPECT_GT(r.summary.cdn_bytes, 0) << c.file;
  EXPECT_GT(r.summary.mean_bitrate_bps, 0) << c.file;
  EXPECT_LT(r.summary.rebuffer_ratio, c.max_rebuffer) << c.file;
  if (c.shares) {
    EXPECT_GT(r.summary.p2p_bytes, 0) << c.file;
  }
  EXPECT_EQ(r.bound_demand_bytes, r.summary.cdn_bytes + r.summary.p2p_bytes) << c.file;
}

INSTANTIATE_TEST_SUITE_P(
    Shipped, PacketScenarios,
    ::testing::Values(
        PacketCase{"small-swarm.yaml", {"run.duration_s=60"}, true},
        PacketCase{"live-sports.yaml",
                   {"run.duration_s=60", "audience.initial_viewers=15", "audience.arrivals.viewers=15"},
                   true},
        PacketCase{"slow-uplinks.yaml",
                   {"run.duration_s=60", "metrics.warmup_s=20", "audience.arrivals.viewers=30"},
                   true, 0.15},  // 6.4 % at packet level, 0 at flow level: see the note below
        PacketCase{"upload-rich.yaml",
                   {"run.duration_s=60", "metrics.warmup_s=20", "audience.arrivals.viewers=30"},
                   true},
        PacketCase{"vod-catalog.yaml", {"run.duration_s=60", "audience.arrivals.rate_per_s=0.5"},
                   false},
        PacketCase{"e2e-loopback.yaml", {"run.duration_s=60"}, true}),
    [](const ::testing::TestParamInfo<PacketCase>& param_info) {
      std::string name = param_info.param.file;
      name = name.substr(0, name.find('.'));
      for (char& ch : name) {
        if (ch == '-') ch = '_';
      }
      return name;
    });

}  // namespace
}  // namespace cdnmesh
