// The failure modes in whole runs: silent departures, stalls and background uploads are
// deterministic, counted in the summary, and cost what they should (timeouts, offload).
#include <gtest/gtest.h>

#include "sim/output/summary-json.h"
#include "tests/sim/world/world_test_util.h"

namespace cdnmesh {
namespace {

using testing::MustRun;
using testing::StaticSwarm;

// 20 viewers with 60 s sessions on average over 120 s: departures happen.
ScenarioConfig Churning() {
  ScenarioConfig c = StaticSwarm(20, 120);
  c.audience.session.kind = SessionKind::kExponential;
  c.audience.session.mean_us = 60 * kUsPerSecond;
  c.audience.session.min_us = 10 * kUsPerSecond;
  return c;
}

TEST(WorldFailures, EveryFailureOnIsDeterministicAndCounted) {
  ScenarioConfig c = Churning();
  c.failures.vanish_fraction = 0.5;
  c.failures.stall = EpisodeConfig{60, 5 * kUsPerSecond};
  c.failures.background_upload = EpisodeConfig{60, 20 * kUsPerSecond};
  const RunResult a = MustRun(c);
  const RunResult b = MustRun(c);
  EXPECT_EQ(MetricsToJson(a.summary).dump(), MetricsToJson(b.summary).dump());
  EXPECT_GT(a.summary.silent_departures, 0);
  EXPECT_GT(a.summary.uplink_stalls, 0);
  EXPECT_GT(a.summary.background_uploads, 0);
  EXPECT_GT(a.summary.p2p_bytes, 0);
}

// With every session end silent, each departure before the run's end is one silent departure
// (the run's end closes the rest cleanly).
TEST(WorldFailures, EveryDepartureBeforeTheEndIsSilentAtFractionOne) {
  ScenarioConfig c = Churning();
  c.failures.vanish_fraction = 1;
  const RunResult r = MustRun(c);
  std::int64_t departures = 0;
  for (const PeerRecord& p : r.peers) departures += p.leave_us < c.run.duration_us;
  EXPECT_GT(departures, 0);
  EXPECT_EQ(r.summary.silent_departures, departures);
  c.failures.vanish_fraction = 0;
  EXPECT_EQ(MustRun(c).summary.silent_departures, 0);
}

// Uploaders that stall often (2 per minute, 5 s each, longer than scheduler.p2p_timeout_s)
// make their downloaders time out and lower offload; without stalls nothing times out.
TEST(WorldFailures, StallsMakePeerDownloadsTimeOut) {
  ScenarioConfig c = StaticSwarm(15, 120);
  c.failures.vanish_fraction = 0;
  const RunResult calm = MustRun(c);
  c.failures.stall = EpisodeConfig{120, 5 * kUsPerSecond};
  const RunResult stalling = MustRun(c);
  EXPECT_EQ(calm.summary.p2p_timeouts, 0);
  EXPECT_GT(stalling.summary.uplink_stalls, 15);
  EXPECT_GT(stalling.summary.p2p_timeouts, 0);
  EXPECT_LT(stalling.summary.offload_ratio, calm.summary.offload_ratio);
}

}  // namespace
}  // namespace cdnmesh
