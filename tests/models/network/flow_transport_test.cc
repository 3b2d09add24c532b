// FlowTransport: transfers on the max-min FlowNetwork driven by ns3::Simulator. Every expected
// completion time below is computed by hand. Links are 8 Mbps = 1 byte/us unless said otherwise,
// so sizes in bytes read directly as durations in microseconds.
#include "models/network/flow-transport.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <map>
#include <vector>

#include <ns3/nstime.h>
#include <ns3/simulator.h>

namespace cdnmesh {
namespace {

constexpr BitsPerSecond kMbps = 1'000'000;
/// Completion events are rounded up to whole microseconds; allow that and a little float noise.
constexpr double kTolUs = 2.0;

std::int64_t NowUs() { return ns3::Simulator::Now().GetMicroSeconds(); }

/// Records each completion: when (us), which cookie, and the live count at that moment.
class RecordingSink : public TransferSink {
 public:
  struct Done {
    std::int64_t time_us;
    TransferHandle handle;
    std::uint64_t cookie;
    std::size_t active_after;
  };
  explicit RecordingSink(const FlowTransport* transport = nullptr) : transport_(transport) {}
  void OnTransferComplete(TransferHandle transfer, std::uint64_t cookie) override {
    done.push_back({NowUs(), transfer, cookie,
                    transport_ == nullptr ? 0 : transport_->active_transfers()});
    time_of[cookie] = NowUs();
  }
  /// Completion time of `cookie`, or -1 when it never completed.
  std::int64_t TimeOf(std::uint64_t cookie) const {
    const auto it = time_of.find(cookie);
    return it == time_of.end() ? -1 : it->second;
  }
  std::vector<Done> done;
  std::map<std::uint64_t, std::int64_t> time_of;

 private:
  const FlowTransport* transport_;
};

class FlowTransportTest : public ::testing::Test {
 protected:
  void TearDown() override { ns3::Simulator::Destroy(); }

  /// Schedules `transport_.Start(...)` at absolute time `at_us`; the handle lands in `*handle`.
  void StartAt(std::int64_t at_us, std::vector<LinkId> path, std::int64_t size, BitsPerSecond cap,
               DurationUs latency, std::uint64_t cookie, TransferHandle* handle = nullptr) {
    ns3::Simulator::Schedule(ns3::MicroSeconds(at_us), [=] {
      const TransferHandle h = transport_.Start(path, size, cap, latency, &sink_, cookie);
      if (handle != nullptr) *handle = h;
    });
  }

