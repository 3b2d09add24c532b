// PacketTransport: transfers on ns-3 nodes, point-to-point links and TCP, checked against hand
// computations of TCP behaviour (slow start rounds + serialization + round trips), fair sharing,
// asymmetric access links, byte conservation and determinism. Topology of every test: one ISP
// (access latency 10 ms, no core latency) and one PoP (peering latency 5 ms): the CDN path's RTT
// is 30 ms and a same-ISP peer path's RTT is 40 ms.
#include "models/network/packet-transport.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <cstdint>
#include <map>
#include <memory>
#include <vector>

#include <ns3/nstime.h>
#include <ns3/simulator.h>

namespace cdnmesh {
namespace {

constexpr std::int64_t kMbps = 1'000'000;
constexpr DurationUs kAccessUs = 10'000;
constexpr DurationUs kPeeringUs = 5'000;
constexpr double kCdnRttS = 2.0 * (kAccessUs + kPeeringUs) / 1e6;
constexpr double kPeerRttS = 4.0 * kAccessUs / 1e6;
constexpr int kMss = 1448;
constexpr int kP2pMss = 1172;

double NowS() { return ns3::Simulator::Now().GetSeconds(); }

/// Completion (or failure) time of each cookie, in seconds.
class Sink : public TransferSink {
 public:
  void OnTransferComplete(TransferHandle /*h*/, std::uint64_t cookie) override {
    done[cookie] = NowS();
  }
  void OnTransferFailed(TransferHandle /*h*/, std::uint64_t cookie, double /*bytes*/) override {
    failed[cookie] = NowS();
  }
  std::map<std::uint64_t, double> done;
  std::map<std::uint64_t, double> failed;
};

/// Hand model of one TCP transfer on an idle path: the window starts at `iw` segments and grows
/// by `growth` per round trip (ns-3 adds one segment per ACK; with delayed ACKs every second
/// segment is acknowledged, so 1.5x per round) until it fills the path; each round of a
/// window smaller than the path's BDP takes an RTT, the rest drains at the link's payload rate.
double HandTransferS(double bytes, double rate_bps, double rtt_s, int mss, int iw, double growth) {
  const double payload_bps = rate_bps * mss / (mss + 52.0);  // IPv4 + TCP + timestamps
  const double bdp_bytes = payload_bps / 8 * rtt_s;
  double window = iw * mss;
  double time_s = 0;
  while (bytes > 0 && window < bdp_bytes) {
    const double sent = std::min(bytes, window);
    bytes -= sent;
    time_s += bytes > 0 ? rtt_s : rtt_s / 2 + sent * 8 / payload_bps;
    if (bytes <= 0) return time_s;
    window *= growth;
  }
  return time_s + rtt_s / 2 + bytes * 8 / payload_bps;
}

class PacketTransportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ns3::Simulator::Destroy();
    IspConfig isp;
    isp.name = "isp";
    isp.access_latency_us = kAccessUs;
    isp.core_latency_us = 0;
    PopConfig pop;
    pop.name = "pop";
    pop.peering_latency_us = kPeeringUs;
    config_.isps = {isp};
    config_.pops = {pop};
  }
  void TearDown() override {
    transport_.reset();
    ns3::Simulator::Destroy();
  }
  /// Builds the transport; call after setting config_ / packet_.
  void Build() {
    transport_ = std::make_unique<PacketTransport>(config_, packet_);
    egress_ = transport_->network().AddLink(config_.pops[0].egress_bps, 0);
  }
  ViewerAttachment AddViewer(std::int64_t down_bps, std::int64_t up_bps) {
    ViewerAttachment v;
    v.down_bps = down_bps;
    v.up_bps = up_bps;
    v.down_link = transport_->network().AddLink(down_bps, kAccessUs);
    v.up_link = transport_->network().AddLink(up_bps, kAccessUs);
    transport_->AttachViewer(v);
    viewers_.push_back(std::make_unique<ViewerAttachment>(v));
    return v;
  }
  /// Schedules a CDN fetch of `bytes` by `viewer` at `at_s`.
  void CdnAt(double at_s, const ViewerAttachment& viewer, std::int64_t bytes, std::uint64_t cookie,
             TransferHandle* handle = nullptr) {
    const ViewerAttachment* v = Keep(viewer);
    ns3::Simulator::Schedule(ns3::Seconds(at_s), [=] {
      std::vector<LinkId> path = {egress_, v->down_link};
      TransferSpec spec;
      spec.kind = TransferKind::kCdn;
      spec.receiver = v;
      spec.path = &path;
      spec.size_bytes = bytes;
      const TransferHandle h = transport_->Start(spec, &sink_, cookie);
      if (handle != nullptr) *handle = h;
    });
  }
  /// Schedules a peer transfer of `bytes` from `from` to `to` at `at_s`.
  void PeerAt(double at_s, const ViewerAttachment& from, const ViewerAttachment& to,
              std::int64_t bytes, std::uint64_t cookie) {
    const ViewerAttachment* f = Keep(from);
    const ViewerAttachment* t = Keep(to);
    ns3::Simulator::Schedule(ns3::Seconds(at_s), [=] {
      std::vector<LinkId> path = {f->up_link, t->down_link};
      TransferSpec spec;
      spec.kind = TransferKind::kPeer;
      spec.receiver = t;
      spec.sender = f;
      spec.path = &path;
      spec.size_bytes = bytes;
      transport_->Start(spec, &sink_, cookie);
    });
  }
  const ViewerAttachment* Keep(const ViewerAttachment& v) {
    for (const auto& kept : viewers_) {
      if (kept->down_link == v.down_link) return kept.get();
    }
    return nullptr;
  }

