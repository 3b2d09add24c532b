#include "sim/output/summary-json.h"

#include "cdnmesh_version.h"  // generated at build time: CDNMESH_VERSION
#include "sim/config/schema.h"

namespace cdnmesh {

const char* CodeVersion() { return CDNMESH_VERSION; }

nlohmann::ordered_json MetricsToJson(const RunSummary& s) {
  nlohmann::ordered_json m;  // NaN is written as null by nlohmann::json
#define CDNMESH_SUMMARY_JSON(type, name, kind, label, description) m[#name] = s.name;
  CDNMESH_SUMMARY_METRICS(CDNMESH_SUMMARY_JSON)
#undef CDNMESH_SUMMARY_JSON
  nlohmann::ordered_json per_pop = nlohmann::ordered_json::object();
  for (std::size_t i = 0; i < s.pop_names.size(); ++i) {
    per_pop[s.pop_names[i]] = s.cdn_egress_bytes_per_pop[i];
  }
  m["cdn_egress_bytes_per_pop"] = per_pop;
  return m;
}

nlohmann::ordered_json BreakdownToJson(const GroupBreakdown& breakdown) {
  nlohmann::ordered_json groups = nlohmann::ordered_json::object();
  for (std::size_t i = 0; i < breakdown.names.size(); ++i) {
    const GroupMetrics& g = breakdown.rows[i];
    nlohmann::ordered_json row;
#define CDNMESH_GROUP_SHARED_JSON(type, name) row[#name] = g.name;
#define CDNMESH_GROUP_OWN_JSON(type, name, kind, label, description) row[#name] = g.name;
    CDNMESH_GROUP_METRICS(CDNMESH_GROUP_SHARED_JSON, CDNMESH_GROUP_OWN_JSON)
#undef CDNMESH_GROUP_SHARED_JSON
#undef CDNMESH_GROUP_OWN_JSON
    groups[breakdown.names[i]] = row;
  }
  return groups;
}

nlohmann::ordered_json SummaryDocument(const ScenarioConfig& config, const RunResult& result) {
  nlohmann::ordered_json doc;
  doc["scenario_name"] = config.name;
  doc["seed"] = config.run.seed;
  doc["code_version"] = CodeVersion();
  doc["window"] = {{"start_s", result.summary.window_start_s},
                   {"end_s", result.summary.window_end_s}};
  doc["metrics"] = MetricsToJson(result.summary);
  doc["breakdowns"] = {{"isp", BreakdownToJson(result.summary.by_isp)},
                       {"device", BreakdownToJson(result.summary.by_device)}};
  doc["scenario"] = ScenarioToJson(config);
  return doc;
}

}  // namespace cdnmesh
