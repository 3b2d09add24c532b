// Unit tests of the scheduler's parts: upload admission, segment window, segment cache, peer
// choice; and of retry / timeout / disconnect handling on a scripted session.
#include <gtest/gtest.h>

#include "core/scheduler/peer_table.h"
#include "core/scheduler/segment_cache.h"
#include "core/scheduler/segment_window.h"
#include "core/scheduler/upload_admission.h"
#include "tests/core/scheduler/fake_mesh.h"

namespace cdnmesh::testing {
namespace {

TEST(UploadAdmissionTest, SlotsAreALimit) {
  SchedulerConfig config;
  config.upload_slots = 2;
  UploadAdmission admission(config, DeviceClass::kDesktop);
  EXPECT_EQ(admission.Admit(0, 1000), Reason::kNone);
  EXPECT_EQ(admission.Admit(0, 1000), Reason::kNone);
  EXPECT_EQ(admission.Admit(0, 1000), Reason::kNoSlot);
  admission.Release();
  EXPECT_EQ(admission.Admit(0, 1000), Reason::kNone);
}

// Capacity-aware admission: 10 Mbit/s of upload, segments of 2 Mbit/s real time, factor 1.5:
// each upload needs 3 Mbit/s, so 3 fit (9 <= 10) and a 4th would not (12 > 10).
struct RealtimeCase {
  std::int64_t capacity_bps;
  int admitted_before;
  Reason expected;
};
class UploadRealtimeTest : public ::testing::TestWithParam<RealtimeCase> {};

TEST_P(UploadRealtimeTest, EachUploadKeepsItsRealTimeShare) {
  SchedulerConfig config;
  config.upload_slots = 10;
  config.upload_min_realtime_factor = 1.5;
  UploadAdmission admission(config, DeviceClass::kDesktop, GetParam().capacity_bps);
  for (int i = 0; i < GetParam().admitted_before; ++i) {
    ASSERT_EQ(admission.Admit(0, 1'000'000, 2e6), Reason::kNone);
  }
  EXPECT_EQ(admission.Admit(0, 1'000'000, 2e6), GetParam().expected);
}

INSTANTIATE_TEST_SUITE_P(
    AtTheEdge, UploadRealtimeTest,
    ::testing::Values(RealtimeCase{12'000'000, 3, Reason::kNone},      // 4 x 3 = 12: fits
                      RealtimeCase{11'999'999, 3, Reason::kNoSlot},    // just short
                      RealtimeCase{2'999'999, 0, Reason::kNoSlot},     // not even one
                      RealtimeCase{kUnknownUploadCapacity, 9, Reason::kNone},  // slots only
                      RealtimeCase{0, 0, Reason::kDeviceClass}));      // no uplink

TEST(UploadAdmissionTest, RealtimeFactorZeroMeansSlotsOnly) {
  SchedulerConfig config;
  config.upload_slots = 2;
  config.upload_min_realtime_factor = 0;
  UploadAdmission admission(config, DeviceClass::kDesktop, 1'000);
  EXPECT_EQ(admission.Admit(0, 1'000'000, 2e6), Reason::kNone);
  EXPECT_EQ(admission.Admit(0, 1'000'000, 2e6), Reason::kNone);
  EXPECT_EQ(admission.Admit(0, 1'000'000, 2e6), Reason::kNoSlot);
}

struct CapCase {
  std::int64_t request_bytes;
  Reason expected;
};
class UploadCapTest : public ::testing::TestWithParam<CapCase> {};

TEST_P(UploadCapTest, DataCapAtItsEdge) {
  SchedulerConfig config;
  config.upload_cap_bytes = 10'000;
  UploadAdmission admission(config, DeviceClass::kDesktop);
  ASSERT_EQ(admission.Admit(0, 6'000), Reason::kNone);
  admission.Release();
  EXPECT_EQ(admission.Admit(1, GetParam().request_bytes), GetParam().expected);
}

INSTANTIATE_TEST_SUITE_P(Edge, UploadCapTest,
                         ::testing::Values(CapCase{3'999, Reason::kNone},
                                           CapCase{4'000, Reason::kNone},
                                           CapCase{4'001, Reason::kDataCap}));

TEST(UploadAdmissionTest, RateBudgetRefillsOverTime) {
  SchedulerConfig config;
  config.upload_rate_limit_bps = 800'000;  // 100 000 B/s
  config.upload_burst_us = kUsPerSecond;   // bucket of 100 000 B
  config.upload_slots = 100;
  UploadAdmission admission(config, DeviceClass::kDesktop);
  EXPECT_EQ(admission.Admit(0, 150'000), Reason::kNone);  // overdraws to -50 000
  EXPECT_EQ(admission.Admit(0, 1), Reason::kRateBudget);
  EXPECT_EQ(admission.Admit(500 * kUsPerMs - 1, 1), Reason::kRateBudget);  // 50 000 - e earned
  EXPECT_EQ(admission.Admit(500 * kUsPerMs + 10, 1), Reason::kNone);
}

TEST(UploadAdmissionTest, CellularAndDisabledUploadNothing) {
  SchedulerConfig config;
  EXPECT_EQ(UploadAdmission(config, DeviceClass::kMobileCellular).Admit(0, 1),
            Reason::kDeviceClass);
  EXPECT_EQ(UploadAdmission(config, DeviceClass::kMobileWifi).Admit(0, 1), Reason::kNone);
  config.p2p_enabled = false;
  EXPECT_EQ(UploadAdmission(config, DeviceClass::kDesktop).Admit(0, 1), Reason::kP2pDisabled);
}

TEST(SegmentWindowTest, SlidesAndForgetsOldSegments) {
  SegmentWindow w;
  EXPECT_FALSE(w.Test(5));
  w.Set(5);
  w.Set(700);
  EXPECT_TRUE(w.Test(700));
  EXPECT_FALSE(w.Test(5));  // slid out: 700 - 5 > span
  w.SetRange(690, 699);
  for (SegmentSeq s = 690; s <= 700; ++s) EXPECT_TRUE(w.Test(s)) << s;
  EXPECT_FALSE(w.Test(689));
  w.Clear(695);
  EXPECT_FALSE(w.Test(695));
  w.Set(700 + SegmentWindow::kSpan * 3);
  EXPECT_FALSE(w.Test(700));
}

TEST(SegmentCacheTest, EvictsOldestToStayUnderCap) {
  SegmentCache cache(1000);
  EXPECT_TRUE(cache.Put({0, 1}, 400));
  EXPECT_TRUE(cache.Put({0, 2}, 400));
  EXPECT_TRUE(cache.Put({0, 3}, 400));  // evicts 1
  EXPECT_FALSE(cache.Contains({0, 1}));
  EXPECT_TRUE(cache.ContainsSeq(2));
  EXPECT_EQ(cache.used_bytes(), 800);
  EXPECT_FALSE(cache.Put({0, 0}, 400));  // older than everything held: not kept
  EXPECT_FALSE(cache.Put({0, 9}, 1001));
  EXPECT_EQ(cache.evictions(), 1);
  EXPECT_LE(cache.used_bytes(), 1000);
}

TEST(PeerTableTest, ChoiceFollowsThroughputAndSkipsBusyPeers) {
  PeerTable table;
  table.Add(1, 1'000'000);
  table.Add(2, 3'000'000);
  table.Add(3, 9'000'000);
  for (PeerId id : {1u, 2u, 3u}) table.SetHave(id, {0, 10});
  table.Find(3)->active_transfers = 1;  // busy at a limit of 1
  Rng rng(5);
  int picks[4] = {0, 0, 0, 0};
  for (int i = 0; i < 4000; ++i) ++picks[table.ChooseHolder({0, 10}, 1, 0, rng)->id];
  EXPECT_EQ(picks[3], 0);
  EXPECT_NEAR(picks[2] / 4000.0, 0.75, 0.03);
  EXPECT_EQ(table.ChooseHolder({0, 11}, 1, 0, rng), nullptr);
  EXPECT_TRUE(table.Remove(2));
  EXPECT_EQ(table.Find(2), nullptr);
  EXPECT_EQ(table.Find(3)->id, 3u);
}

// One viewer, one peer that never answers: every peer attempt times out, then the CDN serves.
TEST(SchedulerRetryTest, TimeoutsThenCdnFallbackAfterMaxAttempts) {
  Stream stream(VodStream());
  SchedulerConfig config;
  config.max_p2p_attempts_per_segment = 2;
  config.p2p_timeout_us = kUsPerSecond;
  config.max_p2p_per_peer = 4;
  config.urgent_preempt_fraction = 0;  // a preempted request is asked again: not a retry
  auto s = MakeScheduler(stream, config);
  ActionLog log;
  s->OnPeerConnected(0, 4);
  for (SegmentSeq seq = 0; seq < 20; ++seq) s->OnPeerHave(0, 4, {0, seq});
  s->OnStart(0, 0);
  TimeUs now = 0;
  for (int i = 0; i < 200 && now < 6 * kUsPerSecond; ++i) {
    for (const Action& a : Drain(*s, log)) {  // the CDN answers in 100 ms, the peer never
      if (a.type == ActionType::kFetchFromCdn) s->OnTransferDone(now + 100 * kUsPerMs, a.transfer);
    }
    now = s->NextWakeUpUs();
    s->OnTick(now);
  }
  EXPECT_GT(s->stats().p2p_timeouts, 0);
  EXPECT_EQ(s->stats().p2p_timeouts, s->stats().p2p_failures);
  // A segment the peer failed on is re-asked once (2 attempts) at most: the peer's have was
  // cleared after the first failure, so here it goes straight to the CDN.
  for (SegmentSeq seq = 0; seq < 20; ++seq)
    EXPECT_LE(Fetches(log.all, ActionType::kFetchFromPeer, seq).size(), 1u);
  EXPECT_EQ(s->player().qos().stall_count, 0);
  EXPECT_EQ(log.bad_references, 0);
}

TEST(SchedulerRetryTest, DisconnectFailsTransfersWithoutCancelAndRetriesElsewhere) {
  Stream stream(VodStream());
  SchedulerConfig config;
  config.urgent_window_us = 0;
  config.min_buffer_us = 0;
  auto s = MakeScheduler(stream, config);
  ActionLog log;
  s->OnPeerConnected(0, 1);
  s->OnPeerConnected(0, 2);
  for (PeerId p : {1u, 2u}) s->OnPeerHave(0, p, {0, 0});
  s->OnStart(0, 0);
  auto first = Drain(*s, log);
  ASSERT_EQ(Fetches(first, ActionType::kFetchFromPeer, 0).size(), 1u);
  const PeerId used = Fetches(first, ActionType::kFetchFromPeer, 0)[0].peer;
  s->OnPeerDisconnected(kUsPerMs, used);
  auto second = Drain(*s, log);
  ASSERT_EQ(Fetches(second, ActionType::kFetchFromPeer, 0).size(), 1u);
  EXPECT_NE(Fetches(second, ActionType::kFetchFromPeer, 0)[0].peer, used);
  EXPECT_EQ(s->stats().p2p_failures, 1);
  EXPECT_EQ(s->peers().size(), 1);
}

TEST(SchedulerCdnOnlyTest, DisabledP2pFetchesEverythingFromCdnAndUploadsNothing) {
  Stream stream(LiveStream());
  SchedulerConfig config;
  config.p2p_enabled = false;
  MeshConfig mesh;
  mesh.viewers = 6;
  FakeMesh net(stream, mesh, config);
  net.RunUntil(3 * 60 * kUsPerSecond, [](int) {});
  for (int i = 0; i < net.size(); ++i) {
    const auto& st = net.viewer(i).stats();
    EXPECT_EQ(st.p2p_bytes, 0);
    EXPECT_EQ(st.p2p_requests, 0);
    EXPECT_EQ(st.uploaded_bytes, 0);
    EXPECT_EQ(net.log(i).Count(ActionType::kSendHave), 0);
    EXPECT_GT(st.cdn_bytes, 30 * 400'000);  // ~2.5 minutes of 4 s segments
    EXPECT_EQ(net.viewer(i).player().qos().stall_count, 0);
  }
}

TEST(SchedulerSeedingTest, RoughlyOneViewerPerSwarmFetchesEachNewSegmentFromCdn) {
  Stream stream(LiveStream());
  MeshConfig mesh;
  mesh.viewers = 20;
  mesh.upload_rate_bps = 20'000'000;
  FakeMesh net(stream, mesh, SchedulerConfig{});
  net.RunUntil(10 * 60 * kUsPerSecond, [](int) {});
  std::int64_t seeding = 0, cdn_requests = 0, p2p = 0, cdn = 0;
  for (int i = 0; i < net.size(); ++i) {
    const auto& st = net.viewer(i).stats();
    seeding += st.seeding_fetches;
    cdn_requests += st.cdn_requests;
    p2p += st.p2p_bytes;
    cdn += st.cdn_bytes;
  }
  const double segments = 10 * 60 / 4.0 - 10;     // after everyone joined
  EXPECT_GT(seeding / segments, 0.5);             // the swarm is seeded...
  EXPECT_LT(seeding / segments, 3.0);             // ...by about seeders_per_segment (1.5) viewers
  EXPECT_LT(cdn_requests / segments, 20 * 0.35);  // most viewers never ask the CDN
  EXPECT_GT(static_cast<double>(p2p) / static_cast<double>(p2p + cdn), 0.6);
}

// seeding_fraction: in a swarm of 20, seeders_per_segment 1.5 alone seeds ~1.5 viewers per
// segment; a fraction of 0.5 makes about half of them seed (and no fewer than before).
TEST(SchedulerSeedingTest, SeedingFractionSetsAFloorOnSeeders) {
  const Stream stream{LiveStream()};
  MeshConfig mesh;
  mesh.viewers = 20;
  mesh.upload_rate_bps = 20'000'000;
  // Viewers learn of a new segment within 0.1 s of each other (playlist reloads), so most drawn
  // seeders find no holder yet; with slower reloads the later ones find the first seeders.
  mesh.playlist_reload_us = 100 * kUsPerMs;
  SchedulerConfig config;
  config.seeding_fraction = 0.5;
  FakeMesh net(stream, mesh, config);
  net.RunUntil(10 * 60 * kUsPerSecond, [](int) {});
  std::int64_t seeding = 0;
  for (int i = 0; i < net.size(); ++i) seeding += net.viewer(i).stats().seeding_fetches;
  const double segments = 10 * 60 / 4.0 - 10;
  EXPECT_GT(seeding / segments, 4.0);   // ~10 draw the lot; some find a peer holding it first
  EXPECT_LT(seeding / segments, 12.0);
}

}  // namespace
}  // namespace cdnmesh::testing
