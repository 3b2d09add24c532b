#include "sim/config/value-format.h"

#include <cmath>

#include "sim/config/number-text.h"
#include "sim/config/suggest.h"

namespace cdnmesh {
namespace {

// Shortest %g text that parses back to exactly `v`.
std::string ShortestG(double v) {
  std::string text;
  for (int precision = 1; precision <= 17; ++precision) {
    text = FormatGeneral(v, precision);
    if (ParseDecimal(text) == v) break;
  }
  return text;
}

std::string DistributionText(const DistributionConfig& d) {
  const std::string clamp = ", min=" + FormatNumber(d.min) + ", max=" + FormatNumber(d.max) + ")";
  switch (d.kind) {
    case DistributionKind::kConstant:
      return FormatNumber(d.value);
    case DistributionKind::kUniform:
      return "uniform(min=" + FormatNumber(d.min) + ", max=" + FormatNumber(d.max) + ")";
    case DistributionKind::kLognormal:
      return "lognormal(median=" + FormatNumber(d.median) + ", sigma=" + FormatNumber(d.sigma) +
             clamp;
    case DistributionKind::kExponential:
      return "exponential(mean=" + FormatNumber(d.mean) + clamp;
  }
  return "";
}

// Shortest fixed-point text that parses back to exactly `v` (v in [1, 1000)).
std::string ShortestFixed(double v) {
  std::string text;
  for (int precision = 0; precision <= 17; ++precision) {
    text = FormatFixed(v, precision);
    if (ParseDecimal(text) == v) break;
  }
  return text;
}

}  // namespace

bool ValueRange::Contains(double v) const {
  if (std::isnan(v)) return false;
  if (has_min && (min_exclusive ? !(v > min) : !(v >= min))) return false;
  if (has_max && (max_exclusive ? !(v < max) : !(v <= max))) return false;
  return true;
}

std::string ValueRange::Text() const {
  if (has_min && has_max) {
    return std::string(min_exclusive ? "(" : "[") + FormatNumber(min) + ", " + FormatNumber(max) +
           (max_exclusive ? ")" : "]");
  }
  if (has_min) return (min_exclusive ? "> " : ">= ") + FormatNumber(min);
  if (has_max) return (max_exclusive ? "< " : "<= ") + FormatNumber(max);
  return "any";
}

std::string FormatNumber(double v) {
  if (!std::isfinite(v)) return v > 0 ? ".inf" : (v < 0 ? "-.inf" : ".nan");
  if (v == std::floor(v) && std::fabs(v) < 1e6) return std::to_string(static_cast<long long>(v));
  if (v == std::floor(v) && std::fabs(v) < 1e18) {
    const int exponent = 3 * static_cast<int>(std::floor(std::log10(std::fabs(v)) / 3));
    const std::string text =
        ShortestFixed(v / std::pow(10.0, exponent)) + "e" + std::to_string(exponent);
    if (ParseDecimal(text) == v) return text;
  }
  return ShortestG(v);
}

std::string FormatParamValue(const ParamValue& value) {
  switch (value.index()) {
    case 1:
      return std::get<bool>(value) ? "true" : "false";
    case 2:
      return std::to_string(std::get<std::int64_t>(value));
    case 3:
      return FormatNumber(std::get<double>(value));
    case 4:
      return std::get<std::string>(value);
    case 5:
      return DistributionText(std::get<DistributionConfig>(value));
    default:
      return "";
  }
}

std::string TypeName(ParamType type) {
  switch (type) {
    case ParamType::kBool:
      return "bool";
    case ParamType::kInt:
      return "int";
    case ParamType::kFloat:
      return "float";
    case ParamType::kString:
      return "string";
    case ParamType::kEnum:
      return "enum";
    case ParamType::kDistribution:
      return "distribution";
    case ParamType::kList:
      return "list";
    case ParamType::kMap:
      return "map";
  }
  return "";
}

std::string AllowedText(const FieldSpec& spec) {
  switch (spec.type) {
    case ParamType::kEnum:
      return "one of: " + JoinNames(spec.choices);
    case ParamType::kBool:
      return "true, false";
    case ParamType::kInt:
    case ParamType::kFloat:
      return spec.range.Text();
    case ParamType::kDistribution:
      return "values " + spec.range.Text();
    default:
      return "";
  }
}

ParamInfo DescribeField(const FieldSpec& spec, const ParamValue& default_value,
                        const std::string& prefix) {
  ParamInfo info;
  info.key = prefix + spec.key;
  info.type = TypeName(spec.type);
  if (!spec.default_text.empty()) {
    info.default_value = spec.default_text;
  } else if (spec.required) {
    info.default_value = "(required)";
  } else if (std::holds_alternative<std::monostate>(default_value) && spec.nullable) {
    info.default_value = "(none)";
  } else if (spec.type == ParamType::kString && FormatParamValue(default_value).empty()) {
    info.default_value = "\"\"";
  } else {
    info.default_value = FormatParamValue(default_value);
  }
  info.unit = spec.unit;
  info.range = AllowedText(spec);
  info.description = spec.description;
  return info;
}

}  // namespace cdnmesh
