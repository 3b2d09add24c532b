// Table-driven tests of the scheduler's thresholds: the minimum-buffer rule, the urgent window,
// the "peer surely finishes" exception, and the prefetch window, each at threshold - e, threshold,
// threshold + e (e = 1 us).
#include <gtest/gtest.h>

#include "tests/core/scheduler/scheduler_harness.h"

namespace cdnmesh::testing {
namespace {

constexpr DurationUs kEps = 1;
constexpr TimeUs kT1 = 1 * kUsPerSecond;

// Buffer-rule fixture: VOD, one peer holding everything, urgent window 0 so every fetch but the
// buffer rule's goes to the peer. At t = 1 s segments 0..2 are buffered (12 s) and playing;
// segment 3 is then requested from the silent peer, so the buffer drains to the threshold.
struct BufferRuleFixture {
  Stream stream{VodStream()};
  SchedulerConfig config;
  std::unique_ptr<Scheduler> s;
  ActionLog log;

  explicit BufferRuleFixture(bool race = false) {
    config.urgent_window_us = 0;
    config.p2p_window_us = 12 * kUsPerSecond;
    config.min_buffer_us = 4 * kUsPerSecond;
    config.max_p2p_per_peer = 4;
    config.p2p_timeout_us = 100 * kUsPerSecond;
    config.race_on_fallback = race;
    s = MakeScheduler(stream, config);
    s->OnPeerConnected(0, 7);
    for (SegmentSeq seq = 0; seq < 50; ++seq) s->OnPeerHave(0, 7, {0, seq});
    s->OnStart(0, 0);
    for (const Action& a : Drain(*s, log)) {
      if (a.key.seq <= 2 &&
          (a.type == ActionType::kFetchFromCdn || a.type == ActionType::kFetchFromPeer)) {
        s->OnTransferDone(kT1, a.transfer);
      }
    }
    Drain(*s, log);
  }
};

TEST(SchedulerBufferRuleTest, StartupFetchesFirstSegmentFromCdnAndRestFromPeer) {
  BufferRuleFixture f;
  ASSERT_EQ(f.s->player().state(), PlayerState::kPlaying);
  EXPECT_EQ(f.s->player().BufferAheadUs(), 12 * kUsPerSecond);
  EXPECT_EQ(Fetches(f.log.all, ActionType::kFetchFromCdn, 0).size(), 1u);
  EXPECT_EQ(Fetches(f.log.all, ActionType::kFetchFromPeer, 1).size(), 1u);
  EXPECT_EQ(Fetches(f.log.all, ActionType::kFetchFromPeer, 2).size(), 1u);
  EXPECT_EQ(f.s->stats().buffer_fallbacks, 1);
}

struct ThresholdCase {
  DurationUs offset_us;  // time past the moment the buffer equals the threshold
  bool expect_cdn;
};

class SchedulerBufferThresholdTest : public ::testing::TestWithParam<ThresholdCase> {};

TEST_P(SchedulerBufferThresholdTest, CdnOnlyStrictlyBelowThreshold) {
  BufferRuleFixture f;
  f.s->OnTick(kT1 + kUsPerSecond);  // segment 3 enters the window: goes to the peer
  auto early = Drain(*f.s, f.log);
  ASSERT_EQ(Fetches(early, ActionType::kFetchFromPeer, 3).size(), 1u);
  // Buffer is 12 s at t = 1 s; it equals 4 s at t = 9 s.
  const TimeUs at_threshold = kT1 + 8 * kUsPerSecond;
  f.s->OnTick(at_threshold + GetParam().offset_us);
  auto actions = Drain(*f.s, f.log);
  EXPECT_EQ(f.s->player().BufferAheadUs(), 4 * kUsPerSecond - GetParam().offset_us);
  EXPECT_EQ(Fetches(actions, ActionType::kFetchFromCdn, 3).size(), GetParam().expect_cdn ? 1u : 0u);
  // Not racing: the peer transfer is cancelled exactly when the CDN takes over.
  int cancels = 0;
  for (const Action& a : actions) cancels += a.type == ActionType::kCancel && a.key.seq == 3;
  EXPECT_EQ(cancels, GetParam().expect_cdn ? 1 : 0);
  EXPECT_EQ(f.log.bad_references, 0);
}

INSTANTIATE_TEST_SUITE_P(Threshold, SchedulerBufferThresholdTest,
                         ::testing::Values(ThresholdCase{-kEps, false}, ThresholdCase{0, false},
                                           ThresholdCase{kEps, true}));

TEST(SchedulerBufferRuleTest, WakeUpLandsJustBelowThreshold) {
  BufferRuleFixture f;
  f.s->OnTick(kT1 + kUsPerSecond);
  Drain(*f.s, f.log);
  // Follow the scheduler's own wake-ups only: the fallback must come at threshold + 1 us.
  TimeUs now = kT1 + kUsPerSecond;
  for (int i = 0; i < 100 && f.s->stats().buffer_fallbacks == 1; ++i) {
    now = f.s->NextWakeUpUs();
    ASSERT_NE(now, kNever);
    f.s->OnTick(now);
    Drain(*f.s, f.log);
  }
  EXPECT_EQ(f.s->stats().buffer_fallbacks, 2);
  EXPECT_EQ(now, kT1 + 8 * kUsPerSecond + kEps);
}

TEST(SchedulerBufferRuleTest, RacingKeepsThePeerTransfer) {
  BufferRuleFixture f(/*race=*/true);
  f.s->OnTick(kT1 + kUsPerSecond);
  Drain(*f.s, f.log);
  f.s->OnTick(kT1 + 8 * kUsPerSecond + kEps);
  auto actions = Drain(*f.s, f.log);
  EXPECT_EQ(Fetches(actions, ActionType::kFetchFromCdn, 3).size(), 1u);
  EXPECT_EQ(f.s->transfers().CountBySeq(3), 2);
  // The CDN copy wins: the peer twin is cancelled as a duplicate.
  const TransferId cdn_id = Fetches(actions, ActionType::kFetchFromCdn, 3)[0].transfer;
  f.s->OnTransferDone(kT1 + 9 * kUsPerSecond, cdn_id);
  auto after = Drain(*f.s, f.log);
  ASSERT_FALSE(after.empty());
  EXPECT_EQ(after[0].type, ActionType::kCancel);
  EXPECT_EQ(after[0].reason, Reason::kDuplicate);
  EXPECT_EQ(f.s->transfers().CountBySeq(3), 0);
  EXPECT_EQ(f.log.bad_references, 0);
}

// Urgent-window fixture: VOD, min buffer 0 (rule off), urgent window 6 s. Segments 0 and 1 come
// from the CDN at start; at t = 1 s playback starts and segment 2 (needed in 8 s) waits. It
// becomes urgent at t = 3 s.
struct UrgentFixture {
  Stream stream{VodStream()};
  std::unique_ptr<Scheduler> s;
  ActionLog log;

