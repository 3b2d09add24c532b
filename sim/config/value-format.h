// Text forms of schema values, ranges and types, for messages and for `cdnmesh params`.
#pragma once

#include <string>

#include "sim/config/schema-field.h"

namespace cdnmesh {

/// Shortest text that reads back as `v`: "6", "0.5", "2.5e6" (round numbers >= 1e6 in e-notation).
std::string FormatNumber(double v);

/// A value as YAML would show it; distributions as "lognormal(median=50e6, sigma=0.5, ...)".
std::string FormatParamValue(const ParamValue& value);

/// The schema name of a type: bool, int, float, string, enum, distribution, list, map.
std::string TypeName(ParamType type);

/// The allowed values of an entry as text (range, or "one of: ..." for enums).
std::string AllowedText(const FieldSpec& spec);

/// The docs row of an entry whose default is `default_value`; `prefix` precedes the key.
ParamInfo DescribeField(const FieldSpec& spec, const ParamValue& default_value,
                        const std::string& prefix);

}  // namespace cdnmesh
