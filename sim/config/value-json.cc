#include "sim/config/value-json.h"

#include "sim/config/enum-names.h"

namespace cdnmesh {
namespace {

nlohmann::json DistributionToJson(const DistributionConfig& d) {
  nlohmann::json out;
  out["dist"] = NameOf(DistributionKindNames(), d.kind);
  switch (d.kind) {
    case DistributionKind::kConstant:
      return d.value;
    case DistributionKind::kUniform:
      break;
    case DistributionKind::kLognormal:
      out["median"] = d.median;
      out["sigma"] = d.sigma;
      break;
    case DistributionKind::kExponential:
      out["mean"] = d.mean;
      break;
  }
  out["min"] = d.min;
  out["max"] = d.max;
  return out;
}

}  // namespace

nlohmann::json ParamValueToJson(const ParamValue& value) {
  switch (value.index()) {
    case 1:
      return std::get<bool>(value);
    case 2:
      return std::get<std::int64_t>(value);
    case 3:
      return std::get<double>(value);
    case 4:
      return std::get<std::string>(value);
    case 5:
      return DistributionToJson(std::get<DistributionConfig>(value));
    default:
      return nullptr;
  }
}

void SetJsonAtPath(nlohmann::json& root, const std::string& dotted_key, nlohmann::json value) {
  nlohmann::json* node = &root;
  std::size_t start = 0;
  for (std::size_t dot = dotted_key.find('.'); dot != std::string::npos;
       dot = dotted_key.find('.', start)) {
    node = &(*node)[dotted_key.substr(start, dot - start)];
    start = dot + 1;
  }
  (*node)[dotted_key.substr(start)] = std::move(value);
}

YAML::Node JsonToYaml(const nlohmann::json& value) {
  if (value.is_object()) {
    YAML::Node map(YAML::NodeType::Map);
    for (const auto& item : value.items()) map[item.key()] = JsonToYaml(item.value());
    return map;
  }
  if (value.is_array()) {
    YAML::Node list(YAML::NodeType::Sequence);
    for (const auto& item : value) list.push_back(JsonToYaml(item));
    return list;
  }
  if (value.is_null()) return YAML::Node(YAML::NodeType::Null);
  if (value.is_string()) {
    YAML::Node text(value.get<std::string>());
    text.SetTag("!");  // a string, never read as a number or bool
    return text;
  }
  return YAML::Node(value.dump());  // numbers (shortest round-trip form) and bools
}

}  // namespace cdnmesh
