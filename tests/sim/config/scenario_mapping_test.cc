// A full scenario maps every section onto the right ScenarioConfig fields, with unit conversions.
#include <gtest/gtest.h>

#include "config_test_util.h"
#include "full_scenario.h"

namespace cdnmesh {
namespace {

constexpr int kDesktop = static_cast<int>(DeviceClass::kDesktop);
constexpr int kTv = static_cast<int>(DeviceClass::kTv);
constexpr int kCellular = static_cast<int>(DeviceClass::kMobileCellular);

class FullScenarioTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const std::string name =
        std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()) + ".csv";
    csv_path_ = WriteTempFile(name, "time_s,rate_per_s\n0,1\n60,5.5\n120,0\n");
    config_ = LoadOk(FullScenarioYaml(TempName(name)));  // relative to the scenario's dir
  }
  std::string csv_path_;
  ScenarioConfig config_;
};

TEST_F(FullScenarioTest, RunAndStream) {
  const ScenarioConfig& c = config_;
  EXPECT_EQ(c.name, "full");
  EXPECT_EQ(c.run.seed, 42u);
  EXPECT_EQ(c.run.duration_us, 900'000'000);
  EXPECT_EQ(c.run.timeseries_interval_us, 5'000'000);
  EXPECT_EQ(c.run.live_on_air_us, 120'000'000);
  const StreamConfig& s = c.stream.stream;
  EXPECT_FALSE(s.live);
  EXPECT_EQ(s.segment_duration_us, 2'000'000);
  EXPECT_EQ(s.playlist_window_segments, 8);
  EXPECT_DOUBLE_EQ(s.size_jitter_ratio, 0.1);
  EXPECT_EQ(c.stream.vod_duration_us, 61'000'000);
  EXPECT_EQ(s.vod_segment_count, 31);  // ceil(61 / 2)
  ASSERT_EQ(s.ladder.size(), 2u);
  EXPECT_EQ(s.ladder[0].bitrate_bps, 1'000'000);  // 1e6 accepted for an integer
  EXPECT_EQ(s.ladder[1].height_px, 1080);
  EXPECT_EQ(c.audience.catalog.titles, 50);
  EXPECT_DOUBLE_EQ(c.audience.catalog.zipf_exponent, 1.1);
}

TEST_F(FullScenarioTest, Audience) {
  const AudienceConfig& a = config_.audience;
  EXPECT_EQ(a.arrivals.kind, ArrivalKind::kCsv);
  EXPECT_DOUBLE_EQ(a.arrivals.rate_per_s, 2.0);
  EXPECT_EQ(a.arrivals.start_us, 1'000'000);
  EXPECT_EQ(a.arrivals.end_us, 800'000'000);
  EXPECT_EQ(a.arrivals.viewers, 10);
  EXPECT_EQ(a.arrivals.ramp_us, 30'000'000);
  EXPECT_DOUBLE_EQ(a.arrivals.peak_fraction, 0.5);
  EXPECT_EQ(a.arrivals.csv_path, csv_path_);
  ASSERT_EQ(a.arrivals.curve.size(), 3u);
  EXPECT_EQ(a.arrivals.curve[1].first, 60'000'000);
  EXPECT_DOUBLE_EQ(a.arrivals.curve[1].second, 5.5);
  EXPECT_EQ(a.arrivals.initial_viewers, 100);
  EXPECT_EQ(a.arrivals.initial_join_window_us, 20'000'000);
  EXPECT_EQ(a.max_viewers, 5000);
  EXPECT_EQ(a.session.kind, SessionKind::kLognormal);
  EXPECT_EQ(a.session.mean_us, 600'000'000);
  EXPECT_EQ(a.session.median_us, 400'000'000);
  EXPECT_DOUBLE_EQ(a.session.sigma, 1.2);
  EXPECT_EQ(a.session.min_us, 5'000'000);
  EXPECT_DOUBLE_EQ(a.device_mix[kTv], 2.0);
  EXPECT_DOUBLE_EQ(a.device_mix[kCellular], 4.0);
  EXPECT_DOUBLE_EQ(a.nat_mix[static_cast<int>(NatType::kSymmetric)], 1.0);
  EXPECT_EQ(a.vod_start.kind, VodStartKind::kExponential);
  EXPECT_EQ(a.vod_start.mean_us, 120'000'000);
}

