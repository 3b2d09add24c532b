// The cross-check on a tiny case (6 viewers, 60 s, one ISP, one PoP): both fidelities run, the
// packet level agrees with the flow level within the tolerances stated below, and a packet-level
// run is deterministic. Runs in a few seconds.
#include "sim/world/cross-check.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <string>

#include "world_test_util.h"

namespace cdnmesh {
namespace {

const CrossCheckRow& Row(const CrossCheckReport& report, const std::string& metric) {
  for (const CrossCheckRow& row : report.rows) {
    if (row.metric == metric) return row;
  }
  static const CrossCheckRow missing{};
  ADD_FAILURE() << "no row " << metric;
  return missing;
}

// Tolerances of this tiny case (ample capacity: 50/20 Mbit/s access, unlimited PoP; the flow
// model with its slow-start correction, transport.slow_start): offload within 5 points, the
// same mean bitrate within 2 %, per-segment p50 within 15 % (the validation target), p95 within
// 25 % for the CDN and 60 % for peers (the packet level's tail of losses in NewReno's slow start
// on the access queues, absent from the flow model). Measured when written: offload 0.724 /
// 0.715, p50 ratios 1.07 (CDN) and 1.13 (peers), p95 1.08 and 1.51.
// Whole-segment relaying: relays in steps (the default) put the packet level's peer p95 at
// 1.67x the corrected flow model here, outside this bound (results/validation has the cases).
TEST(CrossCheckTest, PacketAgreesWithFlowOnATinyStaticSwarm) {
  ScenarioConfig config = testing::StaticSwarm(6, 60);
  config.peer.scheduler.relay_after_bytes = 0;
  // Distance off: these tolerances hold for this exact case. Measured: with the propagation
  // term (RTTs 0.3-7 ms longer), or with access latency 10.5 ms instead of 10, one of the two
  // CDN fetches each viewer starts together loses its tail in slow start and waits ns-3's 1 s
  // minimum RTO (1.5-1.6 s instead of 0.5 s): the packet level's CDN p95 is then 3.4x the flow
  // model's, the loss tail the flow model lacks (docs/network.md, results/validation).
  config.topology.propagation.stretch = 0;
  Result<CrossCheckReport> report = RunCrossCheck(config, /*progress=*/false);
  ASSERT_TRUE(report.ok()) << report.error().message;
  const CrossCheckReport& r = report.value();
  std::printf("%s", FormatCrossCheck(r).c_str());
  EXPECT_NEAR(Row(r, "offload").packet, Row(r, "offload").corrected, 0.05);
  EXPECT_NEAR(Row(r, "mean bitrate").RatioCorrected(), 1.0, 0.02);
  EXPECT_GT(Row(r, "CDN transfers").packet, 10);
  EXPECT_GT(Row(r, "peer transfers").packet, 10);
  EXPECT_NEAR(Row(r, "CDN segment time p50").RatioCorrected(), 1.0, 0.15);
  EXPECT_NEAR(Row(r, "peer segment time p50").RatioCorrected(), 1.0, 0.15);
  EXPECT_NEAR(Row(r, "CDN segment time p95").RatioCorrected(), 1.0, 0.25);
  EXPECT_NEAR(Row(r, "peer segment time p95").RatioCorrected(), 1.0, 0.60);
  // Without the correction the flow model misses the peer p50 target here (1.73 measured).
  EXPECT_GT(Row(r, "peer segment time p50").Ratio(), 1.15);
}

// The same case with access latency 10.5 ms: one of the two CDN fetches each viewer starts
// together waits out ns-3's 1 s minimum RTO, and the RTO rows separate that tail.
TEST(CrossCheckTest, TimeoutRowsSeparateTheLossTail) {
  ScenarioConfig config = testing::StaticSwarm(6, 60);
  config.peer.scheduler.relay_after_bytes = 0;
  config.topology.propagation.stretch = 0;
  config.topology.isps[0].access_latency_us = 10'500;
  Result<CrossCheckReport> report = RunCrossCheck(config, /*progress=*/false);
  ASSERT_TRUE(report.ok()) << report.error().message;
  const CrossCheckReport& r = report.value();
  EXPECT_EQ(Row(r, "CDN transfers an RTO delayed").flow, 0);  // no losses in the flow model
  EXPECT_GE(Row(r, "CDN transfers an RTO delayed").packet, 2);
  EXPECT_GT(Row(r, "CDN segment time p95").packet, 1.4);
  EXPECT_LT(Row(r, "CDN segment time p95 without RTO").packet, 1.0);
}

TEST(CrossCheckTest, PacketRunIsDeterministic) {
  ScenarioConfig config = testing::StaticSwarm(4, 30);
  config.network.fidelity = NetworkFidelity::kPacket;
  const RunResult a = testing::MustRun(config);
  const RunResult b = testing::MustRun(config);
  EXPECT_EQ(a.summary.events, b.summary.events);
  EXPECT_EQ(a.summary.cdn_bytes, b.summary.cdn_bytes);
  EXPECT_EQ(a.summary.p2p_bytes, b.summary.p2p_bytes);
  EXPECT_EQ(a.summary.cdn_egress_bytes, b.summary.cdn_egress_bytes);
  EXPECT_EQ(a.summary.startup_delay_p95_s, b.summary.startup_delay_p95_s);
  EXPECT_GT(a.summary.events, 10000u);
}

}  // namespace
}  // namespace cdnmesh
