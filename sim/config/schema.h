// The scenario schema seen from outside: the resolved scenario as JSON, the default scenario and
// the documentation of every key (`cdnmesh params`). One table of entries (sim/config/schema-*.cc)
// defines every key once; parsing, validation, overrides, JSON and docs are all derived from it.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "sim/config/scenario-config.h"

namespace cdnmesh {

/// One documented parameter: a YAML key path (list elements as `isps[].share`) and its metadata.
struct ParamInfo {
  std::string key;            ///< dotted key path, e.g. "scheduler.urgent_window_s"
  std::string type;           ///< bool, int, float, string, enum, distribution, list or map
  std::string default_value;  ///< as it would be written in YAML
  std::string unit;           ///< s, bps, bytes, km, deg, ... (empty when unitless)
  std::string range;          ///< allowed values, e.g. ">= 0", "[0, 1]", "one of: a, b"
  std::string description;    ///< one or two sentences
};

/// The scenario an empty file `{}` gives: every default, one ISP "isp", one PoP "pop".
ScenarioConfig DefaultScenario();

/// The resolved scenario (every key, defaults filled in) with the same key structure as the YAML,
/// units as in the YAML (seconds, bps). Loading it back gives the same scenario.
nlohmann::json ScenarioToJson(const ScenarioConfig& config);

/// Every documented parameter, in schema order.
std::vector<ParamInfo> ListParams();

/// The `cdnmesh params` text: one block per key, grouped by section.
std::string FormatParams();

}  // namespace cdnmesh
