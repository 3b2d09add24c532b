// Pipelined relaying (scheduler.relay_after_bytes): a segment is announced once its first
// relay_after_bytes arrived (threshold - e / = / + e), requests for it are then accepted as
// partial uploads of its full size, and a partial upload whose segment is neither held nor
// arriving any more is aborted, while one whose download is replaced at once is not.
#include <gtest/gtest.h>

#include "tests/core/scheduler/scheduler_harness.h"

namespace cdnmesh::testing {
namespace {

constexpr std::int64_t kSegmentBytes = 400'000;  // 800 kbit/s x 4 s (VodStream, rendition 0)
constexpr std::int64_t kRelayAfter = 100'000;
constexpr PeerId kRequester = 7;
constexpr TimeUs kT1 = 1 * kUsPerSecond;

// One viewer starting a VOD title: segment 0 comes from the CDN; peer 7 is connected and holds
// nothing, so it is told of every segment this viewer announces.
struct RelayFixture {
  Stream stream{VodStream()};
  SchedulerConfig config;
  std::unique_ptr<Scheduler> s;
  ActionLog log;
  TransferId first = 0;  // the CDN transfer of segment 0

  explicit RelayFixture(std::int64_t relay_after_bytes = kRelayAfter) {
    config.relay_after_bytes = relay_after_bytes;
    config.urgent_preempt_fraction = 0;  // prefetches start beside segment 0's CDN fetch
    s = MakeScheduler(stream, config);
    s->OnPeerConnected(0, kRequester);
    s->OnStart(0, 0);
    for (const Action& a : Drain(*s, log)) {
      if (a.type == ActionType::kFetchFromCdn && a.key.seq == 0) first = a.transfer;
    }
  }
  int HavesOf(SegmentSeq seq) const {
    int n = 0;
    for (const Action& a : log.all) n += a.type == ActionType::kSendHave && a.key.seq == seq;
    return n;
  }
  Action Request(TimeUs now_us, UploadRequestId upload) {
    s->OnUploadRequest(now_us, upload, kRequester, SegmentKey{0, 0});
    const std::vector<Action> out = Drain(*s, log);
    EXPECT_EQ(out.size(), 1u);
    return out.empty() ? Action{} : out.front();
  }
};

struct AnnounceCase {
  std::int64_t bytes_received;
  std::int64_t total_bytes;  // 0: the response did not tell the size yet
  int expect_haves;
};
class SchedulerRelayAnnounceTest : public ::testing::TestWithParam<AnnounceCase> {};

TEST_P(SchedulerRelayAnnounceTest, AnnouncedOnceTheFirstStepArrived) {
  RelayFixture f;
  ASSERT_NE(f.first, 0u);
  f.s->OnTransferProgress(kT1, f.first, GetParam().bytes_received, GetParam().total_bytes);
  Drain(*f.s, f.log);
  EXPECT_EQ(f.HavesOf(0), GetParam().expect_haves);
  // Completing it announces it only if it was not announced while arriving.
  f.s->OnTransferDone(kT1 + 1, f.first, kSegmentBytes);
  Drain(*f.s, f.log);
  EXPECT_EQ(f.HavesOf(0), 1);
}

INSTANTIATE_TEST_SUITE_P(
    AtTheThreshold, SchedulerRelayAnnounceTest,
    ::testing::Values(AnnounceCase{kRelayAfter - 1, kSegmentBytes, 0},
                      AnnounceCase{kRelayAfter, kSegmentBytes, 1},
                      AnnounceCase{kRelayAfter + 1, kSegmentBytes, 1},
                      AnnounceCase{kSegmentBytes - 1, 0, 0}));  // size unknown: not relayable

TEST(SchedulerRelayTest, OffByDefaultAnnouncesOnlyWholeSegments) {
  RelayFixture f(/*relay_after_bytes=*/0);
  f.s->OnTransferProgress(kT1, f.first, kSegmentBytes - 1, kSegmentBytes);
  Drain(*f.s, f.log);
  EXPECT_EQ(f.HavesOf(0), 0);
  EXPECT_EQ(f.Request(kT1, 1).type, ActionType::kRejectUpload);
}

TEST(SchedulerRelayTest, RequestsAreServedPartialOnlyOnceAnnounced) {
  RelayFixture f;
  f.s->OnTransferProgress(kT1, f.first, kRelayAfter - 1, kSegmentBytes);
  const Action early = f.Request(kT1, 1);
  EXPECT_EQ(early.type, ActionType::kRejectUpload);
  EXPECT_EQ(early.reason, Reason::kNotHeld);
  f.s->OnTransferProgress(kT1, f.first, kRelayAfter, kSegmentBytes);
  Drain(*f.s, f.log);
  const Action accepted = f.Request(kT1, 2);
  EXPECT_EQ(accepted.type, ActionType::kAcceptUpload);
  EXPECT_TRUE(accepted.partial);
  EXPECT_EQ(accepted.size_bytes, kSegmentBytes);  // the whole segment, as the response said
  EXPECT_EQ(f.s->stats().relayed_uploads, 1);
  // Once it is held, a request is an ordinary upload.
  f.s->OnTransferDone(kT1 + 1, f.first, kSegmentBytes);
  Drain(*f.s, f.log);
  const Action later = f.Request(kT1 + 2, 3);
  EXPECT_EQ(later.type, ActionType::kAcceptUpload);
  EXPECT_FALSE(later.partial);
}

TEST(SchedulerRelayTest, RelayWithoutSourceIsAbortedAndOneWithASourceIsNot) {
  RelayFixture f;
  f.s->OnTransferProgress(kT1, f.first, kRelayAfter, kSegmentBytes);
  Drain(*f.s, f.log);
  ASSERT_TRUE(f.Request(kT1, 2).partial);
  // The CDN download breaks: the retry waits cdn_retry_backoff, so nothing is arriving.
  f.s->OnTransferFailed(kT1 + 1, f.first, kRelayAfter);
  std::vector<Action> out = Drain(*f.s, f.log);
  const auto aborts = [&](const std::vector<Action>& actions) {
    int n = 0;
    for (const Action& a : actions) n += a.type == ActionType::kAbortUpload && a.upload == 2;
    return n;
  };
  EXPECT_EQ(aborts(out), 1);
  // Aborted once: later passes do not repeat it.
  f.s->OnTick(kT1 + 2);
  EXPECT_EQ(aborts(Drain(*f.s, f.log)), 0);
}

TEST(SchedulerRelayTest, RelayFollowsAReplacementDownload) {
  RelayFixture f;
  // Segment 4 (16 s ahead: prefetched from peers) is held by peers 9 and 11; this viewer relays
  // it to the requester while it arrives.
  constexpr SegmentKey kKey{0, 4};
  for (const PeerId holder : {PeerId{9}, PeerId{11}}) {
    f.s->OnPeerConnected(kT1, holder);
    f.s->OnPeerHave(kT1, holder, kKey);
  }
  TransferId peer_transfer = 0;
  for (const Action& a : Drain(*f.s, f.log)) {
    if (a.type == ActionType::kFetchFromPeer && a.key == kKey) peer_transfer = a.transfer;
  }
  ASSERT_NE(peer_transfer, 0u);
  f.s->OnTransferProgress(kT1 + 1, peer_transfer, kRelayAfter, kSegmentBytes);
  Drain(*f.s, f.log);
  f.s->OnUploadRequest(kT1 + 1, 5, kRequester, kKey);
  ASSERT_TRUE(Drain(*f.s, f.log).front().partial);
  // The holder fails; the other holder is asked at once, so the relay keeps going.
  f.s->OnTransferFailed(kT1 + 2, peer_transfer, kRelayAfter);
  bool refetched = false;
  for (const Action& a : Drain(*f.s, f.log)) {
    EXPECT_NE(a.type, ActionType::kAbortUpload);
    refetched = refetched || (a.type == ActionType::kFetchFromPeer && a.key == kKey);
  }
  EXPECT_TRUE(refetched);
}

}  // namespace
}  // namespace cdnmesh::testing
