// The resolved scenario as JSON (round trip through YAML text) and the parameter docs.
#include <gtest/gtest.h>

#include <set>

#include "config_test_util.h"
#include "full_scenario.h"
#include "sim/config/schema.h"

namespace cdnmesh {
namespace {

// Resolved JSON -> JSON text (which is YAML) -> load -> resolved JSON must be equal.
void ExpectRoundTrip(const ScenarioConfig& config) {
  const nlohmann::json json = ScenarioToJson(config);
  const Result<ScenarioConfig> again = LoadScenarioText(json.dump(2), "/", "resolved.json");
  ASSERT_TRUE(again.ok()) << again.error().message;
  EXPECT_EQ(ScenarioToJson(again.value()), json);
}

TEST(ScenarioJsonTest, DefaultRoundTrip) { ExpectRoundTrip(LoadOk("{}")); }

TEST(ScenarioJsonTest, FullScenarioRoundTrip) {
  WriteTempFile("json_curve.csv", "time_s,rate_per_s\n0,1\n");
  ExpectRoundTrip(LoadOk(FullScenarioYaml(TempName("json_curve.csv"))));
}

TEST(ScenarioJsonTest, KeyStructureAndUnitsFollowTheYaml) {
  const nlohmann::json j = ScenarioToJson(
      LoadOk("scheduler: {urgent_window_s: 7.5}\n"
             "isps: [{name: a, access: {desktop: {up_bps: 3e6}}}]\n"
             "distributor: {overrides: [{device: tv, set: {scheduler.upload_slots: 0}}]}\n"));
  EXPECT_DOUBLE_EQ(j["scheduler"]["urgent_window_s"].get<double>(), 7.5);
  EXPECT_EQ(j["run"]["duration_s"].get<double>(), 600.0);
  EXPECT_EQ(j["isps"][0]["name"], "a");
  EXPECT_EQ(j["isps"][0]["access"]["desktop"]["up_bps"].get<double>(), 3e6);
  EXPECT_EQ(j["isps"][0]["access"]["desktop"]["down_bps"]["dist"], "lognormal");
  EXPECT_EQ(j["p2p"]["enabled"], true);
  // An override exports what differs from the base config, keyed like the YAML `set`.
  const nlohmann::json& override0 = j["distributor"]["overrides"][0];
  EXPECT_EQ(override0["device"], "tv");
  EXPECT_FALSE(override0.contains("isp"));
  EXPECT_EQ(override0["set"], nlohmann::json({{"scheduler.upload_slots", 0}}));
}

// Leaf key paths of the JSON with list indices written "[]" (distributions are leaves).
void CollectLeaves(const nlohmann::json& j, const std::string& path, std::set<std::string>& out) {
  if (j.is_object() && !j.contains("dist")) {
    for (const auto& item : j.items()) {
      CollectLeaves(item.value(), path.empty() ? item.key() : path + "." + item.key(), out);
    }
  } else if (j.is_array() && !j.empty()) {
    for (const auto& element : j) CollectLeaves(element, path + "[]", out);
  } else {
    out.insert(path);
  }
}

TEST(ScenarioParamsTest, ListParamsCoversEveryKey) {
  std::set<std::string> documented;
  for (const ParamInfo& p : ListParams()) {
    EXPECT_FALSE(p.description.empty()) << p.key;
    EXPECT_FALSE(p.type.empty()) << p.key;
    EXPECT_TRUE(documented.insert(p.key).second) << "documented twice: " << p.key;
  }
  WriteTempFile("params_curve.csv", "time_s,rate_per_s\n0,1\n");
  std::set<std::string> leaves;
  CollectLeaves(ScenarioToJson(LoadOk(FullScenarioYaml(TempName("params_curve.csv")))), "", leaves);
  for (const std::string& leaf : leaves) {
    const std::string key =
        leaf.find(".set.") == std::string::npos ? leaf : leaf.substr(0, leaf.find(".set.") + 4);
    EXPECT_EQ(documented.count(key), 1u) << "undocumented key: " << leaf;
  }
  for (const char* key : {"isps", "cdn.pops", "stream.renditions", "distributor.overrides",
                          "distributor.overrides[].device", "isps[].access.tv.down_bps"}) {
    EXPECT_EQ(documented.count(key), 1u) << key;
  }
}

TEST(ScenarioParamsTest, EntriesCarryUnitDefaultAndRange) {
  std::map<std::string, ParamInfo> by_key;
  for (const ParamInfo& p : ListParams()) by_key[p.key] = p;
  const ParamInfo& urgent = by_key.at("scheduler.urgent_window_s");
  EXPECT_EQ(urgent.unit, "s");
  EXPECT_EQ(urgent.default_value, "6");
  EXPECT_EQ(urgent.type, "float");
  EXPECT_EQ(urgent.range, "[0, 1e9]");  // durations end at kMaxScenarioDurationS
  EXPECT_EQ(by_key.at("cdn.pops[].egress_bps").unit, "bps");
  EXPECT_EQ(by_key.at("scheduler.cdn_retry_backoff_s").default_value, "0.5");
  EXPECT_EQ(by_key.at("signaling.traversal_success_probability").range, "[0, 1]");
  EXPECT_EQ(by_key.at("audience.arrivals.kind").range,
            "one of: constant, flash_crowd, csv, evenly_spaced");
  EXPECT_EQ(by_key.at("isps").default_value, "[isp]");
  EXPECT_EQ(by_key.at("isps[].name").default_value, "(required)");
  EXPECT_EQ(by_key.at("isps[].access.desktop.down_bps").default_value,
            "lognormal(median=50e6, sigma=0.5, min=2e6, max=1e9)");
  EXPECT_EQ(by_key.at("isps[].access.mobile_cellular.up_bps").default_value, "0");
}

TEST(ScenarioParamsTest, FormatParamsListsEveryKeyBySection) {
  const std::string text = FormatParams();
  for (const ParamInfo& p : ListParams()) {
    EXPECT_NE(text.find("  " + p.key + "  ("), std::string::npos) << p.key;
  }
  EXPECT_NE(text.find("[scheduler]"), std::string::npos);
  EXPECT_NE(text.find("scheduler.urgent_window_s  (float, s)  default: 6  allowed: [0, 1e9]"),
            std::string::npos);
}

}  // namespace
}  // namespace cdnmesh
