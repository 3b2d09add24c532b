// Join times: order and bounds, constant-rate Poisson counts and dispersion, flash crowd shape,
// CSV rate curves, initial viewers and degenerate configurations.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "audience_test_util.h"
#include "models/audience/arrival-process.h"

namespace cdnmesh {
namespace {

using testing::BaseConfig;
using testing::CountJoins;
using testing::Generate;

AudienceConfig ConstantConfig(double rate_per_s, TimeUs start_us = 0, TimeUs end_us = 0) {
  AudienceConfig config = BaseConfig();
  config.arrivals.kind = ArrivalKind::kConstant;
  config.arrivals.rate_per_s = rate_per_s;
  config.arrivals.start_us = start_us;
  config.arrivals.end_us = end_us;
  return config;
}

TEST(Arrivals, JoinTimesNonDecreasingWithinBoundsAndIndexedInOrder) {
  AudienceConfig config = ConstantConfig(5.0, 30 * kUsPerSecond, 500 * kUsPerSecond);
  config.arrivals.initial_viewers = 300;
  config.arrivals.initial_join_window_us = 60 * kUsPerSecond;
  const TimeUs run_end_us = 400 * kUsPerSecond;
  const auto viewers = Generate(config, run_end_us);
  ASSERT_GT(viewers.size(), 1000u);
  for (std::size_t i = 0; i < viewers.size(); ++i) {
    EXPECT_EQ(viewers[i].index, static_cast<std::int64_t>(i));
    EXPECT_GE(viewers[i].join_us, 0);
    EXPECT_LT(viewers[i].join_us, run_end_us);
    if (i > 0) {
      ASSERT_LE(viewers[i - 1].join_us, viewers[i].join_us) << "at " << i;
    }
  }
  // Initial viewers and Poisson arrivals are interleaved between 30 s and 60 s.
  EXPECT_GT(CountJoins(viewers, 0, 30 * kUsPerSecond), 100);
  EXPECT_GT(CountJoins(viewers, 30 * kUsPerSecond, 60 * kUsPerSecond), 250);
}

TEST(Arrivals, ConstantRateCountWithinFiveSigmaAndPoissonDispersion) {
  const double rate_per_s = 20.0;
  const auto viewers = Generate(ConstantConfig(rate_per_s), testing::kHourUs);
  const double expected = rate_per_s * 3600.0;
  EXPECT_NEAR(static_cast<double>(viewers.size()), expected, 5.0 * std::sqrt(expected));
  // Counts in 10 s bins: variance / mean near 1 (Poisson), not 0 (regular) or >> 1 (bursty).
  std::vector<double> bins(360, 0.0);
  for (const ViewerSpec& v : viewers) bins[static_cast<std::size_t>(v.join_us / 10'000'000)] += 1;
  double mean = 0, var = 0;
  for (double b : bins) mean += b / bins.size();
  for (double b : bins) var += (b - mean) * (b - mean) / (bins.size() - 1);
  EXPECT_NEAR(var / mean, 1.0, 0.4);
}

TEST(Arrivals, ConstantRateRespectsStartAndEnd) {
  const TimeUs start_us = 100 * kUsPerSecond, end_us = 300 * kUsPerSecond;
  const auto viewers = Generate(ConstantConfig(10.0, start_us, end_us), testing::kHourUs);
  ASSERT_FALSE(viewers.empty());
  EXPECT_GE(viewers.front().join_us, start_us);
  EXPECT_LE(viewers.back().join_us, end_us);
  EXPECT_NEAR(static_cast<double>(viewers.size()), 2000.0, 5.0 * std::sqrt(2000.0));
}

AudienceConfig FlashConfig(std::int64_t viewers, double peak_fraction) {
  AudienceConfig config = BaseConfig();
  config.arrivals.kind = ArrivalKind::kFlashCrowd;
  config.arrivals.viewers = viewers;
  config.arrivals.start_us = 60 * kUsPerSecond;
  config.arrivals.ramp_us = 120 * kUsPerSecond;
  config.arrivals.peak_fraction = peak_fraction;
  return config;
}

TEST(Arrivals, FlashCrowdExactCountWithinRampPeakedAtMode) {
  const auto viewers = Generate(FlashConfig(100'000, 0.3), testing::kHourUs);
  ASSERT_EQ(viewers.size(), 100'000u);
  EXPECT_GE(viewers.front().join_us, 60 * kUsPerSecond);
  EXPECT_LE(viewers.back().join_us, 180 * kUsPerSecond);
  const TimeUs mode_us = 96 * kUsPerSecond;  // 60 s + 0.3 * 120 s
  const auto around_mode =
      CountJoins(viewers, mode_us - 20 * kUsPerSecond, mode_us + 20 * kUsPerSecond);
  const auto last_third = CountJoins(viewers, 140 * kUsPerSecond, 180 * kUsPerSecond + 1);
  EXPECT_GT(around_mode, 2 * last_third);
  // The fullest 10 s bin holds the mode.
  std::vector<std::int64_t> bins(12, 0);
  for (const ViewerSpec& v : viewers) {
    ++bins[std::min<std::size_t>(11, (v.join_us - 60 * kUsPerSecond) / (10 * kUsPerSecond))];
  }
  EXPECT_EQ(std::max_element(bins.begin(), bins.end()) - bins.begin(), 3);  // [90 s, 100 s)
  // Empirical CDF matches the triangular CDF (std of each point <= 0.0016).
  for (double x = 0.1; x < 0.95; x += 0.1) {
    const TimeUs t_us = 60 * kUsPerSecond + static_cast<TimeUs>(x * 120 * kUsPerSecond);
    const double empirical = static_cast<double>(CountJoins(viewers, 0, t_us)) / 1e5;
    EXPECT_NEAR(empirical, TriangularCdf(x, 0.3), 0.008) << "x = " << x;
  }
}

TEST(Arrivals, FlashCrowdCutByRunEndMatchesExpectation) {
  const AudienceConfig config = FlashConfig(50'000, 0.5);
  const TimeUs run_end_us = 120 * kUsPerSecond;  // half the ramp: half the viewers
  const auto viewers = Generate(config, run_end_us);
  EXPECT_NEAR(static_cast<double>(viewers.size()), 25'000.0, 5 * std::sqrt(50'000 * 0.25));
  EXPECT_LT(viewers.back().join_us, run_end_us);
  AudienceGenerator generator(config, {1.0}, 0, run_end_us);
  EXPECT_NEAR(generator.ExpectedArrivals(), 25'000.0, 1.0);
}

TEST(Arrivals, EvenlySpacedJoinsOnTheScheduleAndStopsAtRunEnd) {
  AudienceConfig config = BaseConfig();
  config.arrivals.kind = ArrivalKind::kEvenlySpaced;
  config.arrivals.viewers = 15;
  config.arrivals.start_us = 10 * kUsPerSecond;
  config.arrivals.ramp_us = 49'500'000;  // one every 3.3 s
  const auto viewers = Generate(config, testing::kHourUs);
  ASSERT_EQ(viewers.size(), 15u);
  for (std::size_t i = 0; i < viewers.size(); ++i) {
    EXPECT_EQ(viewers[i].join_us, 10 * kUsPerSecond + static_cast<TimeUs>(i) * 3'300'000);
  }
  // Cut by the run's end: arrivals at 10, 13.3, 16.6 and 19.9 s come before 20 s.
  const TimeUs run_end_us = 20 * kUsPerSecond;
  EXPECT_EQ(Generate(config, run_end_us).size(), 4u);
  AudienceGenerator generator(config, {1.0}, 0, run_end_us);
  EXPECT_DOUBLE_EQ(generator.ExpectedArrivals(), 4.0);
}

TEST(Arrivals, CsvCurveFollowsPiecewiseRatesWithZeroRateGap) {
  AudienceConfig config = BaseConfig();
  config.arrivals.kind = ArrivalKind::kCsv;
  config.arrivals.curve = {{50 * kUsPerSecond, 10.0},
                           {150 * kUsPerSecond, 0.0},
                           {250 * kUsPerSecond, 30.0},
                           {350 * kUsPerSecond, 5.0}};
  const TimeUs run_end_us = 450 * kUsPerSecond;
  const auto viewers = Generate(config, run_end_us);
  EXPECT_EQ(CountJoins(viewers, 0, 50 * kUsPerSecond), 0);  // before the first point
  EXPECT_EQ(CountJoins(viewers, 150 * kUsPerSecond, 250 * kUsPerSecond), 0);
  const std::vector<std::pair<TimeUs, double>> spans = {{50, 1000.0}, {250, 3000.0}, {350, 500.0}};
  for (const auto& [from_s, expected] : spans) {
    const auto count = CountJoins(viewers, from_s * kUsPerSecond, (from_s + 100) * kUsPerSecond);
    EXPECT_NEAR(static_cast<double>(count), expected, 5 * std::sqrt(expected)) << from_s;
  }
  EXPECT_LT(viewers.back().join_us, run_end_us);
  AudienceGenerator generator(config, {1.0}, 0, run_end_us);
  EXPECT_DOUBLE_EQ(generator.ExpectedArrivals(), 4500.0);
}

TEST(Arrivals, InitialViewersUniformOverWindowThenProcess) {
  AudienceConfig config = FlashConfig(1000, 0.3);
  config.arrivals.initial_viewers = 5000;
  config.arrivals.initial_join_window_us = 10 * kUsPerSecond;
  const auto viewers = Generate(config, testing::kHourUs);
  ASSERT_EQ(viewers.size(), 6000u);
  double mean_s = 0;
  for (int i = 0; i < 5000; ++i) {
    ASSERT_LE(viewers[i].join_us, 10 * kUsPerSecond);
    mean_s += UsToSeconds(viewers[i].join_us) / 5000;
  }
  EXPECT_NEAR(mean_s, 5.0, 5 * 10 / std::sqrt(12.0 * 5000));
  EXPECT_GE(viewers[5000].join_us, 60 * kUsPerSecond);
  EXPECT_NEAR(CountJoins(viewers, 0, 5 * kUsPerSecond), 2500.0, 5 * std::sqrt(1250.0));
}

TEST(Arrivals, DegenerateConfigsEndPromptly) {
  EXPECT_TRUE(Generate(ConstantConfig(0.0), testing::kHourUs).empty());
  EXPECT_TRUE(Generate(ConstantConfig(-3.0), testing::kHourUs).empty());
  EXPECT_TRUE(Generate(ConstantConfig(5.0, 200 * kUsPerSecond, 100 * kUsPerSecond),
                       testing::kHourUs)
                  .empty());                              // end before start
  EXPECT_TRUE(Generate(ConstantConfig(5.0), 0).empty());  // run of length 0
  EXPECT_TRUE(Generate(FlashConfig(0, 0.3), testing::kHourUs).empty());
  AudienceConfig csv = BaseConfig();
  csv.arrivals.kind = ArrivalKind::kCsv;
  EXPECT_TRUE(Generate(csv, testing::kHourUs).empty());  // no curve
  csv.arrivals.curve = {{0, 0.0}, {kUsPerSecond, 0.0}};
  EXPECT_TRUE(Generate(csv, testing::kHourUs).empty());
  // A zero-length ramp and window put everyone at their start.
  AudienceConfig flash = FlashConfig(100, 0.3);
  flash.arrivals.ramp_us = 0;
  flash.arrivals.initial_viewers = 10;
  flash.arrivals.initial_join_window_us = 0;
  const auto viewers = Generate(flash, testing::kHourUs);
  ASSERT_EQ(viewers.size(), 110u);
  EXPECT_EQ(viewers[9].join_us, 0);
  EXPECT_EQ(viewers[10].join_us, 60 * kUsPerSecond);
  EXPECT_EQ(viewers[109].join_us, 60 * kUsPerSecond);
}

TEST(Arrivals, ExpectedArrivalsCountsInitialViewersAndProcess) {
  AudienceConfig config = ConstantConfig(2.0, 0, 0);
  config.arrivals.initial_viewers = 100;
  AudienceGenerator generator(config, {1.0}, 0, 1000 * kUsPerSecond);
  EXPECT_DOUBLE_EQ(generator.ExpectedArrivals(), 2100.0);
  config.max_viewers = 500;
  AudienceGenerator capped(config, {1.0}, 0, 1000 * kUsPerSecond);
  EXPECT_DOUBLE_EQ(capped.ExpectedArrivals(), 500.0);
}

}  // namespace
}  // namespace cdnmesh
