// The urgent CDN fetch's two rules, each at its threshold - e / = / + e: downlink priority
// (urgent_preempt_fraction: later downloads with little of their bytes make way, and nothing
// new starts beside it) and the emergency switch-down (urgent_downswitch_safety_factor).
#include <gtest/gtest.h>

#include "tests/core/scheduler/scheduler_harness.h"

namespace cdnmesh::testing {
namespace {

constexpr DurationUs kEps = 1;
constexpr TimeUs kT1 = 1 * kUsPerSecond;
// Segment 2 (media 8 s) turns urgent (needed in < 6 s) just after t = 3 s.
constexpr TimeUs kUrgentAt = 3 * kUsPerSecond + kEps;
constexpr PeerId kPeer = 9;

// An ABR that keeps one rendition and reports a given throughput estimate.
class EstimateAbr : public AbrPolicy {
 public:
  EstimateAbr(RenditionIndex rendition, std::int64_t estimate_bps)
      : rendition_(rendition), estimate_bps_(estimate_bps) {}
  void OnDownloadSample(TimeUs, std::int64_t, DurationUs) override {}
  RenditionIndex ChooseRendition(const AbrContext&) override { return rendition_; }
  std::int64_t EstimatedThroughputBps() const override { return estimate_bps_; }

 private:
  RenditionIndex rendition_;
  std::int64_t estimate_bps_;
};

// VOD at constant sizes (r0 400 000 B, r1 1 250 000 B, r2 2 500 000 B), urgent window 6 s,
// minimum-buffer rule off. Segments 0 and 1 come from the CDN by t = 1 s, playback starts; the
// peer holds segments 3 to 5 (not 2), so segment 3 is prefetched from it while 2 waits.
struct Fixture {
  Stream stream{VodStream()};
  SchedulerConfig config;
  std::unique_ptr<Scheduler> s;
  ActionLog log;
  TransferId prefetch_of_3 = 0;

  explicit Fixture(SchedulerConfig base = {}, RenditionIndex rendition = 0,
                   std::int64_t estimate_bps = 0)
      : config(base) {
    config.min_buffer_us = 0;
    config.urgent_window_us = 6 * kUsPerSecond;
    config.p2p_window_us = 20 * kUsPerSecond;
    config.p2p_timeout_us = 100 * kUsPerSecond;
    config.max_p2p_per_peer = 4;
    s = std::make_unique<Scheduler>(stream, config, PlayerConfig{},
                                    std::make_unique<EstimateAbr>(rendition, estimate_bps),
                                    ViewerProfile{});
    s->OnStart(0, 0);
    for (const Action& a : Drain(*s, log)) {
      if (a.type == ActionType::kFetchFromCdn) s->OnTransferDone(kT1, a.transfer);
    }
    s->OnPeerConnected(kT1, kPeer);
    s->OnPeerHave(kT1, kPeer, {rendition, 3});
    const auto prefetches = Fetches(Drain(*s, log), ActionType::kFetchFromPeer, 3);
    if (prefetches.size() == 1) prefetch_of_3 = prefetches[0].transfer;
  }

