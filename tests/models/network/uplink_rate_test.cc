// Transport::SetUplinkRate at flow level: the viewer's up link takes the new capacity at once,
// for transfers in flight and later ones (hand-computed transfer times).
#include <gtest/gtest.h>

#include <map>

#include <ns3/nstime.h>
#include <ns3/simulator.h>

#include "models/network/flow-transport.h"
#include "models/topology/topology.h"

namespace cdnmesh {
namespace {

class DoneTimes : public TransferSink {
 public:
  void OnTransferComplete(TransferHandle /*h*/, std::uint64_t cookie) override {
    done_s[cookie] = ns3::Simulator::Now().GetSeconds();
  }
  std::map<std::uint64_t, double> done_s;
};

class FlowUplinkRate : public ::testing::Test {
 protected:
  void SetUp() override {
    ns3::Simulator::Destroy();
    sender_.up_bps = 8'000'000;
    sender_.up_link = transport_.network().AddLink(sender_.up_bps, 0);
    sender_.down_link = transport_.network().AddLink(100'000'000, 0);
    receiver_down_ = transport_.network().AddLink(100'000'000, 0);
    path_ = {sender_.up_link, receiver_down_};
  }
  void TearDown() override { ns3::Simulator::Destroy(); }
  void StartAt(double at_s, std::int64_t bytes, std::uint64_t cookie) {
    ns3::Simulator::Schedule(ns3::Seconds(at_s), [this, bytes, cookie] {
      transport_.Start(path_, bytes, kUnlimited, 0, &sink_, cookie);
    });
  }
  void RateAt(double at_s, BitsPerSecond rate_bps) {
    ns3::Simulator::Schedule(ns3::Seconds(at_s),
                             [this, rate_bps] { transport_.SetUplinkRate(sender_, rate_bps); });
  }

  FlowTransport transport_;
  ViewerAttachment sender_;
  LinkId receiver_down_ = kInvalidLink;
  std::vector<LinkId> path_;
  DoneTimes sink_;
};

// A background upload taking half of an 8 Mbit/s uplink: 1 MB takes 8e6 bits / 4e6 bps = 2 s.
TEST_F(FlowUplinkRate, BackgroundUploadHalvesTheUplink) {
  RateAt(0, 4'000'000);
  StartAt(0, 1'000'000, 1);
  ns3::Simulator::Run();
  EXPECT_NEAR(sink_.done_s[1], 2.0, 1e-6);
  EXPECT_EQ(transport_.network().LinkCapacity(sender_.up_link), 4'000'000);
}

// Switched on after 0.5 s of a 1 MB transfer at 8 Mbit/s, the remaining 0.5 MB take 1 s at
// 4 Mbit/s: done at 1.5 s.
TEST_F(FlowUplinkRate, BackgroundUploadSlowsATransferInFlight) {
  StartAt(0, 1'000'000, 1);
  RateAt(0.5, 4'000'000);
  ns3::Simulator::Run();
  EXPECT_NEAR(sink_.done_s[1], 1.5, 1e-6);
}

// A stall (kStalledUplinkBps) for 1 s after 0.25 s: the transfer gets 250 kB, then almost
// nothing, then the remaining 750 kB at 8 Mbit/s: done at 2.0 s instead of 1.0 s.
TEST_F(FlowUplinkRate, AStallStopsTheBytesAndTheyResumeAfter) {
  StartAt(0, 1'000'000, 1);
  RateAt(0.25, kStalledUplinkBps);
  double bytes_at_stall = 0;
  double bytes_late_in_stall = 0;
  ns3::Simulator::Schedule(ns3::Seconds(0.26),
                           [&] { bytes_at_stall = transport_.BytesDelivered(0); });
  ns3::Simulator::Schedule(ns3::Seconds(1.24), [&] {
    bytes_late_in_stall = transport_.BytesDelivered(0);
  });
  RateAt(1.25, sender_.up_bps);
  ns3::Simulator::Run();
  EXPECT_NEAR(bytes_at_stall, 250'000, 1);
  EXPECT_LT(bytes_late_in_stall - bytes_at_stall, 1.0);
  EXPECT_NEAR(sink_.done_s[1], 2.0, 1e-6);
}

// A viewer without uplink is left alone.
TEST_F(FlowUplinkRate, AViewerWithoutUplinkIsIgnored) {
  ViewerAttachment none;
  none.down_link = sender_.down_link;
  transport_.SetUplinkRate(none, 1);
  EXPECT_EQ(transport_.network().LinkCapacity(sender_.down_link), 100'000'000);
}

}  // namespace
}  // namespace cdnmesh
