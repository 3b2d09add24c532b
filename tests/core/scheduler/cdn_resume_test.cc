// The CDN continues what a peer began (cdn_resumes_peer_prefix): a peer download cancelled for
// the CDN leaves its bytes, and the CDN fetch of the same pass asks only for the rest. Each
// condition at its edge (bytes 0 / 1 / the most still too slow, size reported or not, knob
// off), and what the prefix counts as once the segment completes or the CDN fetch fails.
#include <gtest/gtest.h>

#include "tests/core/scheduler/scheduler_harness.h"

namespace cdnmesh::testing {
namespace {

constexpr DurationUs kEps = 1;
constexpr TimeUs kT1 = 1 * kUsPerSecond;
// Segment 2 (media 8 s, needed at t = 9 s) turns urgent (needed in < 6 s) just after t = 3 s.
constexpr TimeUs kUrgentAt = 3 * kUsPerSecond + kEps;
constexpr std::int64_t kSegmentBytes = 400'000;  // r0 of VodStream
constexpr PeerId kPeer = 9;

// Records the ABR's download samples.
class SampleAbr : public AbrPolicy {
 public:
  void OnDownloadSample(TimeUs, std::int64_t bytes, DurationUs) override { samples.push_back(bytes); }
  RenditionIndex ChooseRendition(const AbrContext&) override { return 0; }
  std::int64_t EstimatedThroughputBps() const override { return 0; }
  std::vector<std::int64_t> samples;
};

// VOD at constant sizes; segments 0 and 1 come from the CDN by t = 1 s and playback starts;
// the peer holds segment 2, which is prefetched from it. Its throughput estimate is too low for
// the scheduler to ask it again once the prefetch is too slow, so the CDN takes over.
struct Fixture {
  Stream stream{VodStream()};
  SchedulerConfig config;
  std::unique_ptr<Scheduler> s;
  SampleAbr* abr = nullptr;
  ActionLog log;
  TransferId prefetch = 0;

  explicit Fixture(SchedulerConfig base = {}) : config(base) {
    config.min_buffer_us = 0;
    config.urgent_window_us = 6 * kUsPerSecond;
    config.p2p_window_us = 20 * kUsPerSecond;
    config.p2p_timeout_us = 100 * kUsPerSecond;
    config.default_peer_throughput_bps = 100'000;
    config.upload_deadline_admission = false;  // no uploader's promise keeps the prefetch
    auto sample_abr = std::make_unique<SampleAbr>();
    abr = sample_abr.get();
    s = std::make_unique<Scheduler>(stream, config, PlayerConfig{}, std::move(sample_abr),
                                    ViewerProfile{});
    s->OnStart(0, 0);
    for (const Action& a : Drain(*s, log)) {
      if (a.type == ActionType::kFetchFromCdn) s->OnTransferDone(kT1, a.transfer);
    }
    abr->samples.clear();
    s->OnPeerConnected(kT1, kPeer);
    s->OnPeerHave(kT1, kPeer, {0, 2});
    const auto prefetches = Fetches(Drain(*s, log), ActionType::kFetchFromPeer, 2);
    if (prefetches.size() == 1) prefetch = prefetches[0].transfer;
  }

