// Numbers are read and written the same whatever the process's C locale: a Python program that
// called setlocale(LC_ALL, "de_DE") made strtod reject every "0.25" and accept "0,25".
#include <gtest/gtest.h>

#include <cstdio>

#include "config_test_util.h"
#include "locale_test_util.h"
#include "sim/config/arrival-csv.h"
#include "sim/config/number-text.h"
#include "sim/config/value-format.h"

namespace cdnmesh {
namespace {

class LocaleTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(locale_.active()) << "cannot build de_DE.UTF-8 (install the `locales` package)";
    char comma[16];
    std::snprintf(comma, sizeof comma, "%.1f", 0.5);
    ASSERT_STREQ(comma, "0,5") << "the locale should use a decimal comma";
  }
  GermanLocale locale_;
};

TEST_F(LocaleTest, ScenarioDecimalsAreRead) {
  const ScenarioConfig c = LoadOk("run: {duration_s: 20.25}\nstream: {size_jitter_ratio: 0.125}");
  EXPECT_EQ(c.run.duration_us, 20'250'000);
  EXPECT_DOUBLE_EQ(c.stream.stream.size_jitter_ratio, 0.125);
}

TEST_F(LocaleTest, DecimalCommaIsNotANumber) {
  EXPECT_NE(LoadError("run: {duration_s: '0,25'}").find("run.duration_s"), std::string::npos);
  EXPECT_NE(LoadError("run:\n  duration_s: 0,25\n").find("expected a number"), std::string::npos);
}

TEST_F(LocaleTest, ArrivalCurveDecimalsAreRead) {
  const Result<ArrivalCurve> curve = ParseArrivalCurve("time_s,rate_per_s\n0.5,1.5\n", "c.csv");
  ASSERT_TRUE(curve.ok()) << curve.error().message;
  EXPECT_EQ(curve.value()[0].first, 500'000);
  EXPECT_DOUBLE_EQ(curve.value()[0].second, 1.5);
}

TEST_F(LocaleTest, NumbersAreWrittenWithADecimalPoint) {
  EXPECT_EQ(FormatNumber(0.25), "0.25");
  EXPECT_EQ(FormatGeneral(1234.5678, 6), "1234.57");
  EXPECT_EQ(FormatFixed(2.5, 2), "2.50");
}

TEST(NumberText, MatchesPrintfInTheCLocale) {
  for (const double v : {0.0, 1.0, -2.5, 1e-7, 123456789.0, 1e300, 0.1, 2.0 / 3}) {
    char expected[64];
    std::snprintf(expected, sizeof expected, "%.6g", v);
    EXPECT_EQ(FormatGeneral(v, 6), expected) << v;
  }
  EXPECT_EQ(ParseDecimal("1e9"), 1e9);
  EXPECT_EQ(ParseDecimal("+0.5"), 0.5);
  EXPECT_FALSE(ParseDecimal("0,5"));
  EXPECT_FALSE(ParseDecimal(" 1"));
  EXPECT_FALSE(ParseDecimal("1e999"));
  EXPECT_EQ(ParseInteger("-12"), -12);
  EXPECT_FALSE(ParseInteger("99999999999999999999"));
}

}  // namespace
}  // namespace cdnmesh
