// The building blocks with scripted draws: sorted uniforms, the piecewise Poisson process, the
// categorical sampler and the triangular quantile.
#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <vector>

#include "models/audience/arrival-process.h"
#include "models/audience/categorical-sampler.h"
#include "models/audience/piecewise-poisson-process.h"
#include "models/audience/sorted-uniform-sequence.h"

namespace cdnmesh {
namespace {

TEST(SortedUniformSequence, ProducesCountSortedValuesWithOrderStatisticMeans) {
  constexpr int kCount = 9, kTrials = 20'000;
  std::mt19937_64 rng(3);
  std::uniform_real_distribution<double> uniform(0.0, 1.0);
  std::vector<double> mean(kCount, 0.0);
  for (int t = 0; t < kTrials; ++t) {
    SortedUniformSequence seq(kCount);
    double last = 0.0, x = 0.0;
    for (int k = 0; k < kCount; ++k) {
      ASSERT_TRUE(seq.Next(uniform(rng), &x));
      ASSERT_GE(x, last);
      ASSERT_LE(x, 1.0);
      mean[k] += x / kTrials;
      last = x;
    }
    ASSERT_FALSE(seq.Next(0.5, &x));
  }
  // E[k-th of n] = k / (n + 1); std of each mean <= 0.5 / sqrt(kTrials) = 0.0035.
  for (int k = 0; k < kCount; ++k) EXPECT_NEAR(mean[k], (k + 1) / 10.0, 0.012) << k;
}

TEST(SortedUniformSequence, NegativeCountIsEmpty) {
  SortedUniformSequence seq(-4);
  double x = 0.0;
  EXPECT_FALSE(seq.Next(0.5, &x));
  EXPECT_EQ(seq.Remaining(), 0);
}

TEST(PiecewisePoissonProcess, HazardSpentAcrossPiecesSkippingZeroRates) {
  // 1/s on [0, 10 s), 0 on [10 s, 20 s), 2/s on [20 s, 30 s).
  PiecewisePoissonProcess process({{0, 1.0}, {10 * kUsPerSecond, 0.0}, {20 * kUsPerSecond, 2.0}},
                                  30 * kUsPerSecond);
  EXPECT_DOUBLE_EQ(process.ExpectedCount(), 30.0);
  double t_us = 0.0;
  ASSERT_TRUE(process.Next(4.0, &t_us));
  EXPECT_NEAR(t_us, 4e6, 1e-6);
  ASSERT_TRUE(process.Next(8.0, &t_us));  // 6 units to 10 s, then 2 units at 2/s: 21 s
  EXPECT_NEAR(t_us, 21e6, 1e-6);
  ASSERT_TRUE(process.Next(17.0, &t_us));  // 29.5 s
  EXPECT_NEAR(t_us, 29.5e6, 1e-6);
  EXPECT_FALSE(process.Next(1.0, &t_us));  // 30 s is the end
  EXPECT_FALSE(process.Next(0.0, &t_us));
}

TEST(PiecewisePoissonProcess, UnsortedPointsAreSortedAndClippedToEnd) {
  PiecewisePoissonProcess process({{10 * kUsPerSecond, 3.0}, {0, 1.0}}, 15 * kUsPerSecond);
  EXPECT_DOUBLE_EQ(process.ExpectedCount(), 10.0 + 15.0);
}

TEST(CategoricalSampler, BoundariesAndZeroWeights) {
  const CategoricalSampler sampler({0.0, 1.0, 0.0, 3.0, 0.0});
  EXPECT_EQ(sampler.Sample(0.0), 1u);
  EXPECT_EQ(sampler.Sample(0.2499), 1u);
  EXPECT_EQ(sampler.Sample(0.25), 3u);
  EXPECT_EQ(sampler.Sample(0.9999999), 3u);
  EXPECT_EQ(sampler.Sample(1.0), 3u);  // never the zero-weight tail
  EXPECT_DOUBLE_EQ(sampler.Probability(3), 0.75);
  EXPECT_DOUBLE_EQ(sampler.Probability(4), 0.0);
}

TEST(CategoricalSampler, DegenerateWeightsFallBackToUniform) {
  const CategoricalSampler zeros({0.0, 0.0, -1.0, NAN});
  EXPECT_EQ(zeros.Size(), 4u);
  EXPECT_EQ(zeros.Sample(0.6), 2u);
  const CategoricalSampler empty({});
  EXPECT_EQ(empty.Size(), 1u);
  EXPECT_EQ(empty.Sample(0.7), 0u);
}

TEST(CategoricalSampler, ZipfProbabilities) {
  const CategoricalSampler zipf = CategoricalSampler::Zipf(3, 1.0);
  const double h = 1.0 + 0.5 + 1.0 / 3.0;
  EXPECT_DOUBLE_EQ(zipf.Probability(0), 1.0 / h);
  EXPECT_NEAR(zipf.Probability(2), 1.0 / 3.0 / h, 1e-12);
  EXPECT_EQ(CategoricalSampler::Zipf(0, 0.8).Size(), 1u);
}

TEST(Triangular, QuantileInvertsCdf) {
  for (double mode : {0.0, 0.3, 1.0}) {
    for (double p = 0.0; p <= 1.0; p += 0.05) {
      EXPECT_NEAR(TriangularCdf(TriangularQuantile(p, mode), mode), p, 1e-12) << mode;
    }
  }
  EXPECT_DOUBLE_EQ(TriangularQuantile(0.3, 0.3), 0.3);  // P(X < mode) = mode
}

}  // namespace
}  // namespace cdnmesh