  // The prefetch has `bytes` (the host told the size when `size_known`) when segment 2 turns
  // urgent; the CDN fetch that replaces it.
  Action TurnUrgentWith(std::int64_t bytes, bool size_known = true) {
    if (bytes > 0) {
      s->OnTransferProgress(kUrgentAt - kEps, prefetch, bytes, size_known ? kSegmentBytes : 0);
    }
    s->OnTick(kUrgentAt);
    const auto actions = Drain(*s, log);
    const auto cdn = Fetches(actions, ActionType::kFetchFromCdn, 2);
    EXPECT_EQ(cdn.size(), 1u);
    EXPECT_EQ(Fetches(actions, ActionType::kCancel, 2).size(), 1u);
    return cdn.empty() ? Action{} : cdn[0];
  }
};

struct ResumeCase {
  std::int64_t bytes;   // of the prefetch's 400 000 B when it is cancelled
  bool size_known;      // the host reported the segment's size
  bool knob;            // cdn_resumes_peer_prefix
  std::int64_t offset;  // the CDN fetch's offset_bytes
};

class CdnResumeTest : public ::testing::TestWithParam<ResumeCase> {};

TEST_P(CdnResumeTest, TheCdnAsksOnlyForWhatThePeerDidNotSend) {
  SchedulerConfig base;
  base.cdn_resumes_peer_prefix = GetParam().knob;
  Fixture f(base);
  ASSERT_NE(f.prefetch, 0u);
  const Action cdn = f.TurnUrgentWith(GetParam().bytes, GetParam().size_known);
  EXPECT_EQ(cdn.offset_bytes, GetParam().offset);
  EXPECT_EQ(cdn.resumes, GetParam().offset > 0 ? f.prefetch : 0u);
  EXPECT_EQ(cdn.size_bytes, kSegmentBytes);
  // What is not kept is wasted at once.
  EXPECT_EQ(f.s->stats().wasted_bytes, GetParam().bytes - GetParam().offset);
}

INSTANTIATE_TEST_SUITE_P(
    Edges, CdnResumeTest,
    ::testing::Values(ResumeCase{0, true, true, 0},                    // nothing to keep
                      ResumeCase{1, true, true, 1},                    // one byte is kept
                      // the most the too-slow rule cancels here: 2 s for it, 4 s for the rest
                      ResumeCase{133'333, true, true, 133'333},
                      ResumeCase{100'000, false, true, 0},             // no size: no range
                      ResumeCase{100'000, true, false, 0},             // knob off
                      ResumeCase{100'000, true, true, 100'000}));

TEST(CdnResumeTest, TheCancelComesBeforeTheFetchThatContinuesIt) {
  Fixture f;
  ASSERT_NE(f.prefetch, 0u);
  f.TurnUrgentWith(100'000);
  int cancel_at = -1;
  int fetch_at = -1;
  for (int i = 0; i < static_cast<int>(f.log.all.size()); ++i) {
    const Action& a = f.log.all[static_cast<std::size_t>(i)];
    if (a.type == ActionType::kCancel && a.transfer == f.prefetch) cancel_at = i;
    if (a.type == ActionType::kFetchFromCdn && a.resumes == f.prefetch) fetch_at = i;
  }
  ASSERT_GE(cancel_at, 0);
  EXPECT_GT(fetch_at, cancel_at);
  EXPECT_EQ(f.log.bad_references, 0);
}

TEST(CdnResumeTest, ThePrefixCountsAsPeerBytesAndOnlyTheRestAsACdnSample) {
  Fixture f;
  ASSERT_NE(f.prefetch, 0u);
  const std::int64_t cdn_before = f.s->stats().cdn_bytes;
  const std::int64_t p2p_before = f.s->stats().p2p_bytes;
  const Action cdn = f.TurnUrgentWith(100'000);
  // The host counts from the segment's start: the kept prefix is already "received".
  ASSERT_EQ(f.s->transfers().all().size(), 1u);
  EXPECT_EQ(f.s->transfers().all()[0].bytes_received, 100'000);
  f.s->OnTransferProgress(kUrgentAt + kEps, cdn.transfer, 250'000, kSegmentBytes);
  f.s->OnTransferDone(kUrgentAt + 2 * kEps, cdn.transfer, kSegmentBytes);
  EXPECT_TRUE(f.s->cache().Contains({0, 2}));
  EXPECT_EQ(f.s->stats().cdn_bytes - cdn_before, kSegmentBytes - 100'000);
  EXPECT_EQ(f.s->stats().p2p_bytes - p2p_before, 100'000);
  EXPECT_EQ(f.s->stats().resumed_bytes, 100'000);
  EXPECT_EQ(f.s->stats().wasted_bytes, 0);
  ASSERT_EQ(f.abr->samples.size(), 1u);
  EXPECT_EQ(f.abr->samples[0], kSegmentBytes - 100'000);
}

TEST(CdnResumeTest, AFailedResumeWastesThePrefixAndTheRetryFetchesTheWholeSegment) {
  SchedulerConfig base;
  base.cdn_retry_backoff_us = 0;
  Fixture f(base);
  ASSERT_NE(f.prefetch, 0u);
  const Action cdn = f.TurnUrgentWith(100'000);
  f.s->OnTransferFailed(kUrgentAt + kEps, cdn.transfer, 150'000);  // prefix + 50 000 of its own
  EXPECT_EQ(f.s->stats().wasted_bytes, 150'000);
  EXPECT_EQ(f.s->stats().resumed_bytes, 0);
  const auto retry = Fetches(Drain(*f.s, f.log), ActionType::kFetchFromCdn, 2);
  ASSERT_EQ(retry.size(), 1u);
  EXPECT_EQ(retry[0].offset_bytes, 0);
  EXPECT_EQ(retry[0].resumes, 0u);
}

TEST(CdnResumeTest, TheMinimumBufferRuleResumesToo) {
  Fixture f;
  ASSERT_NE(f.prefetch, 0u);
  SchedulerConfig with_rule = f.config;
  // At t = 5.5 s, 3.5 s of media are buffered: below the rule's 4 s, which runs first.
  with_rule.min_buffer_us = 4 * kUsPerSecond;
  constexpr TimeUs kAt = 5'500'000;
  f.s->OnTransferProgress(kAt - kEps, f.prefetch, 300'000, kSegmentBytes);
  f.s->Reconfigure(kAt, with_rule, PlayerConfig{}, std::make_unique<SampleAbr>());
  const auto actions = Drain(*f.s, f.log);
  const auto cdn = Fetches(actions, ActionType::kFetchFromCdn, 2);
  ASSERT_EQ(cdn.size(), 1u);
  EXPECT_EQ(cdn[0].offset_bytes, 300'000);
  EXPECT_EQ(cdn[0].resumes, f.prefetch);
  EXPECT_EQ(f.s->stats().buffer_fallbacks, 1);
}

}  // namespace
}  // namespace cdnmesh::testing