  FlowTransport transport_;
  RecordingSink sink_{&transport_};
};

TEST_F(FlowTransportTest, SingleTransferTakesRequestLatencyPlusSizeOverCapacity) {
  const LinkId link = transport_.network().AddLink(8 * kMbps, 0);
  // 1 MB at 1 byte/us after 50 ms of request latency.
  StartAt(0, {link}, 1'000'000, kUnlimited, 50'000, 7);
  ns3::Simulator::Run();
  ASSERT_EQ(sink_.done.size(), 1u);
  EXPECT_EQ(sink_.done[0].cookie, 7u);
  EXPECT_NEAR(sink_.done[0].time_us, 1'050'000, kTolUs);
  EXPECT_EQ(sink_.done[0].active_after, 0u) << "the handle is released before the callback";
  EXPECT_EQ(transport_.active_transfers(), 0u);
  EXPECT_NEAR(transport_.network().LinkBytes(link, NowUs()), 1'000'000, 2.0);
}

// 1e12 bytes at 1 bps end after 8e18 us: scheduling that overflows ns-3's int64 nanoseconds
// (undefined behaviour, a completion at a wrapped time). It is left unscheduled: the simulator
// runs out of events with the transfer still active.
TEST_F(FlowTransportTest, ACompletionBeyondAnyRunIsNotScheduled) {
  const LinkId link = transport_.network().AddLink(1, 0);
  StartAt(0, {link}, 1'000'000'000'000, kUnlimited, 0, 9);
  ns3::Simulator::Run();
  EXPECT_TRUE(sink_.done.empty());
  EXPECT_EQ(transport_.active_transfers(), 1u);
}

TEST_F(FlowTransportTest, StartAtLaterTimeIsOffsetByItsStartTime) {
  // 12 Mbps = 1.5 bytes/us: 300 000 bytes take 200 000 us; started at 1 s with 20 ms latency.
  const LinkId link = transport_.network().AddLink(12 * kMbps, 0);
  StartAt(1'000'000, {link}, 300'000, kUnlimited, 20'000, 1);
  ns3::Simulator::Run();
  EXPECT_NEAR(sink_.TimeOf(1), 1'220'000, kTolUs);
}

TEST_F(FlowTransportTest, PerFlowCapBelowLinkCapacityBinds) {
  const LinkId link = transport_.network().AddLink(8 * kMbps, 0);
  // Cap 2 Mbps = 0.25 bytes/us: 250 000 bytes take 1 s, plus 10 ms latency.
  StartAt(0, {link}, 250'000, 2 * kMbps, 10'000, 1);
  ns3::Simulator::Run();
  EXPECT_NEAR(sink_.TimeOf(1), 1'010'000, kTolUs);
}

TEST_F(FlowTransportTest, CapAboveLinkCapacityDoesNotBind) {
  const LinkId link = transport_.network().AddLink(8 * kMbps, 0);
  StartAt(0, {link}, 400'000, 100 * kMbps, 0, 1);
  ns3::Simulator::Run();
  EXPECT_NEAR(sink_.TimeOf(1), 400'000, kTolUs);
}

TEST_F(FlowTransportTest, TwoTransfersStartedTogetherShareTheBottleneckEqually) {
  const LinkId link = transport_.network().AddLink(8 * kMbps, 0);
  // Alone, 500 000 bytes take 500 000 us; together each gets half: both end at 1 000 000.
  StartAt(0, {link}, 500'000, kUnlimited, 0, 1);
  StartAt(0, {link}, 500'000, kUnlimited, 0, 2);
  ns3::Simulator::Run();
  EXPECT_NEAR(sink_.TimeOf(1), 1'000'000, kTolUs);
  EXPECT_NEAR(sink_.TimeOf(2), 1'000'000, kTolUs);
}

TEST_F(FlowTransportTest, SecondTransferJoiningMidTransferSlowsTheFirst) {
  const LinkId link = transport_.network().AddLink(8 * kMbps, 0);
  TransferHandle a = kInvalidTransfer;
  TransferHandle b = kInvalidTransfer;
  // A: 1 MB from t=0. B: 200 000 bytes requested at 200 ms, flowing from 300 ms.
  // t=300 000: A has 300 000, both then at 0.5 B/us. B ends at 300 000 + 400 000 = 700 000,
  // when A has 500 000; A's other 500 000 at 1 B/us end at 1 200 000.
  StartAt(0, {link}, 1'000'000, kUnlimited, 0, 1, &a);
  StartAt(200'000, {link}, 200'000, kUnlimited, 100'000, 2, &b);
  double a_at_250ms = -1;
  double b_at_250ms = -1;
  double a_at_500ms = -1;
  double b_at_500ms = -1;
  ns3::Simulator::Schedule(ns3::MicroSeconds(250'000), [&] {
    a_at_250ms = transport_.BytesDelivered(a);
    b_at_250ms = transport_.BytesDelivered(b);
  });
  ns3::Simulator::Schedule(ns3::MicroSeconds(500'000), [&] {
    a_at_500ms = transport_.BytesDelivered(a);
    b_at_500ms = transport_.BytesDelivered(b);
  });
  ns3::Simulator::Run();
  EXPECT_NEAR(a_at_250ms, 250'000, 2.0);
  EXPECT_EQ(b_at_250ms, 0.0) << "no byte flows during the request latency";
  EXPECT_NEAR(a_at_500ms, 300'000 + 100'000, 2.0);
  EXPECT_NEAR(b_at_500ms, 100'000, 2.0);
  EXPECT_NEAR(sink_.TimeOf(2), 700'000, kTolUs);
  EXPECT_NEAR(sink_.TimeOf(1), 1'200'000, kTolUs);
  ASSERT_EQ(sink_.done.size(), 2u);
  EXPECT_EQ(sink_.done[0].cookie, 2u);
  EXPECT_EQ(sink_.done[1].cookie, 1u);
}

TEST_F(FlowTransportTest, CancelMidTransferSpeedsUpTheOtherAndReturnsBytesSoFar) {
  const LinkId link = transport_.network().AddLink(8 * kMbps, 0);
  TransferHandle a = kInvalidTransfer;
  TransferHandle b = kInvalidTransfer;
  StartAt(0, {link}, 1'000'000, kUnlimited, 0, 1, &a);
  StartAt(0, {link}, 1'000'000, kUnlimited, 0, 2, &b);
  double cancelled_bytes = -1;
  std::size_t active_after_cancel = 99;
  // Both at 0.5 B/us; B is cancelled at 400 ms having delivered 200 000. A has 200 000 then and
  // finishes its other 800 000 alone at 1 B/us: 1 200 000.
  ns3::Simulator::Schedule(ns3::MicroSeconds(400'000), [&] {
    cancelled_bytes = transport_.Cancel(b);
    active_after_cancel = transport_.active_transfers();
  });
  ns3::Simulator::Run();
  EXPECT_NEAR(cancelled_bytes, 200'000, 2.0);
  EXPECT_EQ(active_after_cancel, 1u);
  ASSERT_EQ(sink_.done.size(), 1u) << "a cancelled transfer never completes";
  EXPECT_EQ(sink_.done[0].cookie, 1u);
  EXPECT_NEAR(sink_.TimeOf(1), 1'200'000, kTolUs);
  // Byte conservation: the link carried the completed megabyte plus the cancelled bytes.
  EXPECT_NEAR(transport_.network().LinkBytes(link, NowUs()), 1'000'000 + cancelled_bytes, 4.0);
}

// A completion pushed later keeps its pending check (which then fires early and re-arms); one
// pulled earlier than that check is re-timed. Both must land on the exact completion time.
TEST_F(FlowTransportTest, CompletionSlowedThenSpedUpLandsOnItsExactTime) {
  const LinkId link = transport_.network().AddLink(8 * kMbps, 0);
  TransferHandle b = kInvalidTransfer;
  TransferHandle c = kInvalidTransfer;
  // A and B share the link from t=0 (0.5 B/us each: A's check at 2 000 000). C joins at 100 ms
  // (1/3 B/us each: A later, its check kept). B and C are cancelled at 200 ms: A has
  // 50 000 + 33 333 bytes and its other 916 667 alone at 1 B/us end at 1 116 667, before the
  // pending check. D, alone from 1.5 s, is slowed by E at 1.6 s and finishes after its first check.
  StartAt(0, {link}, 1'000'000, kUnlimited, 0, 1);
  StartAt(0, {link}, 1'000'000, kUnlimited, 0, 2, &b);
  StartAt(100'000, {link}, 1'000'000, kUnlimited, 0, 3, &c);
  ns3::Simulator::Schedule(ns3::MicroSeconds(200'000), [&] {
    transport_.Cancel(b);
    transport_.Cancel(c);
  });
  // D: 200 000 bytes from 1 500 000 (alone: check at 1 700 000). E: 100 000 bytes from 1 600 000:
  // D has 100 000, then both at 0.5 B/us; E ends at 1 800 000 with D at 200 000: D too.
  StartAt(1'500'000, {link}, 200'000, kUnlimited, 0, 4);
  StartAt(1'600'000, {link}, 100'000, kUnlimited, 0, 5);
  ns3::Simulator::Run();
  EXPECT_NEAR(sink_.TimeOf(1), 1'116'667, kTolUs);
  EXPECT_NEAR(sink_.TimeOf(4), 1'800'000, kTolUs);
  EXPECT_NEAR(sink_.TimeOf(5), 1'800'000, kTolUs);
  EXPECT_EQ(sink_.TimeOf(2), -1);
  EXPECT_EQ(sink_.TimeOf(3), -1);
  EXPECT_EQ(sink_.done.size(), 3u);
}

TEST_F(FlowTransportTest, CancelDuringRequestLatencyReturnsZeroAndNeverCompletes) {
  const LinkId link = transport_.network().AddLink(8 * kMbps, 0);
  TransferHandle a = kInvalidTransfer;
  StartAt(0, {link}, 100'000, kUnlimited, 50'000, 1, &a);
  double cancelled_bytes = -1;
  ns3::Simulator::Schedule(ns3::MicroSeconds(20'000),
                           [&] { cancelled_bytes = transport_.Cancel(a); });
  ns3::Simulator::Run();
  EXPECT_EQ(cancelled_bytes, 0.0);
  EXPECT_TRUE(sink_.done.empty());
  EXPECT_EQ(transport_.active_transfers(), 0u);
  EXPECT_EQ(transport_.network().flow_count(), 0u);
  EXPECT_EQ(transport_.network().LinkBytes(link, NowUs()), 0.0);
}

TEST_F(FlowTransportTest, TwoBottlenecksFollowMaxMinFairness) {
  // L1 = 12 Mbps (1.5 B/us), L2 = 4 Mbps (0.5 B/us). A over L1, B over L1+L2, C over L2.
  // Phase 1 (0..1 000 000): L2 splits 2/2 Mbps between B and C; A gets 12-2 = 10 Mbps.
  //   Rates in B/us: A 1.25, B 0.25, C 0.25. C (250 000 B) ends at 1 000 000.
  //   A has 1 250 000, B has 250 000.
  // Phase 2 (1 000 000..1 500 000): B alone on L2 gets 4 Mbps (0.5), A the rest of L1: 8 Mbps (1).
  //   B's other 250 000 take 500 000 us: B (500 000 B) ends at 1 500 000; A has 1 750 000.
  // Phase 3: A alone at 1.5 B/us; its other 750 000 take 500 000 us: A (2 500 000 B) ends at
  //   2 000 000.
  const LinkId l1 = transport_.network().AddLink(12 * kMbps, 0);
  const LinkId l2 = transport_.network().AddLink(4 * kMbps, 0);
  StartAt(0, {l1}, 2'500'000, kUnlimited, 0, 'A');
  StartAt(0, {l1, l2}, 500'000, kUnlimited, 0, 'B');
  StartAt(0, {l2}, 250'000, kUnlimited, 0, 'C');
  ns3::Simulator::Run();
  EXPECT_NEAR(sink_.TimeOf('C'), 1'000'000, kTolUs);
  EXPECT_NEAR(sink_.TimeOf('B'), 1'500'000, kTolUs);
  EXPECT_NEAR(sink_.TimeOf('A'), 2'000'000, kTolUs);
  EXPECT_NEAR(transport_.network().LinkBytes(l1, NowUs()), 2'500'000 + 500'000, 6.0);
  EXPECT_NEAR(transport_.network().LinkBytes(l2, NowUs()), 500'000 + 250'000, 6.0);
}

TEST_F(FlowTransportTest, LinkBytesEqualCompletedSizesPlusCancelledBytes) {
  // A mix of joins, completions and cancels over two links; every byte a link carried belongs to
  // a completed transfer (its whole size) or a cancelled one (what Cancel returned).
  const LinkId l1 = transport_.network().AddLink(10 * kMbps, 0);
  const LinkId l2 = transport_.network().AddLink(6 * kMbps, 0);
  struct Spec {
    std::int64_t at_us;
    std::vector<LinkId> path;
    std::int64_t size;
    BitsPerSecond cap;
    DurationUs latency;
  };
  const std::vector<Spec> specs = {
      {0, {l1}, 700'000, kUnlimited, 10'000},         {0, {l1, l2}, 900'000, kUnlimited, 0},
      {50'000, {l2}, 300'000, 3 * kMbps, 5'000},      {120'000, {l1}, 2'000'000, kUnlimited, 0},
      {130'000, {l2, l1}, 400'000, kUnlimited, 1'000}, {400'000, {l2}, 0, kUnlimited, 7'000},
      {500'000, {l1, l2}, 1'500'000, 2 * kMbps, 0},
  };
  std::vector<TransferHandle> handles(specs.size(), kInvalidTransfer);
  for (std::size_t i = 0; i < specs.size(); ++i) {
    StartAt(specs[i].at_us, specs[i].path, specs[i].size, specs[i].cap, specs[i].latency, i,
            &handles[i]);
  }
  // Cancel #3 (big, on l1) at 600 ms and #6 (on l1+l2) at 900 ms.
  double cancelled_l1 = 0;
  double cancelled_l2 = 0;
  ns3::Simulator::Schedule(ns3::MicroSeconds(600'000), [&] {
    const double bytes = transport_.Cancel(handles[3]);
    EXPECT_GT(bytes, 0.0);
    cancelled_l1 += bytes;
  });
  ns3::Simulator::Schedule(ns3::MicroSeconds(900'000), [&] {
    const double bytes = transport_.Cancel(handles[6]);
    EXPECT_GT(bytes, 0.0);
    cancelled_l1 += bytes;
    cancelled_l2 += bytes;
  });
  ns3::Simulator::Run();
  double completed_l1 = 0;
  double completed_l2 = 0;
  for (const auto& done : sink_.done) {
    const Spec& spec = specs[done.cookie];
    for (const LinkId link : spec.path) {
      (link == l1 ? completed_l1 : completed_l2) += static_cast<double>(spec.size);
    }
  }
  EXPECT_EQ(sink_.done.size(), specs.size() - 2);
  EXPECT_EQ(transport_.active_transfers(), 0u);
  // Each completion may overshoot its size by under 1 us of its rate (< 2 bytes here).
  EXPECT_NEAR(transport_.network().LinkBytes(l1, NowUs()), completed_l1 + cancelled_l1, 16.0);
  EXPECT_NEAR(transport_.network().LinkBytes(l2, NowUs()), completed_l2 + cancelled_l2, 16.0);
}

TEST_F(FlowTransportTest, ChangesAtOneInstantAreSolvedOnce) {
  const LinkId link = transport_.network().AddLink(8 * kMbps, 0);
  // Five equal transfers whose first bytes all arrive at t=1000: one solve at t=1000. They share
  // the link equally and all finish at the same instant: one more solve there.
  for (std::uint64_t i = 0; i < 5; ++i) StartAt(0, {link}, 100'000, kUnlimited, 1'000, i);
  std::uint64_t solves_before_first_byte = 99;
  std::uint64_t solves_after_first_byte = 99;
  ns3::Simulator::Schedule(ns3::MicroSeconds(999),
                           [&] { solves_before_first_byte = transport_.solve_count(); });
  ns3::Simulator::Schedule(ns3::MicroSeconds(1'001),
                           [&] { solves_after_first_byte = transport_.solve_count(); });
  ns3::Simulator::Run();
  EXPECT_EQ(solves_before_first_byte, 0u);
  EXPECT_EQ(solves_after_first_byte, 1u);
  ASSERT_EQ(sink_.done.size(), 5u);
  for (const auto& done : sink_.done) EXPECT_NEAR(done.time_us, 1'000 + 500'000, kTolUs);
  EXPECT_EQ(sink_.done.front().time_us, sink_.done.back().time_us);
  EXPECT_EQ(transport_.solve_count(), 2u);
}

TEST_F(FlowTransportTest, CancelAndFirstBytesAtTheSameInstantShareOneSolve) {
  const LinkId link = transport_.network().AddLink(8 * kMbps, 0);
  TransferHandle a = kInvalidTransfer;
  // A flows from t=0 (one solve). B and C are requested at t=0 and send their first bytes at
  // t=100 000, the instant A is cancelled: one solve for the three changes.
  StartAt(0, {link}, 1'000'000, kUnlimited, 0, 1, &a);
  StartAt(0, {link}, 50'000, kUnlimited, 100'000, 2);
  StartAt(0, {link}, 50'000, kUnlimited, 100'000, 3);
  std::uint64_t solves_before = 0;
  std::uint64_t solves_after = 0;
  ns3::Simulator::Schedule(ns3::MicroSeconds(100'000), [&] {
    solves_before = transport_.solve_count();
    transport_.Cancel(a);
  });
  ns3::Simulator::Schedule(ns3::MicroSeconds(100'001),
                           [&] { solves_after = transport_.solve_count(); });
  ns3::Simulator::Run();
  EXPECT_EQ(solves_before, 1u);
  EXPECT_EQ(solves_after, 2u);
  // B and C share the link: 50 000 bytes each at 0.5 B/us.
  EXPECT_NEAR(sink_.TimeOf(2), 200'000, kTolUs);
  EXPECT_NEAR(sink_.TimeOf(3), 200'000, kTolUs);
  EXPECT_EQ(sink_.TimeOf(1), -1);
  EXPECT_EQ(transport_.solve_count(), 3u);
}

// A transfer started with request latency 0 at an instant that already has a solve pending
// joins that solve ("one Solve per simulated instant").
TEST_F(FlowTransportTest, ZeroLatencyStartAfterAChangeAtTheSameInstantSharesItsSolve) {
  const LinkId link = transport_.network().AddLink(8 * kMbps, 0);
  TransferHandle a = kInvalidTransfer;
  StartAt(0, {link}, 1'000'000, kUnlimited, 0, 1, &a);
  std::uint64_t solves_before = 0;
  std::uint64_t solves_after = 0;
  ns3::Simulator::Schedule(ns3::MicroSeconds(100'000), [&] {
    solves_before = transport_.solve_count();
    transport_.Cancel(a);
    transport_.Start({link}, 50'000, kUnlimited, 0, &sink_, 2);
    transport_.Start({link}, 50'000, kUnlimited, 0, &sink_, 3);
  });
  ns3::Simulator::Schedule(ns3::MicroSeconds(100'001),
                           [&] { solves_after = transport_.solve_count(); });
  ns3::Simulator::Run();
  EXPECT_EQ(solves_before, 1u);
  EXPECT_EQ(solves_after, 2u) << "one solve for the cancel and the two zero-latency starts";
  EXPECT_NEAR(sink_.TimeOf(2), 200'000, kTolUs);
  EXPECT_NEAR(sink_.TimeOf(3), 200'000, kTolUs);
}

// The same from a completion callback: the transfer a sink starts (latency 0) when the previous
// one completes shares the completion instant's solve.
TEST_F(FlowTransportTest, ZeroLatencyStartFromACompletionCallbackSharesItsSolve) {
  const LinkId link = transport_.network().AddLink(8 * kMbps, 0);
  struct Restarter : TransferSink {
    FlowTransport* transport = nullptr;
    LinkId link = 0;
    int restarts = 0;
    void OnTransferComplete(TransferHandle, std::uint64_t) override {
      if (restarts++ == 0) transport->Start({link}, 100'000, kUnlimited, 0, this, 0);
    }
  } restarter;
  restarter.transport = &transport_;
  restarter.link = link;
  // B runs alongside so that A's completion is a real change: t=0 one solve, t=200 000 (A done,
  // A2 starts) one solve, then A2 and B complete at distinct instants.
  ns3::Simulator::Schedule(ns3::MicroSeconds(0), [&] {
    transport_.Start({link}, 100'000, kUnlimited, 0, &restarter, 0);
    transport_.Start({link}, 1'000'000, kUnlimited, 0, &sink_, 1);
  });
  std::uint64_t solves_after_restart = 0;
  ns3::Simulator::Schedule(ns3::MicroSeconds(200'001),
                           [&] { solves_after_restart = transport_.solve_count(); });
  ns3::Simulator::Run();
  EXPECT_EQ(solves_after_restart, 2u);
}

TEST_F(FlowTransportTest, SizeZeroTransferCompletesAfterItsRequestLatency) {
  const LinkId link = transport_.network().AddLink(8 * kMbps, 0);
  StartAt(10'000, {link}, 0, kUnlimited, 35'000, 4);
  ns3::Simulator::Run();
  ASSERT_EQ(sink_.done.size(), 1u);
  EXPECT_EQ(sink_.done[0].time_us, 45'000);
  EXPECT_EQ(sink_.done[0].cookie, 4u);
  EXPECT_EQ(transport_.active_transfers(), 0u);
  EXPECT_EQ(transport_.network().LinkBytes(link, NowUs()), 0.0);
}

TEST_F(FlowTransportTest, BytesDeliveredIsZeroDuringRequestLatencyThenGrows) {
  const LinkId link = transport_.network().AddLink(8 * kMbps, 0);
  TransferHandle a = kInvalidTransfer;
  StartAt(0, {link}, 1'000'000, kUnlimited, 100'000, 1, &a);
  std::vector<double> samples;
  for (const std::int64_t t : {1, 50'000, 99'999, 100'000, 150'000, 600'000}) {
    ns3::Simulator::Schedule(ns3::MicroSeconds(t),
                             [&] { samples.push_back(transport_.BytesDelivered(a)); });
  }
  std::size_t active_in_latency = 0;
  ns3::Simulator::Schedule(ns3::MicroSeconds(50'000),
                           [&] { active_in_latency = transport_.active_transfers(); });
  ns3::Simulator::Run();
  ASSERT_EQ(samples.size(), 6u);
  EXPECT_EQ(samples[0], 0.0);
  EXPECT_EQ(samples[1], 0.0);
  EXPECT_EQ(samples[2], 0.0);
  EXPECT_NEAR(samples[3], 0.0, 1e-9);
  EXPECT_NEAR(samples[4], 50'000, 1.0);
  EXPECT_NEAR(samples[5], 500'000, 1.0);
  EXPECT_EQ(active_in_latency, 1u) << "a transfer in its request latency is live";
  EXPECT_NEAR(sink_.TimeOf(1), 1'100'000, kTolUs);
}

TEST_F(FlowTransportTest, HandlesAreReusedAfterCompletion) {
  const LinkId link = transport_.network().AddLink(8 * kMbps, 0);
  TransferHandle first = kInvalidTransfer;
  TransferHandle second = kInvalidTransfer;
  StartAt(0, {link}, 1'000, kUnlimited, 0, 1, &first);
  StartAt(10'000, {link}, 1'000, kUnlimited, 0, 2, &second);
  ns3::Simulator::Run();
  EXPECT_NE(first, kInvalidTransfer);
  EXPECT_EQ(first, second);
  EXPECT_NEAR(sink_.TimeOf(1), 1'000, kTolUs);
  EXPECT_NEAR(sink_.TimeOf(2), 11'000, kTolUs);
  EXPECT_EQ(sink_.done[0].handle, first);
}

/// A sink that starts a follow-up transfer from inside its completion callback.
class ChainingSink : public TransferSink {
 public:
  ChainingSink(FlowTransport* transport, LinkId link) : transport_(transport), link_(link) {}
  void OnTransferComplete(TransferHandle, std::uint64_t cookie) override {
    times.push_back(NowUs());
    if (cookie > 0) transport_->Start({link_}, 100'000, kUnlimited, 0, this, cookie - 1);
  }
  std::vector<std::int64_t> times;

 private:
  FlowTransport* transport_;
  LinkId link_;
};

TEST_F(FlowTransportTest, StartingFromACompletionCallbackChainsTransfers) {
  const LinkId link = transport_.network().AddLink(8 * kMbps, 0);
  ChainingSink chain(&transport_, link);
  ns3::Simulator::Schedule(ns3::MicroSeconds(0), [&] {
    transport_.Start({link}, 100'000, kUnlimited, 0, &chain, 3);
  });
  ns3::Simulator::Run();
  ASSERT_EQ(chain.times.size(), 4u);
  for (std::size_t i = 0; i < chain.times.size(); ++i) {
    EXPECT_NEAR(chain.times[i], 100'000 * static_cast<std::int64_t>(i + 1), 4 * kTolUs);
  }
  EXPECT_EQ(transport_.active_transfers(), 0u);
}

}  // namespace
}  // namespace cdnmesh
