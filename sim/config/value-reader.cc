#include "sim/config/value-reader.h"

#include <cmath>
#include <initializer_list>
#include <limits>

#include "sim/config/number-text.h"
#include "sim/config/suggest.h"
#include "sim/config/value-format.h"

namespace cdnmesh {
namespace {

bool IsQuoted(const YAML::Node& node) { return node.Tag() == "!"; }

constexpr const char* kStandardTagPrefix = "tag:yaml.org,2002:";

// A tag as written in YAML ("!!str" for the standard tag:yaml.org,2002:str).
std::string WrittenTag(const std::string& tag) {
  const std::string prefix = kStandardTagPrefix;
  return tag.compare(0, prefix.size(), prefix) == 0 ? "!!" + tag.substr(prefix.size()) : tag;
}

// True when `node` has no explicit tag ("?" plain, "" built in code, "!" quoted) or one of the
// standard `allowed` tags (names without the prefix, e.g. "int").
bool TagAllowed(const YAML::Node& node, std::initializer_list<const char*> allowed) {
  const std::string& tag = node.Tag();
  if (tag.empty() || tag == "?" || tag == "!") return true;
  for (const char* name : allowed) {
    if (tag == std::string(kStandardTagPrefix) + name) return true;
  }
  return false;
}

}  // namespace

bool CheckTag(const YAML::Node& node, std::initializer_list<const char*> allowed,
              const std::string& path, const std::string& expected, Diagnostics& diag) {
  if (TagAllowed(node, allowed)) return true;
  diag.Add(node, path, "the tag `" + WrittenTag(node.Tag()) + "` is not allowed here (expected " +
                           expected + "); remove the tag");
  return false;
}

namespace {

std::string Expected(const FieldSpec& spec) {
  const std::string unit = spec.unit.empty() ? "" : " (" + spec.unit + ")";
  switch (spec.type) {
    case ParamType::kBool:
      return "true or false";
    case ParamType::kInt:
      return "an integer" + unit;
    case ParamType::kFloat:
      return "a number" + unit;
    case ParamType::kString:
      return "a string";
    case ParamType::kEnum:
      return "one of: " + JoinNames(spec.choices);
    default:
      return "a value";
  }
}

bool RequireScalar(const YAML::Node& node, const std::string& path, const std::string& expected,
                   Diagnostics& diag) {
  if (node.IsScalar()) return true;
  diag.Add(node, path, "expected " + expected + ", got " + DescribeNode(node));
  return false;
}

std::optional<ParamValue> ReadBool(const FieldSpec& spec, const YAML::Node& node,
                                   const std::string& path, Diagnostics& diag) {
  if (!RequireScalar(node, path, Expected(spec), diag)) return std::nullopt;
  if (!CheckTag(node, {"bool"}, path, Expected(spec), diag)) return std::nullopt;
  const std::string& s = node.Scalar();
  if (!IsQuoted(node) && (s == "true" || s == "True" || s == "TRUE")) return ParamValue{true};
  if (!IsQuoted(node) && (s == "false" || s == "False" || s == "FALSE")) return ParamValue{false};
  diag.Add(node, path, "expected true or false, got " + DescribeNode(node));
  return std::nullopt;
}

// Integers: exact decimal text, or a number in e-notation that is integral ("1e9", "10e6").
std::optional<ParamValue> ReadInt(const FieldSpec& spec, const YAML::Node& node,
                                  const std::string& path, Diagnostics& diag) {
  const auto number = ReadNumber(node, path, Expected(spec), diag);
  if (!number) return std::nullopt;
  std::int64_t value = 0;
  const std::string& s = node.Scalar();
  if (const std::optional<std::int64_t> exact = ParseInteger(s)) {
    value = *exact;
  } else if (*number == std::floor(*number) && std::fabs(*number) < 9.2e18) {
    value = static_cast<std::int64_t>(*number);
  } else {
    diag.Add(node, path, "expected " + Expected(spec) + ", got " + DescribeNode(node));
    return std::nullopt;
  }
  if (spec.int32 &&
      (value > std::numeric_limits<int>::max() || value < std::numeric_limits<int>::min())) {
    diag.Add(node, path, s + " is too large; allowed: " + spec.range.Text() + " (32-bit)");
    return std::nullopt;
  }
  if (!CheckRange(spec, static_cast<double>(value), node, path, diag)) return std::nullopt;
  return ParamValue{value};
}

std::optional<ParamValue> ReadFloat(const FieldSpec& spec, const YAML::Node& node,
                                    const std::string& path, Diagnostics& diag) {
  const auto number = ReadNumber(node, path, Expected(spec), diag);
  if (!number || !CheckRange(spec, *number, node, path, diag)) return std::nullopt;
  // Seconds stored as integer microseconds: a non-zero value below 1 us would round to 0 (an
  // interval of 0 never advances the clock).
  if (spec.microseconds && *number != 0.0 && std::fabs(*number) < kSecondsPerUs) {
    diag.Add(node, path, FormatNumber(*number) + " s is below the clock's resolution of 1 us; " +
                             "allowed: " + spec.range.Text() +
                             " s, a non-zero value at least 0.000001 s");
    return std::nullopt;
  }
  return ParamValue{*number};
}

std::optional<ParamValue> ReadEnum(const FieldSpec& spec, const YAML::Node& node,
                                   const std::string& path, Diagnostics& diag) {
  if (!RequireScalar(node, path, Expected(spec), diag)) return std::nullopt;
  if (!CheckTag(node, {"str"}, path, Expected(spec), diag)) return std::nullopt;
  for (const std::string& choice : spec.choices) {
    if (choice == node.Scalar()) return ParamValue{choice};
  }
  const std::string closest = ClosestMatch(node.Scalar(), spec.choices);
  diag.Add(node, path,
           "unknown value `" + node.Scalar() + "`; allowed: " + JoinNames(spec.choices) +
               (closest.empty() ? "" : " (did you mean `" + closest + "`?)"));
  return std::nullopt;
}

}  // namespace

std::string DescribeNode(const YAML::Node& node) {
  if (!node.IsDefined() || node.IsNull()) return "nothing";
  if (node.IsMap()) return "a map";
  if (node.IsSequence()) return "a list";
  if (IsQuoted(node)) return "the string \"" + node.Scalar() + "\"";
  return "`" + node.Scalar() + "`";
}

std::optional<double> ReadNumber(const YAML::Node& node, const std::string& path,
                                 const std::string& expected, Diagnostics& diag) {
  if (!RequireScalar(node, path, expected, diag)) return std::nullopt;
  if (!CheckTag(node, {"int", "float"}, path, expected, diag)) return std::nullopt;
  const std::optional<double> v = ParseDecimal(node.Scalar());  // locale-independent
  if (IsQuoted(node) || !v) {
    diag.Add(node, path, "expected " + expected + ", got " + DescribeNode(node));
    return std::nullopt;
  }
  return v;
}

bool CheckRange(const FieldSpec& spec, double v, const YAML::Node& node, const std::string& path,
                Diagnostics& diag) {
  if (spec.range.Contains(v)) return true;
  const std::string unit = spec.unit.empty() ? "" : " " + spec.unit;
  diag.Add(node, path,
           FormatNumber(v) + unit + " is out of range; allowed: " + spec.range.Text() + unit);
  return false;
}

std::optional<ParamValue> ReadValue(const FieldSpec& spec, const YAML::Node& node,
                                    const ParamValue& current, const std::string& path,
                                    Diagnostics& diag) {
  if (!node.IsDefined() || node.IsNull()) {
    if (spec.nullable) return ParamValue{};
    diag.Add(node, path, "missing value; expected " + Expected(spec));
    return std::nullopt;
  }
  switch (spec.type) {
    case ParamType::kBool:
      return ReadBool(spec, node, path, diag);
    case ParamType::kInt:
      return ReadInt(spec, node, path, diag);
    case ParamType::kFloat:
      return ReadFloat(spec, node, path, diag);
    case ParamType::kEnum:
      return ReadEnum(spec, node, path, diag);
    case ParamType::kString:
      if (!RequireScalar(node, path, Expected(spec), diag)) return std::nullopt;
      if (!CheckTag(node, {"str"}, path, Expected(spec), diag)) return std::nullopt;
      return ParamValue{node.Scalar()};
    case ParamType::kDistribution: {
      const auto* before = std::get_if<DistributionConfig>(&current);
      auto d = ReadDistribution(spec, node, before ? *before : DistributionConfig{}, path, diag);
      if (!d) return std::nullopt;
      return ParamValue{*d};
    }
    default:
      diag.Add(node, path, "internal: entry has no reader");
      return std::nullopt;
  }
}

}  // namespace cdnmesh
