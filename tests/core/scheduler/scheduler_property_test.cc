// Randomized property tests over long multi-viewer sessions on a faulty fake network, with fixed
// seeds: limits are never exceeded, nothing is fetched twice, the buffer rule always fires,
// uploads respect slots / rate / cap / device class, and a seed replays identically.
#include <gtest/gtest.h>

#include <sstream>

#include "tests/core/scheduler/fake_mesh.h"

namespace cdnmesh::testing {
namespace {

constexpr TimeUs kSessionEndUs = 10 * 60 * kUsPerSecond;

SchedulerConfig PropertyConfig(bool race) {
  SchedulerConfig config;
  config.race_on_fallback = race;
  config.max_p2p_transfers = 3;
  config.max_p2p_per_peer = 1;
  config.p2p_timeout_us = 1500 * kUsPerMs;
  config.upload_slots = 2;
  config.upload_rate_limit_bps = 3'000'000;
  config.upload_cap_bytes = 60'000'000;
  return config;
}

MeshConfig FaultyMesh(std::uint64_t seed) {
  MeshConfig mesh;
  mesh.viewers = 10;
  mesh.seed = seed;
  mesh.refuse_probability = 0.1;
  mesh.silent_probability = 0.05;
  mesh.disconnect_probability = 0.002;
  return mesh;
}

DeviceClass EveryFourthOnCellular(int i) {
  return i % 4 == 3 ? DeviceClass::kMobileCellular : DeviceClass::kDesktop;
}

// Checks every invariant of viewer `i` right after it handled an input.
void CheckInvariants(FakeMesh& mesh, const Stream& stream, int i, bool race) {
  Scheduler& s = mesh.viewer(i);
  const SchedulerConfig& c = s.config();
  const TimeUs now = mesh.now_us();
  ASSERT_LE(s.transfers().cdn_count(), c.max_cdn_transfers);
  ASSERT_LE(s.transfers().p2p_count(), c.max_p2p_transfers);
  for (const PeerState& p : s.peers().peers()) ASSERT_LE(p.active_transfers, c.max_p2p_per_peer);
  for (const Transfer& t : s.transfers().all()) {
    ASSERT_FALSE(s.player().IsBuffered(t.key.seq) || s.cache().ContainsSeq(t.key.seq))
        << "viewer " << i << " fetching held segment " << t.key.seq;
    ASSERT_LE(s.transfers().CountBySeq(t.key.seq), race ? 2 : 1) << "segment " << t.key.seq;
  }
  ASSERT_EQ(mesh.log(i).bad_references, 0) << "an action referred to a dead transfer";
  // Minimum-buffer rule: below the threshold the next needed segment is on its way from the CDN.
  const PlayerState state = s.player().state();
  const SegmentSeq next = s.player().NextNeededSeq();
  if (state != PlayerState::kEnded && s.player().BufferAheadUs() < c.min_buffer_us &&
      stream.IsAvailable(next, now)) {
    const Transfer* t = s.transfers().FindBySeq(next);
    bool on_cdn = t != nullptr && t->from_cdn();
    if (race && t != nullptr && !on_cdn) on_cdn = s.transfers().CountBySeq(next) == 2;
    ASSERT_TRUE(on_cdn) << "viewer " << i << " below threshold without CDN fetch of " << next;
  }
  if (state == PlayerState::kPlaying && s.player().BufferAheadUs() >= c.min_buffer_us) {
    // ...and above it, the scheduler wakes up by the time the rule would fire.
    ASSERT_LE(s.NextWakeUpUs(), now + s.player().BufferAheadUs() - c.min_buffer_us + 1);
  }
  // Upload side.
  ASSERT_LE(mesh.served_bytes(i), c.upload_cap_bytes);
  const double budget = static_cast<double>(c.upload_rate_limit_bps) / 8.0 *
                            (UsToSeconds(now) + UsToSeconds(c.upload_burst_us)) +
                        stream.SegmentSizeBytes({0, 0}) * 1.01;
  ASSERT_LE(static_cast<double>(s.stats().uploaded_bytes), budget);
  if (i % 4 == 3) {
    ASSERT_EQ(s.stats().uploaded_bytes, 0);
  }
}

class SchedulerPropertyTest : public ::testing::TestWithParam<std::tuple<std::uint64_t, bool>> {};

TEST_P(SchedulerPropertyTest, InvariantsHoldOverLongFaultySessions) {
  const std::uint64_t seed = std::get<0>(GetParam());
  const bool race = std::get<1>(GetParam());  // a plain local: C++17 lambdas cannot capture bindings
  Stream stream(LiveStream());
  FakeMesh mesh(stream, FaultyMesh(seed), PropertyConfig(race), EveryFourthOnCellular);
  std::int64_t checks = 0;
  mesh.RunUntil(kSessionEndUs, [&](int i) {
    if (::testing::Test::HasFailure()) return;  // report the first violation only
    ++checks;
    CheckInvariants(mesh, stream, i, race);
    if (::testing::Test::HasFailure()) ADD_FAILURE() << "at t=" << mesh.now_us() << " us";
  });
  ASSERT_FALSE(::testing::Test::HasFatalFailure());
  EXPECT_GT(checks, 10000);
  std::int64_t p2p = 0, failures = 0, timeouts = 0;
  for (int i = 0; i < mesh.size(); ++i) {
    const auto& st = mesh.viewer(i).stats();
    p2p += st.p2p_bytes;
    failures += st.p2p_failures;
    timeouts += st.p2p_timeouts;
    EXPECT_EQ(mesh.viewer(i).player().state(), PlayerState::kPlaying) << "viewer " << i;
  }
  EXPECT_GT(p2p, 0);       // the mesh does share...
  EXPECT_GT(failures, 0);  // ...while the faults were really exercised
  EXPECT_GT(timeouts, 0);
}

INSTANTIATE_TEST_SUITE_P(Seeds, SchedulerPropertyTest,
                         ::testing::Combine(::testing::Values(1u, 2u, 3u),
                                            ::testing::Values(false, true)));

std::string Fingerprint(FakeMesh& mesh) {
  std::ostringstream out;
  for (int i = 0; i < mesh.size(); ++i) {
    for (const Action& a : mesh.log(i).all) {
      out << i << ActionTypeName(a.type) << a.transfer << ':' << a.peer << ':' << a.key.seq << ';';
    }
    out << mesh.viewer(i).stats().p2p_bytes << '|';
  }
  return out.str();
}

TEST(SchedulerDeterminismTest, SameSeedReplaysSameDecisions) {
  Stream stream(LiveStream());
  auto run = [&](std::uint64_t seed) {
    FakeMesh mesh(stream, FaultyMesh(seed), PropertyConfig(false), EveryFourthOnCellular);
    mesh.RunUntil(3 * 60 * kUsPerSecond, [](int) {});
    return Fingerprint(mesh);
  };
  const std::string a = run(11);
  EXPECT_EQ(a, run(11));
  EXPECT_NE(a, run(12));
  EXPECT_GT(a.size(), 1000u);
}

}  // namespace
}  // namespace cdnmesh::testing
