// The whole scenario table (sections in documentation order), the default scenario and its JSON.
#include "sim/config/schema-builders.h"
#include "sim/config/schema-table.h"
#include "sim/config/schema-tables.h"

namespace cdnmesh {

const std::vector<Field<ScenarioConfig>>& ScenarioFields() {
  static const std::vector<Field<ScenarioConfig>> fields = [] {
    std::vector<Field<ScenarioConfig>> f;
    AppendRunStreamFields(f);
    AppendAudienceFields(f);
    AppendTopologyFields(f);
    AppendNetworkFields(f);
    for (const Field<PeerConfig>& peer : PeerFields()) {
      f.push_back(ProjectEntry<ScenarioConfig>(peer, CDNMESH_REF(peer)));
    }
    AppendServiceFields(f);
    AppendFailureFields(f);
    return f;
  }();
  return fields;
}

ScenarioConfig DefaultScenario() {
  ScenarioConfig config;
  config.topology.isps = {DefaultIsp("isp")};
  config.topology.pops = {DefaultPop("pop")};
  return config;
}

nlohmann::json ScenarioToJson(const ScenarioConfig& config) {
  return FieldsToJson(ScenarioFields(), config);
}

}  // namespace cdnmesh