  TopologyConfig config_;
  PacketConfig packet_;
  std::unique_ptr<PacketTransport> transport_;
  LinkId egress_ = kInvalidLink;
  std::vector<std::unique_ptr<ViewerAttachment>> viewers_;
  Sink sink_;
};

// A warm connection (a first fetch opened it): request + response = one RTT, then slow start
// from IW10 and serialization at 20 Mbit/s. ns-3.37's Cubic doubles its window per round trip
// in slow start (measured here: 0.6-3 % from the model with growth 2, 7-14 % from growth 1.5).
// Tolerance 5 %: ACK clocking and delayed-ACK timing differ from whole rounds.
TEST_F(PacketTransportTest, SingleCdnTransferOnIdlePathMatchesHandComputedTcp) {
  Build();
  const ViewerAttachment v = AddViewer(20 * kMbps, 5 * kMbps);
  CdnAt(0.0, v, 1000, 1);  // opens the connection
  for (const std::int64_t bytes : {100'000, 500'000, 2'000'000}) {
    CdnAt(5.0, v, bytes, static_cast<std::uint64_t>(bytes));
    ns3::Simulator::Stop(ns3::Seconds(20));
    ns3::Simulator::Run();
    ASSERT_EQ(sink_.done.count(static_cast<std::uint64_t>(bytes)), 1u) << bytes;
    const double measured_s = sink_.done[static_cast<std::uint64_t>(bytes)] - 5.0;
    const double hand_s = kCdnRttS / 2 +  // the request's way up; the model counts the way down
                          HandTransferS(static_cast<double>(bytes), 20e6, kCdnRttS, kMss, 10, 2.0);
    EXPECT_NEAR(measured_s, hand_s, 0.05 * hand_s) << bytes << " bytes";
    std::printf("%lld bytes: measured %.4f s, hand %.4f s\n", static_cast<long long>(bytes), measured_s, hand_s);
    TearDown();
    SetUp();
    sink_ = Sink{};
    viewers_.clear();
    Build();
    const ViewerAttachment again = AddViewer(20 * kMbps, 5 * kMbps);
    CdnAt(0.0, again, 1000, 1);
    (void)again;
  }
}

