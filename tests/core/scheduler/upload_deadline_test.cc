// Deadline admission (scheduler.upload_deadline_admission): the uploader admits a request while
// its backlog at the measured uplink drains before the requester's deadline (deadline - e / =
// / + e), one upload at a time while the uplink is unmeasured; the requester sends its deadline
// and keeps a transfer whose promise still runs.
#include <gtest/gtest.h>

#include "tests/core/scheduler/scheduler_harness.h"

namespace cdnmesh::testing {
namespace {

constexpr std::int64_t kUplinkBps = 8'000'000;
constexpr std::int64_t kSegmentBytes = 1'000'000;  // 1 s of the uplink
constexpr double kRealtimeBps = 2e6;               // 4 s segments

// Deadline admission alone: no real-time rule beside it.
SchedulerConfig DeadlineConfig() {
  SchedulerConfig config;
  config.upload_slots = 10;
  config.upload_deadline_admission = true;
  config.upload_min_realtime_factor = 0;
  return config;
}

struct DeadlineCase {
  int admitted_before;  // at t = 0
  TimeUs now_us;
  DurationUs deadline_us;
  Reason expected;
};
class UploadDeadlineTest : public ::testing::TestWithParam<DeadlineCase> {};

TEST_P(UploadDeadlineTest, BacklogMustDrainBeforeTheDeadline) {
  UploadAdmission admission(DeadlineConfig(), DeviceClass::kDesktop, kUplinkBps);
  for (int i = 0; i < GetParam().admitted_before; ++i) {
    ASSERT_EQ(admission.Admit(0, kSegmentBytes, kRealtimeBps, 10 * kUsPerSecond), Reason::kNone);
  }
  EXPECT_EQ(admission.Admit(GetParam().now_us, kSegmentBytes, kRealtimeBps,
                            GetParam().deadline_us),
            GetParam().expected);
}

INSTANTIATE_TEST_SUITE_P(
    AtTheEdge, UploadDeadlineTest,
    ::testing::Values(DeadlineCase{0, 0, kUsPerSecond, Reason::kNone},          // 1 s of 1 s
                      DeadlineCase{0, 0, kUsPerSecond - 1, Reason::kNoSlot},    // just short
                      DeadlineCase{2, 0, 3 * kUsPerSecond, Reason::kNone},      // 3 s backlog
                      DeadlineCase{2, 0, 3 * kUsPerSecond - 1, Reason::kNoSlot},
                      // Half of the backlog is sent by 1 s: 1 s left plus this one's 1 s.
                      DeadlineCase{2, kUsPerSecond, 2 * kUsPerSecond, Reason::kNone},
                      DeadlineCase{2, kUsPerSecond, 2 * kUsPerSecond - 1, Reason::kNoSlot},
                      // A drained backlog is not credit: idle time does not bank capacity.
                      DeadlineCase{2, 9 * kUsPerSecond, kUsPerSecond, Reason::kNone},
                      DeadlineCase{2, 9 * kUsPerSecond, kUsPerSecond - 1, Reason::kNoSlot}));

TEST(UploadDeadlineTest, SlowUplinkServesWhatTheRealTimeRuleRefuses) {
  // 1 Mbit/s against a 2 Mbit/s real-time rate: never admitted by the real-time rule, but a
  // requester 10 s from needing the segment can have it in 8 s.
  SchedulerConfig config = DeadlineConfig();
  config.upload_min_realtime_factor = 1.5;
  UploadAdmission by_deadline(config, DeviceClass::kDesktop, 1'000'000);
  EXPECT_EQ(by_deadline.Admit(0, kSegmentBytes, kRealtimeBps, 8 * kUsPerSecond), Reason::kNone);
  EXPECT_EQ(by_deadline.Admit(0, kSegmentBytes, kRealtimeBps, 16 * kUsPerSecond - 1),
            Reason::kNoSlot);  // the second would end at 16 s
  // Without a deadline the real-time rule still judges.
  EXPECT_EQ(by_deadline.Admit(0, kSegmentBytes, kRealtimeBps), Reason::kNoSlot);
  config.upload_deadline_admission = false;
  UploadAdmission by_rate(config, DeviceClass::kDesktop, 1'000'000);
  EXPECT_EQ(by_rate.Admit(0, kSegmentBytes, kRealtimeBps, 8 * kUsPerSecond), Reason::kNoSlot);
}

TEST(UploadDeadlineTest, FastUplinkKeepsTheRealTimeRuleToo) {
  // 8 Mbit/s, 2 Mbit/s real time, factor 1.5: two uploads keep 3 Mbit/s each, a third would
  // not, however long the requester can wait.
  SchedulerConfig config = DeadlineConfig();
  config.upload_min_realtime_factor = 1.5;
  UploadAdmission admission(config, DeviceClass::kDesktop, kUplinkBps);
  EXPECT_EQ(admission.Admit(0, kSegmentBytes, kRealtimeBps, 60 * kUsPerSecond), Reason::kNone);
  EXPECT_EQ(admission.Admit(0, kSegmentBytes, kRealtimeBps, 60 * kUsPerSecond), Reason::kNone);
  EXPECT_EQ(admission.Admit(0, kSegmentBytes, kRealtimeBps, 60 * kUsPerSecond), Reason::kNoSlot);
}

TEST(UploadDeadlineTest, AdvertisesWhatFitsTheLongestDeadline) {
  // Defaults: 30 s prefetch window / 1.5 = 20 s for a 4 s segment, so an uplink of a fifth of
  // the real-time rate advertises and a slower one does not.
  SchedulerConfig config;
  config.upload_deadline_admission = true;
  const DurationUs segment_us = 4 * kUsPerSecond;
  EXPECT_TRUE(UploadAdmission(config, DeviceClass::kDesktop, 400'000).CouldServe(2e6, segment_us));
  EXPECT_FALSE(
      UploadAdmission(config, DeviceClass::kDesktop, 399'999).CouldServe(2e6, segment_us));
  config.upload_deadline_admission = false;  // the real-time rule: 1.5 x 2 Mbit/s
  EXPECT_FALSE(
      UploadAdmission(config, DeviceClass::kDesktop, 2'999'999).CouldServe(2e6, segment_us));
  EXPECT_TRUE(
      UploadAdmission(config, DeviceClass::kDesktop, 3'000'000).CouldServe(2e6, segment_us));
}

TEST(UploadDeadlineTest, RelayEndsNoEarlierThanItsOwnDownload) {
  // An idle 8 Mbit/s link sends the segment in 1 s, but its last byte arrives in 3 s.
  UploadAdmission admission(DeadlineConfig(), DeviceClass::kDesktop, kUplinkBps);
  EXPECT_EQ(admission.Admit(0, kSegmentBytes, kRealtimeBps, 3 * kUsPerSecond - 1,
                            3.0 * kUsPerSecond),
            Reason::kNoSlot);
  EXPECT_EQ(admission.Admit(0, kSegmentBytes, kRealtimeBps, 3 * kUsPerSecond, 3.0 * kUsPerSecond),
            Reason::kNone);
}

TEST(UploadDeadlineTest, UnmeasuredUplinkServesOneAtATime) {
  UploadAdmission admission(DeadlineConfig(), DeviceClass::kDesktop, kUnknownUploadCapacity);
  EXPECT_EQ(admission.Admit(0, kSegmentBytes, kRealtimeBps, kUsPerSecond), Reason::kNone);
  EXPECT_EQ(admission.Admit(0, kSegmentBytes, kRealtimeBps, 100 * kUsPerSecond), Reason::kNoSlot);
  admission.Release();
  EXPECT_EQ(admission.Admit(0, kSegmentBytes, kRealtimeBps, 100 * kUsPerSecond), Reason::kNone);
}

constexpr PeerId kUploader = 7;

// A VOD viewer at t = 0 whose peer holds segment 2 (needed 8 s into playback): the scheduler
// asks the peer for it with the deadline its own check will demand (8 s / 1.5).
struct PromiseFixture {
  Stream stream{VodStream()};
  std::unique_ptr<Scheduler> s;
  ActionLog log;
  TransferId cdn_first = 0;
  Action peer_fetch;

  explicit PromiseFixture(bool deadline_admission) {
    SchedulerConfig config;
    config.upload_deadline_admission = deadline_admission;
    config.urgent_preempt_fraction = 0;  // segment 2 is asked for while 0 and 1 come urgently
    s = MakeScheduler(stream, config);
    s->OnPeerConnected(0, kUploader);
    s->OnPeerHave(0, kUploader, SegmentKey{0, 2});
    s->OnStart(0, 0);
    for (const Action& a : Drain(*s, log)) {
      if (a.type == ActionType::kFetchFromCdn && a.key.seq == 0) cdn_first = a.transfer;
      if (a.type == ActionType::kFetchFromPeer && a.key.seq == 2) peer_fetch = a;
    }
  }
  // Segment 0 arrives at 0.5 s (playback starts), the peer has sent 1 % of segment 2 by
  // `trickle_us`; then time runs to `now_us`. True if segment 2's peer transfer still runs.
  bool PeerTransferSurvives(TimeUs trickle_us, TimeUs now_us) {
    s->OnTransferDone(kUsPerSecond / 2, cdn_first, 400'000);
    s->OnTransferProgress(trickle_us, peer_fetch.transfer, 4'000, 400'000);
    s->OnTick(now_us);
    Drain(*s, log);
    return log.live.count(peer_fetch.transfer) == 1;
  }
};

TEST(UploadDeadlineTest, RequesterSendsTheDeadlineItsOwnCheckDemands) {
  PromiseFixture f(/*deadline_admission=*/true);
  ASSERT_NE(f.peer_fetch.transfer, 0u);
  EXPECT_EQ(f.peer_fetch.deadline_us, 8 * kUsPerSecond * 2 / 3);
}

TEST(UploadDeadlineTest, APromiseKeepsASlowLookingTransferUntilItRunsOut) {
  // At 4.9 s playback waits for segment 1 (CDN) at 4 s: segment 2 is needed in 4 s, urgent,
  // and its rate says 1 % in 4.9 s. The trickle at 2.5 s keeps the no-bytes timeout away.
  PromiseFixture promised(/*deadline_admission=*/true);
  EXPECT_TRUE(promised.PeerTransferSurvives(2'500 * kUsPerMs, 4'900 * kUsPerMs));
  PromiseFixture unpromised(/*deadline_admission=*/false);
  EXPECT_FALSE(unpromised.PeerTransferSurvives(2'500 * kUsPerMs, 4'900 * kUsPerMs));
  // Past the promise (5.33 s) the rate rule judges again.
  PromiseFixture expired(/*deadline_admission=*/true);
  EXPECT_FALSE(expired.PeerTransferSurvives(2'500 * kUsPerMs, 5'400 * kUsPerMs));
}

}  // namespace
}  // namespace cdnmesh::testing
