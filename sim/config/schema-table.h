// Generic operations over a table of Field<T>: parse a YAML map into T, export T as JSON,
// document the entries. The tables themselves are in sim/config/schema-tables.h.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "sim/config/diagnostics.h"
#include "sim/config/map-walker.h"
#include "sim/config/schema-field.h"
#include "sim/config/value-format.h"
#include "sim/config/value-json.h"
#include "sim/config/value-reader.h"

namespace cdnmesh {

/// Entry parses postponed until the rest of the document is parsed.
using DeferredParses = std::vector<std::function<void()>>;

/// The specs of a table, for WalkMap.
template <typename T>
std::vector<const FieldSpec*> SpecsOf(const std::vector<Field<T>>& fields) {
  std::vector<const FieldSpec*> specs;
  for (const Field<T>& field : fields) specs.push_back(&field);
  return specs;
}

/// Parses the map `node` into `target` (which holds the defaults); errors go to `diag`.
/// `fields` must outlive the deferred parses.
template <typename T>
void ParseFields(const std::vector<Field<T>>& fields, const YAML::Node& node,
                 const std::string& path_base, T& target, Diagnostics& diag,
                 DeferredParses* deferred = nullptr) {
  WalkMap(SpecsOf(fields), node, path_base, diag,
          [&](std::size_t i, const YAML::Node& value, const std::string& path) {
            const Field<T>& field = fields[i];
            if (field.parse_node && field.deferred && deferred != nullptr) {
              deferred->push_back([&field, &target, &diag, value, path] {
                field.parse_node(target, value, path, diag);
              });
            } else if (field.parse_node) {
              field.parse_node(target, value, path, diag);
            } else if (auto v = ReadValue(field, value, field.get(target), path, diag)) {
              field.set(target, *v);
            }
          });
}

/// `object` as JSON with the table's key structure (unset nullable entries are left out).
template <typename T>
nlohmann::json FieldsToJson(const std::vector<Field<T>>& fields, const T& object) {
  nlohmann::json out = nlohmann::json::object();
  for (const Field<T>& field : fields) {
    nlohmann::json value;
    if (field.to_json) {
      value = field.to_json(object);
    } else if (field.get) {
      value = ParamValueToJson(field.get(object));
    }
    if (!value.is_null()) SetJsonAtPath(out, field.key, std::move(value));
  }
  return out;
}

/// Appends the docs of every entry (and of list elements) with keys prefixed by `prefix`.
template <typename T>
void AppendDocs(const std::vector<Field<T>>& fields, const T& defaults, const std::string& prefix,
                std::vector<ParamInfo>& out) {
  for (const Field<T>& field : fields) {
    out.push_back(DescribeField(field, field.get ? field.get(defaults) : ParamValue{}, prefix));
    if (field.child_docs) {
      for (ParamInfo info : field.child_docs()) {
        info.key = prefix + info.key;
        out.push_back(std::move(info));
      }
    }
  }
}

}  // namespace cdnmesh
