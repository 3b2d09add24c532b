#include <gtest/gtest.h>

#include <cmath>
#include <memory>
#include <ostream>
#include <string>

#include "core/player/abr.h"
#include "core/stream/stream.h"

namespace cdnmesh {
namespace {

constexpr DurationUs kSec = kUsPerSecond;

// Feeds `seconds` of downloads at `bps`, as samples of `sample_us` each.
void Feed(AbrPolicy& abr, double bps, double seconds, DurationUs sample_us = kSec) {
  const auto samples = static_cast<int>(std::lround(seconds * kSec / sample_us));
  for (int i = 0; i < samples; ++i) {
    const auto bytes = static_cast<std::int64_t>(bps * UsToSeconds(sample_us) / 8.0);
    abr.OnDownloadSample(0, bytes, sample_us);
  }
}

AbrContext WithCurrent(RenditionIndex current) {
  AbrContext context;
  context.current = current;
  return context;
}

TEST(ThroughputAbrTest, ValidationNamesTheField) {
  EXPECT_TRUE(ValidateThroughputAbrConfig(ThroughputAbrConfig{}).ok());
  const auto message = [](auto mutate) {
    ThroughputAbrConfig config;
    mutate(config);
    return ValidateThroughputAbrConfig(config).message();
  };
  EXPECT_NE(message([](auto& c) { c.fast_half_life_s = 0; }).find("fast_half_life_s"),
            std::string::npos);
  EXPECT_NE(message([](auto& c) { c.slow_half_life_s = NAN; }).find("slow_half_life_s"),
            std::string::npos);
  EXPECT_NE(message([](auto& c) { c.default_estimate_bps = 0; }).find("default_estimate_bps"),
            std::string::npos);
  EXPECT_NE(message([](auto& c) { c.min_sample_weight_s = -1; }).find("min_sample_weight_s"),
            std::string::npos);
  EXPECT_NE(message([](auto& c) { c.bandwidth_factor = 1.5; }).find("bandwidth_factor"),
            std::string::npos);
  EXPECT_NE(message([](auto& c) { c.bandwidth_up_factor = 0; }).find("bandwidth_up_factor"),
            std::string::npos);
}

TEST(ThroughputAbrTest, UsesDefaultEstimateUntilEnoughSampleWeight) {
  const Stream stream{StreamConfig{}};
  ThroughputAbrConfig config;
  config.default_estimate_bps = 1'234'567;
  config.min_sample_weight_s = 0.25;
  struct Case {
    DurationUs total_us;
    bool trusted;
  };
  for (const Case c : {Case{250'000 - 1, false}, Case{250'000, true}, Case{250'000 + 1, true}}) {
    auto abr = MakeThroughputAbr(stream, config);
    EXPECT_EQ(abr->EstimatedThroughputBps(), 1'234'567);
    abr->OnDownloadSample(0, 100'000, 125'000);  // 6.4 Mbps, 0.125 s
    abr->OnDownloadSample(0, 100'000, c.total_us - 125'000);
    const std::int64_t estimate = abr->EstimatedThroughputBps();
    if (c.trusted) {
      EXPECT_NEAR(estimate, 6'400'000, 100) << c.total_us;
    } else {
      EXPECT_EQ(estimate, 1'234'567) << c.total_us;
    }
  }
}

// The defaults follow hls.js: the first sample is trusted (a viewer on a fast path does not
// play the lowest rung until it has spent 0.25 s downloading), and a download shorter than
// 50 ms counts as 50 ms (a tiny object says little about the path).
TEST(ThroughputAbrTest, DefaultsTrustTheFirstSampleAndFloorItsDuration) {
  const Stream stream{StreamConfig{}};  // 0.8 / 2.5 / 5 Mbit/s
  struct Case {
    DurationUs took_us;
    std::int64_t expected_bps;
  };
  for (const Case c : {Case{49'999, 32'000'000}, Case{50'000, 32'000'000},
                       Case{50'001, 31'999'360}, Case{400'000, 4'000'000}}) {
    auto abr = MakeThroughputAbr(stream, ThroughputAbrConfig{});
    EXPECT_EQ(abr->EstimatedThroughputBps(), 500'000);
    abr->OnDownloadSample(0, 200'000, c.took_us);
    EXPECT_NEAR(abr->EstimatedThroughputBps(), c.expected_bps, 2) << c.took_us;
  }
  auto abr = MakeThroughputAbr(stream, ThroughputAbrConfig{});
  abr->OnDownloadSample(0, 200'000, 40'000);  // one CDN segment over a fast path
  EXPECT_EQ(abr->ChooseRendition(WithCurrent(0)), 2);
}

TEST(ThroughputAbrTest, ConvergesToAConstantThroughput) {
  const Stream stream{StreamConfig{}};
  auto abr = MakeThroughputAbr(stream, ThroughputAbrConfig{});
  Feed(*abr, 1e6, 5);
  Feed(*abr, 7e6, 30, 500'000);
  EXPECT_NEAR(abr->EstimatedThroughputBps(), 7e6, 7e6 * 0.1);
  Feed(*abr, 7e6, 120, 500'000);
  EXPECT_NEAR(abr->EstimatedThroughputBps(), 7e6, 100);
}

TEST(ThroughputAbrTest, FastAverageFollowsADropWithinItsHalfLife) {
  const Stream stream{StreamConfig{}};
  auto abr = MakeThroughputAbr(stream, ThroughputAbrConfig{});  // half-lives 3 s and 9 s
  Feed(*abr, 8e6, 200);
  Feed(*abr, 4e6, 3);  // one fast half-life at half the rate: fast = 6 Mbps, slow ~7.17 Mbps
  EXPECT_NEAR(abr->EstimatedThroughputBps(), 6e6, 6e6 * 0.001);
}

TEST(ThroughputAbrTest, SlowAverageHoldsBackARise) {
  const Stream stream{StreamConfig{}};
  auto abr = MakeThroughputAbr(stream, ThroughputAbrConfig{});
  Feed(*abr, 4e6, 200);
  Feed(*abr, 8e6, 9);  // one slow half-life: slow = 6 Mbps, fast = 7.5 Mbps
  EXPECT_NEAR(abr->EstimatedThroughputBps(), 6e6, 6e6 * 0.001);
}

TEST(ThroughputAbrTest, SamplesAreWeightedByDownloadDuration) {
  const Stream stream{StreamConfig{}};
  auto one_long = MakeThroughputAbr(stream, ThroughputAbrConfig{});
  auto two_short = MakeThroughputAbr(stream, ThroughputAbrConfig{});
  Feed(*one_long, 2e6, 20);
  Feed(*two_short, 2e6, 20);
  one_long->OnDownloadSample(0, 2'000'000, 2 * kSec);  // 8 Mbps for 2 s
  two_short->OnDownloadSample(0, 1'000'000, kSec);
  two_short->OnDownloadSample(0, 1'000'000, kSec);
  EXPECT_NEAR(one_long->EstimatedThroughputBps(), two_short->EstimatedThroughputBps(), 1);
  // A very short burst barely moves the estimate.
  auto burst = MakeThroughputAbr(stream, ThroughputAbrConfig{});
  Feed(*burst, 2e6, 20);
  burst->OnDownloadSample(0, 125'000, 10'000);  // 100 Mbps for 10 ms
  EXPECT_LT(burst->EstimatedThroughputBps(), 2'300'000);
  EXPECT_GT(burst->EstimatedThroughputBps(), 2'000'000);
}

TEST(ThroughputAbrTest, IgnoresEmptySamplesAndSurvivesZeroDuration) {
  const Stream stream{StreamConfig{}};
  auto abr = MakeThroughputAbr(stream, ThroughputAbrConfig{});
  abr->OnDownloadSample(0, 0, kSec);
  EXPECT_EQ(abr->EstimatedThroughputBps(), ThroughputAbrConfig{}.default_estimate_bps);
  Feed(*abr, 3e6, 10);
  abr->OnDownloadSample(0, 1000, 0);
  EXPECT_GT(abr->EstimatedThroughputBps(), 0);
}

struct RungCase {
  std::int64_t estimate_bps;
  RenditionIndex current;
  RenditionIndex expected;
};

std::ostream& operator<<(std::ostream& os, const RungCase& c) {
  return os << "estimate_bps=" << c.estimate_bps << " current=" << c.current
            << " expected=" << c.expected;
}

// Ladder 0.8 / 2.5 / 5 Mbps; factor 1.0 to stay or go down, 0.5 to go up; the estimate is the
// default one (no samples), so every threshold is exact.
class ThroughputRungTest : public ::testing::TestWithParam<RungCase> {};

TEST_P(ThroughputRungTest, PicksHighestAffordableRung) {
  const RungCase c = GetParam();
  const Stream stream{StreamConfig{}};
  ThroughputAbrConfig config;
  config.default_estimate_bps = c.estimate_bps;
  config.bandwidth_factor = 1.0;
  config.bandwidth_up_factor = 0.5;
  auto abr = MakeThroughputAbr(stream, config);
  EXPECT_EQ(abr->ChooseRendition(WithCurrent(c.current)), c.expected);
}

INSTANTIATE_TEST_SUITE_P(
    Thresholds, ThroughputRungTest,
    ::testing::Values(
        // Going up from 0 needs bitrate <= estimate * 0.5.
        RungCase{5'000'000 - 1, 0, 0}, RungCase{5'000'000, 0, 1}, RungCase{5'000'000 + 1, 0, 1},
        RungCase{10'000'000 - 1, 0, 1}, RungCase{10'000'000, 0, 2},
        // Staying on 2 needs bitrate <= estimate * 1.0; below that, go down.
        RungCase{5'000'000 - 1, 2, 1}, RungCase{5'000'000, 2, 2}, RungCase{5'000'000 + 1, 2, 2},
        RungCase{2'500'000 - 1, 2, 0}, RungCase{2'500'000, 2, 1},
        // From 1: staying uses 1.0, going up to 2 uses 0.5.
        RungCase{2'500'000, 1, 1}, RungCase{9'999'999, 1, 1}, RungCase{10'000'000, 1, 2},
        // Nothing affordable: the lowest rung.
        RungCase{100'000, 2, 0}));

TEST(ThroughputAbrTest, DefaultFactorsFollowHlsJs) {
  const Stream stream{StreamConfig{}};  // 0.8 / 2.5 / 5 Mbps
  ThroughputAbrConfig config;
  config.default_estimate_bps = 4'000'000;  // up: 4 * 0.7 = 2.8 >= 2.5; stay on 2: 3.8 < 5
  auto abr = MakeThroughputAbr(stream, config);
  EXPECT_EQ(abr->ChooseRendition(WithCurrent(0)), 1);
  EXPECT_EQ(abr->ChooseRendition(WithCurrent(2)), 1);
  config.default_estimate_bps = 3'500'000;  // up: 2.45 < 2.5; stay on 1: 3.325 >= 2.5
  abr = MakeThroughputAbr(stream, config);
  EXPECT_EQ(abr->ChooseRendition(WithCurrent(0)), 0);
  EXPECT_EQ(abr->ChooseRendition(WithCurrent(1)), 1);
}

}  // namespace
}  // namespace cdnmesh
