// Adaptive seeding (scheduler.seeding_miss_target): the gain on the seeding odds doubles after a
// segment the viewer had to fetch from the CDN while playing, shrinks by exp(-t ln 2 / (1 - t))
// after one it got from a peer (never below 1), ignores the startup, and is off at target 0;
// in a swarm whose uplinks cannot keep up it makes more viewers seed than fixed odds would.
#include <gtest/gtest.h>

#include <algorithm>

#include "tests/core/scheduler/fake_mesh.h"
#include "tests/core/scheduler/scheduler_harness.h"

namespace cdnmesh::testing {
namespace {

// A live viewer that starts 3 segments behind the edge at t = 60 s, with one connected peer.
struct GainFixture {
  Stream stream{LiveStream()};
  SchedulerConfig config;
  std::unique_ptr<Scheduler> s;
  ActionLog log;
  TimeUs now_us = 60 * kUsPerSecond;
  double expected_gain = 1.0;

  explicit GainFixture(double target) {
    config.seeding_miss_target = target;
    config.cdn_seeding_enabled = false;  // no seeding fetch gets in the way of the script
    s = MakeScheduler(stream, config);
    s->OnPeerConnected(now_us, 9);
    s->OnPlaylist(now_us, CdnPlaylist(stream, now_us));
    s->OnStart(now_us, stream.LastAvailable(now_us) - 2);
    Drain(*s, log);
  }
  // Completes the CDN transfers in flight one at a time, following the rule: a completion
  // while playing doubles the gain (up to the cap), one during startup leaves it.
  int CompleteCdnTransfers() {
    int n = 0;
    for (int guard = 0; guard < 16 && s->transfers().cdn_count() > 0; ++guard) {
      now_us += 10 * kUsPerMs;
      const Transfer t = *std::find_if(s->transfers().all().begin(), s->transfers().all().end(),
                                       [](const Transfer& x) { return x.from_cdn(); });
      if (s->player().state() == PlayerState::kPlaying) {
        expected_gain = std::min(Scheduler::kMaxSeedingGain, expected_gain * 2);
      }
      s->OnTransferDone(now_us, t.id, 400'000);
      Drain(*s, log);
      ++n;
    }
    return n;
  }
  void NextSegmentAppears() {
    now_us += 4 * kUsPerSecond;
    s->OnPlaylist(now_us, CdnPlaylist(stream, now_us));
    Drain(*s, log);
  }
};

TEST(SchedulerSeedingGainTest, StartupDoesNotCountAndAMissDoubles) {
  GainFixture f(0.1);
  ASSERT_GT(f.CompleteCdnTransfers(), 0);
  ASSERT_EQ(f.s->player().state(), PlayerState::kPlaying);
  for (int i = 0; i < 3; ++i) {
    f.NextSegmentAppears();
    ASSERT_GT(f.CompleteCdnTransfers(), 0);
  }
  EXPECT_GT(f.expected_gain, 1.0);  // misses while playing happened...
  EXPECT_DOUBLE_EQ(f.s->seeding_gain(), f.expected_gain);  // ...and only they counted
}

TEST(SchedulerSeedingGainTest, OffAtTargetZero) {
  GainFixture f(0.0);
  f.CompleteCdnTransfers();
  f.NextSegmentAppears();
  ASSERT_GT(f.CompleteCdnTransfers(), 0);
  EXPECT_EQ(f.s->seeding_gain(), 1.0);
}

// Fake swarms of 30 viewers whose uplinks are fast (20 Mbit/s) or below real time (0.6 Mbit/s
// for 0.8 Mbit/s segments): with a target the slow swarm seeds far more than fixed odds; the
// fast one seeds about as much.
std::int64_t SeedingFetches(std::int64_t upload_bps, double target) {
  const Stream stream{LiveStream()};
  MeshConfig mesh;
  mesh.viewers = 30;
  mesh.upload_rate_bps = upload_bps;
  SchedulerConfig config;
  config.seeding_miss_target = target;
  FakeMesh net(stream, mesh, config);
  net.RunUntil(5 * 60 * kUsPerSecond, [](int) {});
  std::int64_t seeding = 0;
  for (int i = 0; i < net.size(); ++i) seeding += net.viewer(i).stats().seeding_fetches;
  return seeding;
}

TEST(SchedulerSeedingGainTest, SlowSwarmsSeedMoreFastOnesAboutTheSame) {
  const std::int64_t slow_fixed = SeedingFetches(600'000, 0.0);
  const std::int64_t slow_adaptive = SeedingFetches(600'000, 0.02);
  EXPECT_GT(slow_adaptive, 3 * slow_fixed);
  const std::int64_t fast_fixed = SeedingFetches(20'000'000, 0.0);
  const std::int64_t fast_adaptive = SeedingFetches(20'000'000, 0.02);
  EXPECT_LT(fast_adaptive, 3 * fast_fixed);
}

}  // namespace
}  // namespace cdnmesh::testing
