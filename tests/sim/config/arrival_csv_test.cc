// The CSV arrival curve: parsing and errors naming file:line.
#include <gtest/gtest.h>

#include "config_test_util.h"
#include "sim/config/arrival-csv.h"

namespace cdnmesh {
namespace {

TEST(ArrivalCsvTest, ParsesRowsInMicroseconds) {
  const Result<ArrivalCurve> curve =
      ParseArrivalCurve("time_s,rate_per_s\n0,1.5\n0.5,2\n0.5,0\n", "c.csv");
  ASSERT_TRUE(curve.ok()) << curve.error().message;
  ASSERT_EQ(curve.value().size(), 3u);
  EXPECT_EQ(curve.value()[1].first, 500'000);
  EXPECT_DOUBLE_EQ(curve.value()[0].second, 1.5);
  EXPECT_DOUBLE_EQ(curve.value()[2].second, 0.0);
}

struct CsvCase {
  const char* text;
  const char* expected;
};

void PrintTo(const CsvCase& c, std::ostream* os) { *os << c.expected; }

class ArrivalCsvErrorTest : public ::testing::TestWithParam<CsvCase> {};

TEST_P(ArrivalCsvErrorTest, NamesFileAndLine) {
  const Result<ArrivalCurve> curve = ParseArrivalCurve(GetParam().text, "c.csv");
  ASSERT_FALSE(curve.ok());
  EXPECT_NE(curve.error().message.find(GetParam().expected), std::string::npos)
      << curve.error().message;
}

INSTANTIATE_TEST_SUITE_P(
    BadCsv, ArrivalCsvErrorTest,
    ::testing::Values(
        CsvCase{"time,rate\n0,1\n", "c.csv:1: expected the header"},
        CsvCase{"time_s,rate_per_s\n0,1\n10,x\n", "c.csv:3: rate_per_s: not a number"},
        CsvCase{"time_s,rate_per_s\n0,1\n\n10,-1\n", "c.csv:4: rate_per_s: -1 viewers/s is out of range; allowed: [0, 1e6] viewers/s"},
        CsvCase{"time_s,rate_per_s\n10,1\n5,1\n", "c.csv:3: time_s: 5 is before"},
        CsvCase{"time_s,rate_per_s\n-1,1\n", "c.csv:2: time_s: -1 s is out of range; allowed: [0, 1e9] s"},
        CsvCase{"time_s,rate_per_s\n1,2,3\n", "c.csv:2: expected two columns"},
        CsvCase{"time_s,rate_per_s\n", "c.csv: no data rows"}));

TEST(ArrivalCsvTest, ScenarioErrorNamesKeyFileAndLine) {
  WriteTempFile("bad_curve.csv", "time_s,rate_per_s\n0,1\n30,-2\n");
  const std::string message =
      LoadError("audience: {arrivals: {kind: csv, csv: " + TempName("bad_curve.csv") + "}}");
  EXPECT_NE(message.find("audience.arrivals.csv"), std::string::npos) << message;
  EXPECT_NE(message.find(TempName("bad_curve.csv") + ":3: rate_per_s"), std::string::npos)
      << message;
}

}  // namespace
}  // namespace cdnmesh
