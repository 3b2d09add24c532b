// Loading a scenario: YAML (file, text or parsed node) -> overrides -> typed parse -> derived
// values (CSV arrival curve, VOD segment count) -> validation. Errors are values naming the
// source, the YAML line when known, and the key path.
#pragma once

#include <yaml-cpp/yaml.h>

#include <string>
#include <vector>

#include "core/common/result.h"
#include "sim/config/scenario-config.h"

namespace cdnmesh {

/// Loads a YAML scenario file, applies overrides ("key.path=value", YAML scalar syntax), validates.
Result<ScenarioConfig> LoadScenarioFile(const std::string& path,
                                        const std::vector<std::string>& overrides = {});

/// Same from YAML text; relative paths (audience.arrivals.csv) resolve against base_dir; `origin`
/// names the source in messages.
Result<ScenarioConfig> LoadScenarioText(const std::string& yaml_text, const std::string& base_dir,
                                        const std::string& origin,
                                        const std::vector<std::string>& overrides = {});

/// Same from an already parsed node (Python passes dicts converted to YAML::Node). The node is
/// not modified (overrides edit a copy). A scalar tagged "!" (a quoted string) is never
/// accepted as a number or bool.
Result<ScenarioConfig> LoadScenarioNode(const YAML::Node& root, const std::string& base_dir,
                                        const std::string& origin,
                                        const std::vector<std::string>& overrides = {});

}  // namespace cdnmesh