  // Segment 3's prefetch has `bytes` when segment 2 turns urgent; the actions of that pass.
  std::vector<Action> TurnUrgentWith(std::int64_t bytes) {
    if (bytes > 0) s->OnTransferProgress(kUrgentAt - kEps, prefetch_of_3, bytes, 0);
    s->OnTick(kUrgentAt);
    return Drain(*s, log);
  }
};

struct PreemptCase {
  std::int64_t bytes_received;  // of segment 3's 400 000 B
  bool expect_cancelled;
};

class UrgentPreemptTest : public ::testing::TestWithParam<PreemptCase> {};

TEST_P(UrgentPreemptTest, LaterDownloadsBelowTheFractionMakeWay) {
  Fixture f;  // default fraction 0.5: the threshold is 200 000 B
  ASSERT_NE(f.prefetch_of_3, 0u);
  const auto actions = f.TurnUrgentWith(GetParam().bytes_received);
  ASSERT_EQ(Fetches(actions, ActionType::kFetchFromCdn, 2).size(), 1u);
  const auto cancels = Fetches(actions, ActionType::kCancel, 3);
  ASSERT_EQ(cancels.size(), GetParam().expect_cancelled ? 1u : 0u);
  if (!cancels.empty()) {
    EXPECT_EQ(cancels[0].reason, Reason::kPreempted);
  }
  EXPECT_EQ(f.log.bad_references, 0);
}

INSTANTIATE_TEST_SUITE_P(Threshold, UrgentPreemptTest,
                         ::testing::Values(PreemptCase{0, true}, PreemptCase{200'000 - 1, true},
                                           PreemptCase{200'000, false},
                                           PreemptCase{200'000 + 1, false}));

TEST(UrgentPreemptTest, NothingNewStartsBesideItAndThePreemptedReturnAfter) {
  Fixture f;
  f.TurnUrgentWith(0);
  const auto cdn = Fetches(f.log.all, ActionType::kFetchFromCdn, 2);
  ASSERT_EQ(cdn.size(), 1u);
  f.s->OnPeerHave(kUrgentAt, kPeer, {0, 4});
  auto actions = Drain(*f.s, f.log);
  EXPECT_TRUE(Fetches(actions, ActionType::kFetchFromPeer, 3).empty());
  EXPECT_TRUE(Fetches(actions, ActionType::kFetchFromPeer, 4).empty());
  f.s->OnTransferDone(kUrgentAt + kUsPerSecond, cdn[0].transfer);
  actions = Drain(*f.s, f.log);
  EXPECT_EQ(Fetches(actions, ActionType::kFetchFromPeer, 3).size(), 1u);
  EXPECT_EQ(Fetches(actions, ActionType::kFetchFromPeer, 4).size(), 1u);
  EXPECT_EQ(f.log.bad_references, 0);
}

TEST(UrgentPreemptTest, ZeroFractionSharesTheDownlink) {
  SchedulerConfig config;
  config.urgent_preempt_fraction = 0;
  Fixture f(config);
  auto actions = f.TurnUrgentWith(0);
  EXPECT_EQ(Fetches(actions, ActionType::kFetchFromCdn, 2).size(), 1u);
  EXPECT_TRUE(Fetches(actions, ActionType::kCancel, 3).empty());
  f.s->OnPeerHave(kUrgentAt, kPeer, {0, 4});
  actions = Drain(*f.s, f.log);
  EXPECT_EQ(Fetches(actions, ActionType::kFetchFromPeer, 4).size(), 1u);
}

TEST(UrgentPreemptTest, AnUploadersPromiseIsKept) {
  SchedulerConfig config;
  config.upload_deadline_admission = true;  // the prefetch carries a promise (seg 3: 12 s / 1.5)
  Fixture f(config);
  const auto actions = f.TurnUrgentWith(1);
  EXPECT_EQ(Fetches(actions, ActionType::kFetchFromCdn, 2).size(), 1u);
  EXPECT_TRUE(Fetches(actions, ActionType::kCancel, 3).empty());
}

struct DownswitchCase {
  std::int64_t estimate_bps;
  std::int64_t later_bytes;  // bytes of segment 3's prefetch (> half: it stays and shares)
  RenditionIndex expected;
};

class UrgentDownswitchTest : public ::testing::TestWithParam<DownswitchCase> {};

// Needed in 6 s - 1 us; r2 (2 500 000 B) alone at E takes 20e6 / E s, x1.5 < 6 s - 1 us holds
// for E > 5 000 000 bps; r1 (1 250 000 B) for E > 2 500 000; below, r0.
TEST_P(UrgentDownswitchTest, TakesTheHighestRenditionThatArrivesInTime) {
  Fixture f({}, /*rendition=*/2, GetParam().estimate_bps);
  ASSERT_NE(f.prefetch_of_3, 0u);
  const auto actions = f.TurnUrgentWith(GetParam().later_bytes);
  std::vector<Action> cdn;
  for (const Action& a : actions) {
    if (a.type == ActionType::kFetchFromCdn) cdn.push_back(a);
  }
  ASSERT_EQ(cdn.size(), 1u);
  EXPECT_EQ(cdn[0].key.seq, 2);
  EXPECT_EQ(cdn[0].key.rendition, GetParam().expected);
  EXPECT_EQ(f.s->current_rendition(), 2);  // one segment switches down, not the ABR
}

INSTANTIATE_TEST_SUITE_P(
    Threshold, UrgentDownswitchTest,
    ::testing::Values(DownswitchCase{5'000'001, 0, 2}, DownswitchCase{5'000'000, 0, 1},
                      DownswitchCase{4'999'999, 0, 1}, DownswitchCase{2'500'001, 0, 1},
                      DownswitchCase{2'500'000, 0, 0}, DownswitchCase{100'000, 0, 0},
                      // segment 3's prefetch is 2/3 done: it stays, and halves the share
                      DownswitchCase{10'000'004, 2'000'000, 2},
                      DownswitchCase{10'000'000, 2'000'000, 1}));

TEST(UrgentDownswitchTest, OffOrWithoutAnEstimateTheAbrsChoiceStands) {
  SchedulerConfig off;
  off.urgent_downswitch_safety_factor = 0;
  Fixture f(off, 2, 100'000);
  EXPECT_EQ(Fetches(f.TurnUrgentWith(0), ActionType::kFetchFromCdn, 2).at(0).key.rendition, 2);
  Fixture no_estimate({}, 2, 0);  // e.g. the buffer-based ABR
  EXPECT_EQ(Fetches(no_estimate.TurnUrgentWith(0), ActionType::kFetchFromCdn, 2)
                .at(0)
                .key.rendition,
            2);
}

TEST(UrgentFetchConfigTest, RejectsOutOfRangeNamingTheField) {
  SchedulerConfig c;
  c.urgent_preempt_fraction = 1.5;
  EXPECT_NE(ValidateSchedulerConfig(c).message().find("urgent_preempt_fraction"),
            std::string::npos);
  c = {};
  c.urgent_downswitch_safety_factor = 0.5;
  EXPECT_NE(ValidateSchedulerConfig(c).message().find("urgent_downswitch_safety_factor"),
            std::string::npos);
  c.urgent_downswitch_safety_factor = 0;
  EXPECT_TRUE(ValidateSchedulerConfig(c).ok());
}

}  // namespace
}  // namespace cdnmesh::testing
