// Reading one YAML value as a schema entry's type, with type and range checks. Every error names
// the key path and the YAML position, goes to Diagnostics and yields nullopt.
#pragma once

#include <yaml-cpp/yaml.h>

#include <initializer_list>
#include <optional>
#include <string>

#include "sim/config/diagnostics.h"
#include "sim/config/schema-field.h"

namespace cdnmesh {

/// Reads `node` as a value of `spec`; `current` is the value before (a distribution given as a
/// map modifies it).
std::optional<ParamValue> ReadValue(const FieldSpec& spec, const YAML::Node& node,
                                    const ParamValue& current, const std::string& path,
                                    Diagnostics& diag);

/// Reads an unquoted finite number ("10e6", "0.5"), or reports what was found instead.
std::optional<double> ReadNumber(const YAML::Node& node, const std::string& path,
                                 const std::string& expected, Diagnostics& diag);

/// Checks `v` against the range of `spec`; reports "<v> is out of range; allowed: ...".
bool CheckRange(const FieldSpec& spec, double v, const YAML::Node& node, const std::string& path,
                Diagnostics& diag);

/// Reports an explicit YAML tag on `node` other than the standard `allowed` ones ("int",
/// "float", "str", "bool", "map", "seq"); untagged, quoted and code-built nodes pass.
bool CheckTag(const YAML::Node& node, std::initializer_list<const char*> allowed,
              const std::string& path, const std::string& expected, Diagnostics& diag);

/// What a node is, for messages: "a map", "a list", "nothing", "the string \"x\"", "`x`".
std::string DescribeNode(const YAML::Node& node);

/// Reads a distribution: a number (constant) or a map {dist, value, min, max, median, sigma,
/// mean}; a map without `dist` modifies `current`. Values are checked against spec.range.
std::optional<DistributionConfig> ReadDistribution(const FieldSpec& spec, const YAML::Node& node,
                                                   const DistributionConfig& current,
                                                   const std::string& path, Diagnostics& diag);

}  // namespace cdnmesh