  explicit UrgentFixture(std::int64_t peer_throughput_bps = 0) {
    SchedulerConfig config;
    config.min_buffer_us = 0;
    config.urgent_window_us = 6 * kUsPerSecond;
    config.p2p_window_us = 10 * kUsPerSecond;
    if (peer_throughput_bps > 0) config.default_peer_throughput_bps = peer_throughput_bps;
    s = MakeScheduler(stream, config);
    s->OnStart(0, 0);
    for (const Action& a : Drain(*s, log)) {
      if (a.type == ActionType::kFetchFromCdn) s->OnTransferDone(kT1, a.transfer);
    }
    Drain(*s, log);
  }
};

class SchedulerUrgentWindowTest : public ::testing::TestWithParam<ThresholdCase> {};

TEST_P(SchedulerUrgentWindowTest, SegmentGoesToCdnOnlyInsideUrgentWindow) {
  UrgentFixture f;
  ASSERT_EQ(f.s->player().state(), PlayerState::kPlaying);
  ASSERT_EQ(f.s->player().BufferAheadUs(), 8 * kUsPerSecond);
  const TimeUs becomes_urgent_at = kT1 + 2 * kUsPerSecond;  // needed in exactly 6 s
  f.s->OnTick(becomes_urgent_at + GetParam().offset_us);
  auto actions = Drain(*f.s, f.log);
  EXPECT_EQ(Fetches(actions, ActionType::kFetchFromCdn, 2).size(), GetParam().expect_cdn ? 1u : 0u);
}

INSTANTIATE_TEST_SUITE_P(Threshold, SchedulerUrgentWindowTest,
                         ::testing::Values(ThresholdCase{-kEps, false}, ThresholdCase{0, false},
                                           ThresholdCase{kEps, true}));

TEST(SchedulerUrgentWindowTest, FastPeerKeepsUrgentSegmentOffTheCdn) {
  // 400 000 B at 20 Mbit/s = 0.16 s, x1.5 safety << 6 s: the peer surely finishes.
  UrgentFixture f(20'000'000);
  f.s->OnPeerConnected(kT1, 9);
  f.s->OnPeerHave(kT1, 9, {0, 2});
  auto actions = Drain(*f.s, f.log);
  EXPECT_EQ(Fetches(actions, ActionType::kFetchFromPeer, 2).size(), 1u);
  f.s->OnTick(kT1 + 2 * kUsPerSecond + kEps);
  actions = Drain(*f.s, f.log);
  EXPECT_TRUE(Fetches(actions, ActionType::kFetchFromCdn, 2).empty());
}

TEST(SchedulerUrgentWindowTest, SlowPeerTransferIsCancelledWhenUrgent) {
  // 400 000 B at 500 kbit/s = 6.4 s: fine for prefetch, too slow once urgent.
  UrgentFixture f(500'000);
  f.s->OnPeerConnected(kT1, 9);
  f.s->OnPeerHave(kT1, 9, {0, 2});
  auto actions = Drain(*f.s, f.log);
  ASSERT_EQ(Fetches(actions, ActionType::kFetchFromPeer, 2).size(), 1u);
  f.s->OnTick(kT1 + 2 * kUsPerSecond + kEps);
  actions = Drain(*f.s, f.log);
  ASSERT_GE(actions.size(), 2u);
  EXPECT_EQ(actions[0].type, ActionType::kCancel);
  EXPECT_EQ(actions[0].reason, Reason::kTooSlow);
  EXPECT_EQ(Fetches(actions, ActionType::kFetchFromCdn, 2).size(), 1u);
  EXPECT_EQ(f.log.bad_references, 0);
}

class SchedulerPrefetchWindowTest : public ::testing::TestWithParam<ThresholdCase> {};

TEST_P(SchedulerPrefetchWindowTest, PeerFetchOnlyInsidePrefetchWindow) {
  // p2p_window 10 s: segment 3 (starts at 12 s) enters the window when the playhead passes 2 s.
  UrgentFixture f;
  f.s->OnPeerConnected(kT1, 9);
  for (SegmentSeq seq = 2; seq < 10; ++seq) f.s->OnPeerHave(kT1, 9, {0, seq});
  Drain(*f.s, f.log);
  f.s->OnTransferDone(kT1, f.s->transfers().all().at(0).id);  // segment 2 arrives
  Drain(*f.s, f.log);
  f.s->OnTick(kT1 + 2 * kUsPerSecond + GetParam().offset_us);
  auto actions = Drain(*f.s, f.log);
  EXPECT_EQ(Fetches(actions, ActionType::kFetchFromPeer, 3).size(),
            GetParam().expect_cdn ? 1u : 0u);
}

INSTANTIATE_TEST_SUITE_P(Threshold, SchedulerPrefetchWindowTest,
                         ::testing::Values(ThresholdCase{-kEps, false}, ThresholdCase{0, false},
                                           ThresholdCase{kEps, true}));

TEST(SchedulerConfigTest, RejectsInconsistentWindowsNamingTheField) {
  SchedulerConfig config;
  config.min_buffer_us = config.p2p_window_us + 1;
  EXPECT_NE(ValidateSchedulerConfig(config).message().find("min_buffer_us"), std::string::npos);
  config = SchedulerConfig{};
  config.urgent_window_us = config.p2p_window_us + 1;
  EXPECT_NE(ValidateSchedulerConfig(config).message().find("p2p_window_us"), std::string::npos);
  config = SchedulerConfig{};
  config.max_cdn_transfers = 0;
  EXPECT_NE(ValidateSchedulerConfig(config).message().find("max_cdn_transfers"), std::string::npos);
  EXPECT_TRUE(ValidateSchedulerConfig(SchedulerConfig{}).ok());
}

// A viewer advertises a segment only if it could serve it: with a known uplink, at least one
// upload must get upload_min_realtime_factor x real time (400 000 B per 4 s = 800 kbps; x1.5 =
// 1.2 Mbps). Cellular viewers never advertise.
struct AdvertiseCase {
  std::int64_t upload_capacity_bps;
  DeviceClass device;
  bool expect_have;
};
class SchedulerAdvertiseTest : public ::testing::TestWithParam<AdvertiseCase> {};

TEST_P(SchedulerAdvertiseTest, HavesOnlyFromViewersThatCouldServe) {
  const Stream stream{VodStream()};
  SchedulerConfig config;
  ViewerProfile profile;
  profile.device = GetParam().device;
  profile.upload_capacity_bps = GetParam().upload_capacity_bps;
  std::unique_ptr<Scheduler> s = MakeScheduler(stream, config, {}, profile);
  ActionLog log;
  s->OnPeerConnected(0, 7);
  s->OnStart(0, 0);
  for (const Action& a : Drain(*s, log)) {
    if (a.type == ActionType::kFetchFromCdn) s->OnTransferDone(kT1, a.transfer);
  }
  Drain(*s, log);
  EXPECT_EQ(log.Count(ActionType::kSendHave) > 0, GetParam().expect_have);
}

INSTANTIATE_TEST_SUITE_P(
    AtTheEdge, SchedulerAdvertiseTest,
    ::testing::Values(AdvertiseCase{1'200'000, DeviceClass::kDesktop, true},
                      AdvertiseCase{1'199'999, DeviceClass::kDesktop, false},
                      AdvertiseCase{kUnknownUploadCapacity, DeviceClass::kDesktop, true},
                      AdvertiseCase{0, DeviceClass::kDesktop, false},  // no uplink
                      AdvertiseCase{kUnknownUploadCapacity, DeviceClass::kMobileCellular,
                                    false}));

// A live viewer whose awaited segment leaves the playlist (here: the CDN never answers) jumps
// back to the live sync position instead of waiting forever.
TEST(SchedulerLiveResyncTest, StuckLiveViewerJumpsToTheLiveSyncPosition) {
  const Stream stream{LiveStream()};  // playlist of 10 segments, live from t = 0
  SchedulerConfig config;
  config.p2p_enabled = false;
  config.cdn_timeout_us = 1000 * kUsPerSecond;  // the silent CDN is never given up on
  PlayerConfig player;
  player.live_start_behind_edge_segments = 3;
  std::unique_ptr<Scheduler> s = MakeScheduler(stream, config, player);
  ActionLog log;
  const TimeUs start_us = 60 * kUsPerSecond;
  s->OnPlaylist(start_us, CdnPlaylist(stream, start_us));
  s->OnStart(start_us, Player::LiveStartSeq(stream, player, start_us));
  Drain(*s, log);
  const SegmentSeq first_seq = s->player().playhead_seq();
  for (TimeUs t = start_us; t <= start_us + 60 * kUsPerSecond; t += kUsPerSecond) {
    s->OnPlaylist(t, CdnPlaylist(stream, t));  // reloaded every second
    s->OnTick(t);
    Drain(*s, log);
  }
  const TimeUs end_us = start_us + 60 * kUsPerSecond;
  EXPECT_GE(s->player().qos().live_resyncs, 1);
  EXPECT_GT(s->player().playhead_seq(), first_seq);
  EXPECT_GE(s->player().NextNeededSeq(), stream.FirstAvailable(end_us));
}

}  // namespace
}  // namespace cdnmesh::testing
