// The entry type of the scenario schema: a key path with its type, unit, range, description and
// how to read and write it on a typed struct. Tables of Field<T> live in sim/config/schema-*.cc.
#pragma once

#include <yaml-cpp/yaml.h>

#include <cstdint>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <variant>
#include <vector>

#include "models/common/distribution-config.h"
#include "sim/config/schema.h"

namespace cdnmesh {

class Diagnostics;

/// Value types of schema entries.
enum class ParamType { kBool, kInt, kFloat, kString, kEnum, kDistribution, kList, kMap };

/// A value as YAML carries it (durations in seconds); monostate = "not set" (nullable entries).
using ParamValue =
    std::variant<std::monostate, bool, std::int64_t, double, std::string, DistributionConfig>;

/// An allowed numeric interval; each bound optional and inclusive unless marked exclusive.
struct ValueRange {
  bool has_min = false;        ///< a lower bound applies
  double min = 0.0;            ///< the lower bound
  bool min_exclusive = false;  ///< v > min instead of v >= min
  bool has_max = false;        ///< an upper bound applies
  double max = 0.0;            ///< the upper bound
  bool max_exclusive = false;  ///< v < max instead of v <= max

  /// Any value.
  static ValueRange Any() { return {}; }
  /// v >= lo.
  static ValueRange AtLeast(double lo) { return {true, lo, false, false, 0.0, false}; }
  /// v > lo.
  static ValueRange Above(double lo) { return {true, lo, true, false, 0.0, false}; }
  /// lo <= v <= hi.
  static ValueRange Between(double lo, double hi) { return {true, lo, false, true, hi, false}; }
  /// lo < v <= hi.
  static ValueRange AboveUpTo(double lo, double hi) { return {true, lo, true, true, hi, false}; }
  /// lo <= v < hi.
  static ValueRange FromBelow(double lo, double hi) { return {true, lo, false, true, hi, true}; }
  /// True when `v` is allowed.
  bool Contains(double v) const;
  /// Human-readable form: "any", ">= 0", "> 0", "[0, 1]", "(0, 1]".
  std::string Text() const;
};

/// What an entry is, independent of the struct it binds to.
struct FieldSpec {
  std::string key;                     ///< dotted key path relative to the table's node
  ParamType type = ParamType::kFloat;  ///< what the YAML value must be
  std::string unit;                    ///< unit of the YAML value ("s", "bps", ...; "" = none)
  ValueRange range;                    ///< numbers (and distribution values): allowed interval
  std::vector<std::string> choices;    ///< kEnum: allowed names
  std::string description;             ///< docs: one or two sentences
  bool required = false;               ///< must be given (list elements: name, bitrate_bps)
  bool nullable = false;               ///< may be absent/null (ParamValue monostate)
  bool int32 = false;                  ///< kInt stored in a 32-bit int
  bool microseconds = false;  ///< kFloat seconds stored as integer microseconds (1 us steps)
  std::string default_text;  ///< docs: shown instead of the getter's default when non-empty
};

/// A schema entry bound to struct T. Plain entries use get/set; lists and maps parse their own
/// node (parse_node), export their own JSON (to_json) and document their children (child_docs).
template <typename T>
struct Field : FieldSpec {
  /// Reads the member as YAML carries it (seconds for microsecond members).
  std::function<ParamValue(const T&)> get;
  /// Writes a value already checked against the spec.
  std::function<void(T&, const ParamValue&)> set;
  /// Lists and maps: parses the entry's node (path = its key path), errors to Diagnostics.
  std::function<void(T&, const YAML::Node&, const std::string& path, Diagnostics&)> parse_node;
  /// Lists and maps: the entry's JSON (else ParamValueToJson(get(...))).
  std::function<nlohmann::json(const T&)> to_json;
  /// Lists: docs of the element keys (relative to this entry's key).
  std::function<std::vector<ParamInfo>()> child_docs;
  /// parse_node runs after every other entry of the document (it reads the parsed base config).
  bool deferred = false;
};

}  // namespace cdnmesh
