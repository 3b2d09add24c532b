// The metric catalogue: every summary.json metric is in it with a label, and JSON/CSV write
// undefined values and awkward names correctly.
#include <gtest/gtest.h>

#include <cmath>
#include <set>
#include <sstream>

#include "sim/output/csv-row.h"
#include "sim/output/metric-docs.h"
#include "sim/output/summary-json.h"
#include "sim/world/metric-catalogue.h"

namespace cdnmesh {
namespace {

TEST(MetricCatalogue, NamesEverySummaryMetricOnceWithALabel) {
  std::set<std::string> names;
  for (const MetricInfo& info : SummaryMetricCatalogue()) {
    EXPECT_TRUE(names.insert(info.name).second) << info.name;
    EXPECT_FALSE(info.label.empty()) << info.name;
    EXPECT_GT(info.description.size(), 10u) << info.name;
  }
  const nlohmann::ordered_json metrics = MetricsToJson(RunSummary{});
  for (auto it = metrics.begin(); it != metrics.end(); ++it) {
    if (it.key() == "cdn_egress_bytes_per_pop") continue;
    EXPECT_EQ(names.count(it.key()), 1u) << it.key() << " is written but not catalogued";
  }
  EXPECT_EQ(metrics.size(), names.size() + 1);
}

TEST(MetricCatalogue, SharedGroupMetricsCarryTheSummaryDefinition) {
  for (const MetricInfo& info : GroupMetricCatalogue()) {
    EXPECT_FALSE(info.name.empty());
    EXPECT_FALSE(info.label.empty()) << info.name;
  }
  const MetricInfo& offload = GroupMetricCatalogue()[2];
  EXPECT_EQ(offload.name, "offload_ratio");
  EXPECT_EQ(offload.label, SummaryMetricCatalogue()[0].label);
}

TEST(MetricCatalogue, KindsGiveUnitsAndRanges) {
  EXPECT_STREQ(MetricUnit(MetricKind::kSeconds), "s");
  EXPECT_TRUE(MetricInPercent(MetricKind::kFraction));
  EXPECT_EQ(MetricUpperBound(MetricKind::kFraction), 1.0);
  EXPECT_TRUE(std::isnan(MetricUpperBound(MetricKind::kFractionOfBound)));
  const nlohmann::ordered_json json = MetricCatalogueJson();
  ASSERT_FALSE(json.empty());
  EXPECT_EQ(json[0]["name"], "offload_ratio");
  EXPECT_EQ(json[0]["hi"], 1.0);
  EXPECT_EQ(json[0]["scopes"].size(), 2u);  // summary and group
  for (const auto& entry : json) {
    if (entry["name"] == "efficiency") {
      EXPECT_TRUE(entry["hi"].is_null());  // unbounded above
    }
  }
  EXPECT_NE(FormatMetricCatalogueMarkdown().find("| `rebuffer_ratio` | Rebuffer ratio |"),
            std::string::npos);
}

TEST(SummaryJson, UndefinedMetricsAreNull) {
  RunSummary s;
  s.efficiency = std::nan("");
  const nlohmann::ordered_json metrics = MetricsToJson(s);
  EXPECT_NE(metrics.dump().find("\"efficiency\":null"), std::string::npos) << metrics.dump();
  EXPECT_NE(metrics.dump().find("\"offload_ratio\":0.0"), std::string::npos);
}

TEST(CsvRow, QuotesWhatNeedsQuotingAndKeepsFullPrecision) {
  EXPECT_EQ(CsvField("plain"), "plain");
  EXPECT_EQ(CsvField("a,b"), "\"a,b\"");
  EXPECT_EQ(CsvField("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(CsvField("two\nlines"), "\"two\nlines\"");
  std::ostringstream out;
  CsvRow(out).Text("isp, north").Number(0.1 + 0.2).Number(std::nan("")).Integer(-3).End();
  EXPECT_EQ(out.str(), "\"isp, north\",0.30000000000000004,,-3\n");
}

}  // namespace
}  // namespace cdnmesh
