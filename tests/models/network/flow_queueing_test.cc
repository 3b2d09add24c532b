// The flow model's queueing terms (FlowTcpCorrection::queue_factor, ack_queue_factor,
// newcomer_factor): their inputs and the waits they add, by hand. An 8 Mbit/s link is 1 byte/us;
// a full queue of 100 x 1 500-byte packets drains from it in 150 000 us.
#include <gtest/gtest.h>

#include <cstdint>
#include <vector>

#include <ns3/nstime.h>
#include <ns3/simulator.h>

#include "models/network/flow-transport.h"
#include "models/topology/topology.h"

namespace cdnmesh {
namespace {

constexpr BitsPerSecond kMbps = 1'000'000;
constexpr DurationUs kFullQueueUs = 150'000;  // 100 x 1 500 x 8 bits at 8 Mbit/s

class CompletionTimes : public TransferSink {
 public:
  void OnTransferComplete(TransferHandle /*handle*/, std::uint64_t cookie) override {
    if (cookie == 1) probe_us = ns3::Simulator::Now().GetMicroSeconds();
  }
  std::int64_t probe_us = -1;
};

// A sender's 8 Mbit/s uplink, a receiver with a 100 Mbit/s downlink and an 8 Mbit/s uplink.
class FlowQueueingTest : public ::testing::Test {
 protected:
  void Build(const FlowTcpCorrection& correction) {
    transport_ = std::make_unique<FlowTransport>(correction);
    FlowNetwork& net = transport_->network();
    sender_up_ = net.AddLink(8 * kMbps, 0);
    receiver_.down_link = net.AddLink(100 * kMbps, 0);
    receiver_.up_link = net.AddLink(8 * kMbps, 0);
    path_ = {sender_up_, receiver_.down_link};
  }
  void TearDown() override {
    transport_.reset();
    ns3::Simulator::Destroy();
  }
  TransferSpec Probe(std::int64_t bytes) {
    TransferSpec spec;
    spec.kind = TransferKind::kPeer;
    spec.receiver = &receiver_;
    spec.path = &path_;
    spec.size_bytes = bytes;
    spec.rtt_us = 20'000;
    return spec;
  }
  /// Starts a long transfer on `path` at t = 0 (at its share once solved) with a rate cap.
  void Background(std::vector<LinkId> path, BitsPerSecond cap_bps) {
    transport_->Start(path, 1'000'000'000, cap_bps, 0, &sink_, 0);
  }

  std::unique_ptr<FlowTransport> transport_;
  ViewerAttachment receiver_;
  LinkId sender_up_ = kInvalidLink;
  std::vector<LinkId> path_;
  CompletionTimes sink_;
};

FlowTcpCorrection Fitted(double queue, double ack, double newcomer) {
  FlowTcpCorrection c;
  c.enabled = true;
  c.queue_factor = queue;
  c.ack_queue_factor = ack;
  c.newcomer_factor = newcomer;
  return c;
}

TEST_F(FlowQueueingTest, IdleLinksGiveNoQueueTerms) {
  Build(Fitted(1, 1, 1));
  const QueueTerms t = transport_->CorrectionTerms(Probe(500'000));
  EXPECT_EQ(t.path_queue_us, 0);
  EXPECT_EQ(t.ack_queue_us, 0);
  EXPECT_EQ(t.saturated_fluid_us, 0);
  EXPECT_GT(t.slow_start_us, 0);
}

TEST_F(FlowQueueingTest, SaturatedUplinksGiveTheirFullQueueDrainTimes) {
  Build(Fitted(1, 1, 1));
  Background({sender_up_}, kUnlimited);           // fills the path's uplink
  Background({receiver_.up_link}, kUnlimited);    // fills the receiver's uplink (its ACKs)
  ns3::Simulator::Schedule(ns3::MicroSeconds(1), [&] {
    const QueueTerms t = transport_->CorrectionTerms(Probe(500'000));
    EXPECT_EQ(t.path_queue_us, kFullQueueUs);  // the uplink; the 100 Mbit/s downlink has room
    EXPECT_EQ(t.ack_queue_us, kFullQueueUs);
    // An equal share of the uplink with the one flow there: 4 Mbit/s, 500 000 B in 1 s.
    EXPECT_EQ(t.saturated_fluid_us, 1'000'000);
    EXPECT_EQ(t.rounds, SlowStartRounds(500'000, 4e6, 20'000, FlowTcpCorrection{}.p2p));
  });
  ns3::Simulator::Stop(ns3::MicroSeconds(2));
  ns3::Simulator::Run();
}

// Saturation is the flows' load reaching 90 % of capacity: a background capped at 7.1 Mbit/s
// (88.75 %) leaves the queue term off, one capped at 7.3 Mbit/s (91.25 %) turns it on.
TEST_F(FlowQueueingTest, SaturationStartsAtNinetyPercentLoad) {
  for (const BitsPerSecond cap : {7'100'000, 7'300'000}) {
    Build(Fitted(1, 1, 1));
    Background({sender_up_}, cap);
    DurationUs queue_us = -1;
    ns3::Simulator::Schedule(ns3::MicroSeconds(1), [&] {
      queue_us = transport_->CorrectionTerms(Probe(500'000)).path_queue_us;
    });
    ns3::Simulator::Stop(ns3::MicroSeconds(2));
    ns3::Simulator::Run();
    EXPECT_EQ(queue_us, cap < 7'200'000 ? 0 : kFullQueueUs) << cap;
    TearDown();
  }
}

// The probe waits, before its first byte: slow start + queue x path x (rounds + 1)
// + ack x ack queue x rounds + newcomer x its fluid time; then runs at its share (4 Mbit/s).
TEST_F(FlowQueueingTest, TheFactorsAddTheirWaitsToTheFirstByte) {
  const double queue = 0.5, ack = 0.25, newcomer = 0.1;
  for (const bool on : {false, true}) {
    Build(on ? Fitted(queue, ack, newcomer) : Fitted(0, 0, 0));
    Background({sender_up_}, kUnlimited);
    Background({receiver_.up_link}, kUnlimited);
    QueueTerms t;
    ns3::Simulator::Schedule(ns3::MicroSeconds(1), [&] {
      const TransferSpec spec = Probe(500'000);
      t = transport_->CorrectionTerms(spec);
      transport_->Start(spec, &sink_, 1);
    });
    ns3::Simulator::Stop(ns3::Seconds(30));
    ns3::Simulator::Run();
    const double extra_us = on ? queue * kFullQueueUs * (t.rounds + 1) +
                                     ack * kFullQueueUs * t.rounds + newcomer * 1'000'000
                               : 0;
    const double expected_us = 1 + static_cast<double>(t.slow_start_us) + extra_us + 1'000'000;
    EXPECT_NEAR(static_cast<double>(sink_.probe_us), expected_us, 3.0) << on;
    TearDown();
    sink_ = CompletionTimes{};
  }
}

}  // namespace
}  // namespace cdnmesh
