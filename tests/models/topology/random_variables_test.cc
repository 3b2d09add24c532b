// ClampToDistribution / ClampedVariable / MakeRandomVariable: clamps at their thresholds,
// distribution shapes over many draws, and reproducibility from seed and stream.
#include <gtest/gtest.h>
#include <ns3/rng-seed-manager.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "models/common/random-variables.h"

namespace cdnmesh {
namespace {

constexpr double kEps = 1e-6;

class RandomVariablesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ns3::RngSeedManager::SetSeed(1);
    ns3::RngSeedManager::SetRun(1);
  }
};

std::vector<double> Draw(ClampedVariable& variable, int count) {
  std::vector<double> values;
  for (int i = 0; i < count; ++i) {
    values.push_back(variable.GetValue());
  }
  return values;
}

double Median(std::vector<double> values) {
  std::nth_element(values.begin(), values.begin() + values.size() / 2, values.end());
  return values[values.size() / 2];
}

double Mean(const std::vector<double>& values) {
  double sum = 0;
  for (double v : values) sum += v;
  return sum / static_cast<double>(values.size());
}

struct ClampCase {
  double input;
  double expected;
};

TEST_F(RandomVariablesTest, LognormalClampAtThresholds) {
  const DistributionConfig d = DistributionConfig::Lognormal(10.0, 1.0, 2.0, 50.0);
  const ClampCase cases[] = {
      {2.0 - kEps, 2.0},          {2.0, 2.0},   {2.0 + kEps, 2.0 + kEps}, {-5.0, 2.0},
      {50.0 - kEps, 50.0 - kEps}, {50.0, 50.0}, {50.0 + kEps, 50.0},      {1e12, 50.0},
  };
  for (const ClampCase& c : cases) {
    EXPECT_DOUBLE_EQ(ClampToDistribution(d, c.input), c.expected) << "input " << c.input;
  }
}

TEST_F(RandomVariablesTest, NoUpperClampWhenMaxIsZero) {
  DistributionConfig d = DistributionConfig::Lognormal(10.0, 1.0, 2.0, 0.0);
  EXPECT_DOUBLE_EQ(ClampToDistribution(d, 1e12), 1e12);
  EXPECT_DOUBLE_EQ(ClampToDistribution(d, 1.0), 2.0);
  d.kind = DistributionKind::kExponential;
  d.mean = 3.0;
  EXPECT_DOUBLE_EQ(ClampToDistribution(d, 1e12), 1e12);
  EXPECT_DOUBLE_EQ(ClampToDistribution(d, 0.5), 2.0);
}

TEST_F(RandomVariablesTest, ConstantIsNeverClamped) {
  DistributionConfig d = DistributionConfig::Constant(100.0);
  d.min = 200.0;
  d.max = 50.0;
  EXPECT_DOUBLE_EQ(ClampToDistribution(d, 100.0), 100.0);
  ClampedVariable variable(d);
  for (double v : Draw(variable, 100)) {
    ASSERT_EQ(v, 100.0);
  }
}

TEST_F(RandomVariablesTest, ClampedVariableRespectsClampsAndReachesThem) {
  // Median 10, sigma 1: about 16% of draws fall below 3.7 and 16% above 27; the clamp
  // [5, 20] must cut both tails, so both bounds are hit exactly and nothing lies outside.
  ClampedVariable variable(DistributionConfig::Lognormal(10.0, 1.0, 5.0, 20.0));
  variable.AssignStreams(7);
  const std::vector<double> values = Draw(variable, 5000);
  EXPECT_EQ(*std::min_element(values.begin(), values.end()), 5.0);
  EXPECT_EQ(*std::max_element(values.begin(), values.end()), 20.0);
  const auto at_low = std::count(values.begin(), values.end(), 5.0);
  const auto at_high = std::count(values.begin(), values.end(), 20.0);
  // P(X < 5) = Phi(-ln 2) = 0.244; P(X > 20) = 0.244.
  EXPECT_NEAR(static_cast<double>(at_low) / 5000.0, 0.244, 0.03);
  EXPECT_NEAR(static_cast<double>(at_high) / 5000.0, 0.244, 0.03);
}

TEST_F(RandomVariablesTest, LognormalMedianMatches) {
  ClampedVariable variable(DistributionConfig::Lognormal(50e6, 0.5, 0.0, 0.0));
  variable.AssignStreams(3);
  const std::vector<double> values = Draw(variable, 20000);
  EXPECT_NEAR(Median(values) / 50e6, 1.0, 0.02);
  // Mean of a lognormal: median * exp(sigma^2 / 2).
  EXPECT_NEAR(Mean(values) / (50e6 * std::exp(0.125)), 1.0, 0.02);
}

TEST_F(RandomVariablesTest, UniformStaysInRangeWithMidpointMean) {
  DistributionConfig d;
  d.kind = DistributionKind::kUniform;
  d.min = 10.0;
  d.max = 30.0;
  ClampedVariable variable(d);
  variable.AssignStreams(4);
  const std::vector<double> values = Draw(variable, 20000);
  EXPECT_GE(*std::min_element(values.begin(), values.end()), 10.0);
  EXPECT_LE(*std::max_element(values.begin(), values.end()), 30.0);
  EXPECT_NEAR(Mean(values), 20.0, 0.2);
}

TEST_F(RandomVariablesTest, ExponentialMeanMatches) {
  DistributionConfig d;
  d.kind = DistributionKind::kExponential;
  d.mean = 600.0;
  ClampedVariable variable(d);
  variable.AssignStreams(5);
  EXPECT_NEAR(Mean(Draw(variable, 40000)) / 600.0, 1.0, 0.02);
}

TEST_F(RandomVariablesTest, MakeRandomVariableMapsParameters) {
  DistributionConfig d = DistributionConfig::Lognormal(8.0, 0.0, 0.0, 0.0);
  EXPECT_NEAR(MakeRandomVariable(d)->GetValue(), 8.0, 1e-9);  // sigma 0: exactly the median
  EXPECT_EQ(MakeRandomVariable(DistributionConfig::Constant(4.5))->GetValue(), 4.5);
}

TEST_F(RandomVariablesTest, SameStreamSameDrawsOtherStreamDifferent) {
  const DistributionConfig d = DistributionConfig::Lognormal(10.0, 1.0, 0.0, 0.0);
  ClampedVariable a(d);
  ClampedVariable b(d);
  ClampedVariable c(d);
  EXPECT_EQ(a.AssignStreams(11), 1);
  b.AssignStreams(11);
  c.AssignStreams(12);
  const std::vector<double> va = Draw(a, 50);
  EXPECT_EQ(va, Draw(b, 50));
  EXPECT_NE(va, Draw(c, 50));
}

TEST_F(RandomVariablesTest, OtherRunGivesOtherDraws) {
  const DistributionConfig d = DistributionConfig::Lognormal(10.0, 1.0, 0.0, 0.0);
  ClampedVariable a(d);
  a.AssignStreams(11);
  const std::vector<double> run1 = Draw(a, 50);
  ns3::RngSeedManager::SetRun(2);
  ClampedVariable b(d);
  b.AssignStreams(11);
  EXPECT_NE(run1, Draw(b, 50));
}

}  // namespace
}  // namespace cdnmesh