// Distance at packet level: a viewer 2 000 km from its ISP's centre (where the ISP router and,
// here, the PoP sit) with stretch 1 and 200 km/ms gets 10 ms more on its access link each way,
// so the warm transfer runs on an RTT of 50 ms instead of 30 (same hand model, same tolerance).
TEST_F(PacketTransportTest, DistanceLengthensTheAccessLink) {
  config_.propagation.stretch = 1.0;
  config_.propagation.km_per_ms = 200;
  Build();
  ViewerAttachment v;
  v.down_bps = 20 * kMbps;
  v.up_bps = 5 * kMbps;
  v.down_link = transport_->network().AddLink(v.down_bps, kAccessUs);
  v.up_link = transport_->network().AddLink(v.up_bps, kAccessUs);
  v.location = GeoPoint{0.0, 2000.0 / (kEarthRadiusKm * 3.14159265358979323846 / 180.0)};
  v.location_vector = UnitVectorOf(v.location);
  transport_->AttachViewer(v);
  viewers_.push_back(std::make_unique<ViewerAttachment>(v));
  CdnAt(0.0, v, 1000, 1);  // opens the connection
  CdnAt(5.0, v, 500'000, 2);
  ns3::Simulator::Stop(ns3::Seconds(20));
  ns3::Simulator::Run();
  ASSERT_EQ(sink_.done.count(2), 1u);
  const double rtt_s = kCdnRttS + 0.020;
  const double hand_s = rtt_s / 2 + HandTransferS(500'000, 20e6, rtt_s, kMss, 10, 2.0);
  const double measured_s = sink_.done[2] - 5.0;
  EXPECT_NEAR(measured_s, hand_s, 0.05 * hand_s);
  // Without the distance the hand model is more than 10 % faster.
  EXPECT_GT(measured_s,
            1.1 * (kCdnRttS / 2 + HandTransferS(500'000, 20e6, kCdnRttS, kMss, 10, 2.0)));
}

// The first fetch on a cold connection pays the handshake: one more RTT than a warm one.
TEST_F(PacketTransportTest, FirstFetchPaysTheHandshakeRoundTrip) {
  Build();
  const ViewerAttachment v = AddViewer(20 * kMbps, 5 * kMbps);
  CdnAt(0.0, v, 1000, 1);
  CdnAt(5.0, v, 1000, 2);
  ns3::Simulator::Run();
  ASSERT_EQ(sink_.done.size(), 2u);
  EXPECT_NEAR(sink_.done[1], 2 * kCdnRttS, 0.003);
  EXPECT_NEAR(sink_.done[2] - 5.0, kCdnRttS, 0.003);
}

// After 2 MB the window is far above IW10; 10 s idle (> RTO) restarts slow start, so the next
// 500 kB fetch takes at least the cold-window time of the hand model (a warm window would take
// 1.5 RTT + serialization, 15 % less). It may take up to 15 % more: the ssthresh Cubic's HyStart
// set during the first fetch survives the idle spell (as in Linux), so growth turns cubic early.
TEST_F(PacketTransportTest, AWarmConnectionRestartsSlowStartAfterIdle) {
  Build();
  const ViewerAttachment v = AddViewer(20 * kMbps, 5 * kMbps);
  CdnAt(0.0, v, 2'000'000, 1);
  CdnAt(10.0, v, 500'000, 2);
  ns3::Simulator::Run();
  ASSERT_EQ(sink_.done.size(), 2u);
  const double hand_s = kCdnRttS / 2 + HandTransferS(500'000, 20e6, kCdnRttS, kMss, 10, 2.0);
  EXPECT_GE(sink_.done[2] - 10.0, 0.97 * hand_s);
  EXPECT_LE(sink_.done[2] - 10.0, 1.15 * hand_s);
  EXPECT_EQ(transport_->idle_restarts(), 1u);
}

// Two fetches through a 10 Mbit/s PoP egress (the only bottleneck) finish within 10 % of each
// other, and together take their bytes at the egress payload rate (within 10 %).
TEST_F(PacketTransportTest, TwoFlowsShareABottleneckEqually) {
  config_.pops[0].egress_bps = 10 * kMbps;
  Build();
  const ViewerAttachment a = AddViewer(100 * kMbps, 10 * kMbps);
  const ViewerAttachment b = AddViewer(100 * kMbps, 10 * kMbps);
  CdnAt(0.0, a, 5'000'000, 1);
  CdnAt(0.0, b, 5'000'000, 2);
  ns3::Simulator::Run();
  ASSERT_EQ(sink_.done.size(), 2u);
  const double fair_s = 10e6 * 8 / (10e6 * kMss / (kMss + 52.0));
  EXPECT_NEAR(sink_.done[1], sink_.done[2], 0.10 * fair_s);
  EXPECT_NEAR(std::max(sink_.done[1], sink_.done[2]), fair_s, 0.10 * fair_s);
}

// A 2 / 20 Mbit/s viewer uploads at 2 and downloads at 20: each transfer's time (handshake +
// one way + NewReno slow start from IW4 at 1.5x per round + serialization at that direction's
// rate) within 10 % of the hand model. Queues of 1 000 packets: no loss, so the rates are what
// is tested (a 100-packet queue overflows in slow start and a 1 s RTO costs 15 % on 1 MB).
TEST_F(PacketTransportTest, AsymmetricAccessLinkCarriesEachDirectionAtItsOwnRate) {
  packet_.queue_packets = 1000;
  Build();
  const ViewerAttachment slow = AddViewer(20 * kMbps, 2 * kMbps);
  const ViewerAttachment fast = AddViewer(100 * kMbps, 100 * kMbps);
  // One direction at a time: at once, the download's ACKs would queue behind the upload's data
  // in the 2 Mbit/s uplink's queue (a real effect of asymmetric links, not the one tested here).
  PeerAt(0.0, slow, fast, 1'000'000, 1);   // limited by slow's 2 Mbit/s uplink
  PeerAt(10.0, fast, slow, 4'000'000, 2);  // limited by slow's 20 Mbit/s downlink
  ns3::Simulator::Run();
  ASSERT_EQ(sink_.done.size(), 2u);
  const double up_s = sink_.done[1];
  const double down_s = sink_.done[2] - 10.0;
  const double hand_up_s = kPeerRttS + HandTransferS(1e6, 2e6, kPeerRttS, kP2pMss, 4, 1.5);
  const double hand_down_s = kPeerRttS + HandTransferS(4e6, 20e6, kPeerRttS, kP2pMss, 4, 1.5);
  std::printf("up %.4f s (hand %.4f), down %.4f s (hand %.4f)\n", up_s, hand_up_s, down_s,
              hand_down_s);
  EXPECT_NEAR(up_s, hand_up_s, 0.10 * hand_up_s);
  EXPECT_NEAR(down_s, hand_down_s, 0.10 * hand_down_s);
  EXPECT_GT(up_s / 1e6, 8 * down_s / 4e6);  // per byte, the upload is much slower
}

// Transport::SetUplinkRate at packet level, on an idle path: an 8 Mbit/s uplink set to 2 Mbit/s
// uploads 1 MB in the hand model's time at 2 Mbit/s; a stall keeps the floor
// min(ack_only_uplink_bps, 8 Mbit/s) = 1 Mbit/s, never 0 (250 kB at 1 Mbit/s); back at 8 Mbit/s
// 1 MB takes the hand model's time at 8. Each within 5 % (measured 0.7, 1.2 and 1.8 %).
TEST_F(PacketTransportTest, UplinkRateChangeSetsTheAccessDeviceRate) {
  packet_.queue_packets = 1000;
  Build();
  const ViewerAttachment up = AddViewer(20 * kMbps, 8 * kMbps);
  const ViewerAttachment fast = AddViewer(100 * kMbps, 100 * kMbps);
  const ViewerAttachment* kept = Keep(up);
  ns3::Simulator::Schedule(ns3::Seconds(0), [&] { transport_->SetUplinkRate(*kept, 2 * kMbps); });
  PeerAt(0.0, up, fast, 1'000'000, 1);
  ns3::Simulator::Schedule(ns3::Seconds(10), [&] { transport_->SetUplinkRate(*kept, 1); });
  PeerAt(10.0, up, fast, 250'000, 2);
  ns3::Simulator::Schedule(ns3::Seconds(20), [&] { transport_->SetUplinkRate(*kept, 8 * kMbps); });
  PeerAt(20.0, up, fast, 1'000'000, 3);
  ns3::Simulator::Run();
  ASSERT_EQ(sink_.done.size(), 3u);
  // The first stream pays the connection's handshake (one RTT); later ones find it warm, but
  // idle for more than an RTO: slow start again, without the handshake.
  const double two_s = sink_.done[1];
  const double floor_s = sink_.done[2] - 10.0;
  const double eight_s = sink_.done[3] - 20.0;
  const double hand_two_s = kPeerRttS + HandTransferS(1e6, 2e6, kPeerRttS, kP2pMss, 4, 1.5);
  const double hand_floor_s = HandTransferS(250e3, 1e6, kPeerRttS, kP2pMss, 4, 1.5);
  const double hand_eight_s = HandTransferS(1e6, 8e6, kPeerRttS, kP2pMss, 4, 1.5);
  std::printf("2 Mbit/s %.4f s (hand %.4f), floor %.4f s (hand %.4f), 8 Mbit/s %.4f s "
              "(hand %.4f)\n",
              two_s, hand_two_s, floor_s, hand_floor_s, eight_s, hand_eight_s);
  EXPECT_NEAR(two_s, hand_two_s, 0.05 * hand_two_s);
  EXPECT_NEAR(floor_s, hand_floor_s, 0.05 * hand_floor_s);
  EXPECT_NEAR(eight_s, hand_eight_s, 0.05 * hand_eight_s);
}

// Every byte a link counts was delivered by a transfer crossing it: completed sizes plus what
// cancelled transfers had delivered; every transfer not cancelled completes; cancelled bytes
// still in flight do not corrupt the next transfer on the same connection.
TEST_F(PacketTransportTest, BytesAreConservedAcrossCompletionsAndCancels) {
  config_.pops[0].egress_bps = 30 * kMbps;
  Build();
  std::vector<ViewerAttachment> v;
  for (int i = 0; i < 4; ++i) v.push_back(AddViewer(20 * kMbps, 5 * kMbps));
  std::vector<TransferHandle> handles(40, kInvalidTransfer);
  std::map<std::uint64_t, double> cancelled_bytes;
  for (int i = 0; i < 40; ++i) {
    CdnAt(0.25 * i, v[i % 4], 200'000 + 37'000 * (i % 7), i, &handles[i]);
    if (i % 5 == 2) {
      ns3::Simulator::Schedule(ns3::Seconds(0.25 * i + 0.05), [&, i] {
        if (sink_.done.count(i) == 0) cancelled_bytes[i] = transport_->Cancel(handles[i]);
      });
    }
  }
  ns3::Simulator::Run();
  double expected = 0;
  for (int i = 0; i < 40; ++i) {
    const bool cancelled = cancelled_bytes.count(i) > 0;
    EXPECT_NE(sink_.done.count(i) > 0, cancelled) << "transfer " << i;
    expected += cancelled ? cancelled_bytes[i] : 200'000 + 37'000 * (i % 7);
  }
  EXPECT_EQ(cancelled_bytes.size(), 8u);
  EXPECT_DOUBLE_EQ(transport_->LinkBytes(egress_, 0), expected);
  EXPECT_EQ(transport_->active_transfers(), 0u);
}

// The same transfers at the same times give the same completion times, to the nanosecond.
TEST_F(PacketTransportTest, SameInputsGiveTheSameResult) {
  config_.pops[0].egress_bps = 15 * kMbps;
  Build();
  std::vector<ViewerAttachment> v;
  for (int i = 0; i < 5; ++i) v.push_back(AddViewer(10 * kMbps + i * kMbps, 3 * kMbps));
  for (int i = 0; i < 30; ++i) {
    CdnAt(0.1 * i, v[i % 5], 300'000, i);
    PeerAt(0.1 * i + 0.05, v[i % 5], v[(i + 2) % 5], 150'000, 100 + i);
  }
  ns3::Simulator::Run();
  const std::map<std::uint64_t, double> first = sink_.done;
  EXPECT_EQ(first.size(), 60u);
  TearDown();
  SetUp();
  sink_ = Sink{};
  viewers_.clear();
  config_.pops[0].egress_bps = 15 * kMbps;
  Build();
  v.clear();
  for (int i = 0; i < 5; ++i) v.push_back(AddViewer(10 * kMbps + i * kMbps, 3 * kMbps));
  for (int i = 0; i < 30; ++i) {
    CdnAt(0.1 * i, v[i % 5], 300'000, i);
    PeerAt(0.1 * i + 0.05, v[i % 5], v[(i + 2) % 5], 150'000, 100 + i);
  }
  ns3::Simulator::Run();
  EXPECT_EQ(sink_.done, first);
}

}  // namespace
}  // namespace cdnmesh
