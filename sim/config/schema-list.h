// Builder of list entries of the scenario (stream.renditions, isps, cdn.pops,
// distributor.overrides): each element is a map parsed with its own table.
#pragma once

#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "sim/config/schema-builders.h"
#include "sim/config/schema-table.h"
#include "sim/config/schema.h"

namespace cdnmesh {

/// Docs default of a list: "[a, b]" when elements have names, else "[{k: v, ...}, ...]".
inline std::string ListDefaultText(const nlohmann::json& list) {
  std::string names;
  std::string maps;
  for (const auto& element : list) {
    if (!element.is_object()) return list.dump();
    std::string map;
    for (const auto& item : element.items()) {
      map += (map.empty() ? "" : ", ") + item.key() + ": " + item.value().dump();
    }
    maps += (maps.empty() ? "{" : ", {") + map + "}";
    if (element.contains("name")) {
      names += (names.empty() ? "" : ", ") + element["name"].get<std::string>();
    }
  }
  return "[" + (names.empty() ? maps : names) + "]";
}

/// How a list entry makes a new element (from the scenario parsed so far).
template <typename Elem>
using ElementFactory = std::function<Elem(const ScenarioConfig&)>;
/// Adds entries to an element's JSON that its table does not export.
template <typename Elem>
using ElementJsonHook = std::function<void(const ScenarioConfig&, const Elem&, nlohmann::json&)>;

/// A list of maps at `key`; a given list replaces the default one. `elements` returns the
/// element table (static), `make_default` a fresh element with its defaults.
template <typename Elem, typename ListRef>
Field<ScenarioConfig> ListEntry(std::string key, ListRef list_ref,
                                const std::vector<Field<Elem>>& (*elements)(),
                                ElementFactory<Elem> make_default, std::string description,
                                ElementJsonHook<Elem> hook = nullptr) {
  Field<ScenarioConfig> f =
      BareEntry<ScenarioConfig>(key, ParamType::kList, "", {}, std::move(description));
  f.parse_node = [=](ScenarioConfig& c, const YAML::Node& node, const std::string& path,
                     Diagnostics& diag) {
    if (!node.IsNull() && !node.IsSequence()) {
      diag.Add(node, path, "expected a list, got " + DescribeNode(node));
      return;
    }
    if (!CheckTag(node, {"seq"}, path, "a list", diag)) return;
    std::vector<Elem> list;
    for (std::size_t i = 0; i < node.size(); ++i) {
      list.push_back(make_default(c));
      ParseFields(elements(), node[i], path + "[" + std::to_string(i) + "].", list.back(), diag);
    }
    list_ref(c) = std::move(list);
  };
  f.to_json = [=](const ScenarioConfig& c) {
    nlohmann::json out = nlohmann::json::array();
    for (const Elem& element : list_ref(c)) {
      out.push_back(FieldsToJson(elements(), element));
      if (hook) hook(c, element, out.back());
    }
    return out;
  };
  f.child_docs = [=] {
    std::vector<ParamInfo> out;
    AppendDocs(elements(), make_default(DefaultScenario()), key + "[].", out);
    return out;
  };
  return f;
}

}  // namespace cdnmesh
