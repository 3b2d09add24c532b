// Schema values as JSON, JSON placed at dotted key paths, and JSON turned back into YAML nodes.
#pragma once

#include <yaml-cpp/yaml.h>

#include <nlohmann/json.hpp>
#include <string>

#include "sim/config/schema-field.h"

namespace cdnmesh {

/// A value as JSON: numbers, bools, strings; a constant distribution as its number, others as
/// {dist, parameters...}; monostate as null.
nlohmann::json ParamValueToJson(const ParamValue& value);

/// Stores `value` at `dotted_key` inside `root`, creating intermediate objects.
void SetJsonAtPath(nlohmann::json& root, const std::string& dotted_key, nlohmann::json value);

/// The same structure as a YAML node (numbers as plain scalars, strings quoted), no positions.
YAML::Node JsonToYaml(const nlohmann::json& value);

}  // namespace cdnmesh