TEST_F(FullScenarioTest, TopologyAndAccess) {
  const TopologyConfig& t = config_.topology;
  ASSERT_EQ(t.isps.size(), 2u);
  const IspConfig& orange = t.isps[0];
  EXPECT_EQ(orange.name, "orange");
  EXPECT_DOUBLE_EQ(orange.center.latitude_deg, 48.85);
  EXPECT_DOUBLE_EQ(orange.radius_km, 400.0);
  EXPECT_EQ(orange.access_latency_us, 12'000);
  EXPECT_EQ(orange.core_latency_us, 4'000);
  EXPECT_EQ(orange.pop, "paris");
  EXPECT_EQ(orange.access[kDesktop].down_bps.kind, DistributionKind::kConstant);
  EXPECT_DOUBLE_EQ(orange.access[kDesktop].down_bps.value, 100e6);
  EXPECT_EQ(orange.access[kDesktop].up_bps.kind, DistributionKind::kUniform);
  EXPECT_DOUBLE_EQ(orange.access[kDesktop].up_bps.max, 20e6);
  // A map with a new kind keeps unspecified clamps of the default (min 2e6).
  EXPECT_EQ(orange.access[kTv].down_bps.kind, DistributionKind::kExponential);
  EXPECT_DOUBLE_EQ(orange.access[kTv].down_bps.mean, 30e6);
  EXPECT_DOUBLE_EQ(orange.access[kTv].down_bps.min, 2e6);
  EXPECT_DOUBLE_EQ(orange.access[kTv].down_bps.max, 200e6);
  EXPECT_DOUBLE_EQ(orange.access[kCellular].up_bps.value, 1e6);
  EXPECT_EQ(t.pop_selection, PopSelection::kNearest);
  ASSERT_EQ(t.pops.size(), 2u);
  EXPECT_EQ(t.pops[0].egress_bps, 10'000'000'000);
  EXPECT_EQ(t.pops[0].peering_latency_us, 3'000);
  EXPECT_EQ(t.pops[0].peering_capacity_bps, 40'000'000'000);
  EXPECT_DOUBLE_EQ(t.pops[0].location.longitude_deg, 2.3);
  EXPECT_EQ(t.transit.capacity_bps, 1'000'000'000);
  EXPECT_EQ(t.transit.latency_us, 25'000);
  EXPECT_DOUBLE_EQ(t.transit.cost_per_gb, 0.01);
  EXPECT_EQ(t.transport.cdn_window_bytes, 8388608);
  EXPECT_EQ(t.transport.request_round_trips, 2);
}

TEST_F(FullScenarioTest, ClientConfig) {
  const PeerConfig& p = config_.peer;
  EXPECT_TRUE(p.scheduler.p2p_enabled);
  EXPECT_EQ(p.max_connections, 12);
  EXPECT_EQ(p.scheduler.urgent_window_us, 8'000'000);
  EXPECT_EQ(p.scheduler.p2p_window_us, 40'000'000);
  EXPECT_EQ(p.scheduler.min_buffer_us, 3'500'000);
  EXPECT_TRUE(p.scheduler.race_on_fallback);
  EXPECT_EQ(p.scheduler.peer_busy_backoff_us, 750'000);
  EXPECT_EQ(p.scheduler.cdn_retry_backoff_us, 250'000);
  EXPECT_EQ(p.scheduler.default_peer_throughput_bps, 3'000'000);
  EXPECT_FALSE(p.scheduler.cdn_seeding_enabled);
  EXPECT_EQ(p.scheduler.seeding_jitter_us, 300'000);
  EXPECT_EQ(p.scheduler.upload_cap_bytes, 1'000'000'000);
  EXPECT_EQ(p.scheduler.announce_interval_us, 15'000'000);
  EXPECT_EQ(p.player.startup_buffer_us, 2'000'000);
  EXPECT_EQ(p.player.live_start_behind_edge_segments, 2);
  EXPECT_EQ(p.abr, AbrKind::kBuffer);
  EXPECT_DOUBLE_EQ(p.throughput_abr.fast_half_life_s, 2.0);
  EXPECT_EQ(p.throughput_abr.default_estimate_bps, 1'000'000);
  EXPECT_EQ(p.buffer_abr.reservoir_us, 5'000'000);
  EXPECT_EQ(p.buffer_abr.cushion_us, 10'000'000);
}

TEST_F(FullScenarioTest, Services) {
  const ScenarioConfig& c = config_;
  EXPECT_EQ(c.tracker.policy, "same_isp");
  EXPECT_EQ(c.tracker.peers_per_request, 15);
  EXPECT_EQ(c.tracker.latency_us, 20'000);
  EXPECT_EQ(c.tracker.matching.nearest.max_cells_opened, 100);
  EXPECT_FALSE(c.tracker.matching.capacity.include_non_uploaders);
  EXPECT_DOUBLE_EQ(c.tracker.matching.hybrid.isp_weight, 0.5);
  EXPECT_EQ(c.tracker.matching.hybrid.capacity_half_bps, 4'000'000);
  EXPECT_EQ(c.tracker.matching.hybrid.pool_multiplier, 4);
  EXPECT_EQ(c.signaling.latency_us, 50'000);
  EXPECT_EQ(c.signaling.dtls_round_trips, 1);
  EXPECT_DOUBLE_EQ(c.signaling.traversal_success_probability, 0.9);
  EXPECT_EQ(c.signaling.ice_failure_timeout_us, 12'000'000);
  EXPECT_EQ(c.distributor.latency_us, 60'000);
}

TEST_F(FullScenarioTest, Failures) {
  const FailureConfig& f = config_.failures;
  EXPECT_DOUBLE_EQ(f.vanish_fraction, 0.25);
  EXPECT_EQ(f.dead_channel_timeout_us, 20'000'000);
  EXPECT_EQ(f.service_detection_us, 45'000'000);
  EXPECT_DOUBLE_EQ(f.stall.per_hour, 6);
  EXPECT_EQ(f.stall.mean_duration_us, 4'000'000);
  EXPECT_DOUBLE_EQ(f.background_upload.per_hour, 2);
  EXPECT_EQ(f.background_upload.mean_duration_us, 90'000'000);
  EXPECT_DOUBLE_EQ(f.background_upload_share, 0.75);
}

TEST_F(FullScenarioTest, DistributorOverridesStartFromTheBaseConfig) {
  const auto& overrides = config_.distributor.overrides;
  ASSERT_EQ(overrides.size(), 2u);
  EXPECT_EQ(overrides[0].device, DeviceClass::kMobileCellular);
  EXPECT_FALSE(overrides[0].isp.has_value());
  EXPECT_EQ(overrides[0].config.scheduler.upload_slots, 0);
  EXPECT_FALSE(overrides[0].config.scheduler.p2p_enabled);
  // Everything not set is the base config (given after `distributor` in document order or not).
  EXPECT_EQ(overrides[0].config.scheduler.urgent_window_us, 8'000'000);
  EXPECT_EQ(overrides[0].config.abr, AbrKind::kBuffer);
  EXPECT_EQ(overrides[1].isp, std::optional<std::string>("free"));
  EXPECT_FALSE(overrides[1].device.has_value());
  EXPECT_EQ(overrides[1].config.abr, AbrKind::kThroughput);
  EXPECT_EQ(overrides[1].config.scheduler.urgent_window_us, 10'000'000);
  EXPECT_EQ(overrides[1].config.scheduler.upload_slots, 6);
}

TEST(ScenarioMappingTest, OverridesSeeBaseConfigGivenAfterThem) {
  const ScenarioConfig c = LoadOk(
      "distributor: {overrides: [{set: {p2p.enabled: false}}]}\n"
      "scheduler: {upload_slots: 9}\n");
  ASSERT_EQ(c.distributor.overrides.size(), 1u);
  EXPECT_EQ(c.distributor.overrides[0].config.scheduler.upload_slots, 9);
  EXPECT_FALSE(c.distributor.overrides[0].config.scheduler.p2p_enabled);
}

TEST(ScenarioMappingTest, DottedKeysAreAcceptedLikeNestedOnes) {
  const ScenarioConfig c = LoadOk(
      "scheduler.upload_slots: 2\nrun: {duration_s: 0.5}\n"
      "run.timeseries_interval_s: 0.25\n");
  EXPECT_EQ(c.peer.scheduler.upload_slots, 2);
  EXPECT_EQ(c.run.duration_us, 500'000);
  EXPECT_EQ(c.run.timeseries_interval_us, 250'000);
}

TEST(ScenarioMappingTest, LoadScenarioFileResolvesCsvAgainstTheFile) {
  WriteTempFile("file_curve.csv", "time_s, rate_per_s\r\n# comment\n\n0, 2\r\n");
  const std::string path =
      WriteTempFile("file_scenario.yaml",
                    "audience: {arrivals: {kind: csv, csv: " + TempName("file_curve.csv") + "}}\n");
  const Result<ScenarioConfig> c = LoadScenarioFile(path);
  ASSERT_TRUE(c.ok()) << c.error().message;
  ASSERT_EQ(c.value().audience.arrivals.curve.size(), 1u);
  EXPECT_DOUBLE_EQ(c.value().audience.arrivals.curve[0].second, 2.0);
}

}  // namespace
}  // namespace cdnmesh
