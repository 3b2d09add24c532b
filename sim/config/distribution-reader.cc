// ReadDistribution (declared in value-reader.h): a number or a map of distribution parameters.
#include <algorithm>

#include "sim/config/enum-names.h"
#include "sim/config/suggest.h"
#include "sim/config/value-format.h"
#include "sim/config/value-reader.h"

namespace cdnmesh {
namespace {

struct ParamSlot {
  const char* name;
  double DistributionConfig::*member;
};

const std::vector<ParamSlot>& Slots() {
  static const std::vector<ParamSlot> slots = {
      {"value", &DistributionConfig::value}, {"min", &DistributionConfig::min},
      {"max", &DistributionConfig::max},     {"median", &DistributionConfig::median},
      {"sigma", &DistributionConfig::sigma}, {"mean", &DistributionConfig::mean},
  };
  return slots;
}

std::vector<std::string> ParamsOf(DistributionKind kind) {
  switch (kind) {
    case DistributionKind::kConstant:
      return {"value"};
    case DistributionKind::kUniform:
      return {"min", "max"};
    case DistributionKind::kLognormal:
      return {"median", "sigma", "min", "max"};
    case DistributionKind::kExponential:
      return {"mean", "min", "max"};
  }
  return {};
}

// Keeps the parameters of d.kind only, so equal distributions compare and export equal.
DistributionConfig Normalized(const DistributionConfig& d) {
  DistributionConfig out;
  out.kind = d.kind;
  for (const std::string& name : ParamsOf(d.kind)) {
    for (const ParamSlot& slot : Slots()) {
      if (name == slot.name) out.*slot.member = d.*slot.member;
    }
  }
  return out;
}

bool CheckShape(const DistributionConfig& d, const YAML::Node& node, const std::string& path,
                Diagnostics& diag) {
  std::string problem;
  if (d.kind == DistributionKind::kLognormal && !(d.median > 0)) problem = "median must be > 0";
  if (d.kind == DistributionKind::kLognormal && !(d.sigma >= 0)) problem = "sigma must be >= 0";
  if (d.kind == DistributionKind::kExponential && !(d.mean > 0)) problem = "mean must be > 0";
  if (d.kind == DistributionKind::kUniform && !(d.min <= d.max)) problem = "min must be <= max";
  if (d.kind != DistributionKind::kConstant && d.kind != DistributionKind::kUniform && d.max > 0 &&
      d.max < d.min) {
    problem = "max (upper clamp, 0 = none) must be >= min";
  }
  if (problem.empty()) return true;
  diag.Add(node, path, problem);
  return false;
}

bool CheckValues(const FieldSpec& spec, const DistributionConfig& d, const YAML::Node& node,
                 const std::string& path, Diagnostics& diag) {
  for (const std::string& name : ParamsOf(d.kind)) {
    if (name == "sigma") continue;
    for (const ParamSlot& slot : Slots()) {
      if (name == slot.name && !CheckRange(spec, d.*slot.member, node, path + "." + name, diag)) {
        return false;
      }
    }
  }
  return CheckShape(d, node, path, diag);
}

bool ReadKind(const YAML::Node& node, const std::string& path, DistributionKind* kind,
              Diagnostics& diag) {
  const std::vector<std::string> names = NamesOf(DistributionKindNames());
  if (node.IsScalar()) {
    for (const auto& entry : DistributionKindNames()) {
      if (entry.first == node.Scalar()) {
        *kind = entry.second;
        return true;
      }
    }
  }
  diag.Add(node, path + ".dist",
           "unknown distribution " + DescribeNode(node) + "; allowed: " + JoinNames(names));
  return false;
}

// Sets one parameter from `value`; false (reported) when the key is wrong or not a number.
bool ReadParam(const std::string& key, const YAML::Node& value, const std::string& path,
               DistributionConfig* d, Diagnostics& diag) {
  std::vector<std::string> known = {"dist"};
  for (const ParamSlot& slot : Slots()) known.push_back(slot.name);
  const auto slot = std::find_if(Slots().begin(), Slots().end(),
                                 [&](const ParamSlot& s) { return key == s.name; });
  if (slot == Slots().end()) {
    diag.Add(value, path + "." + key, "unknown key; " + SuggestionText(key, known));
    return false;
  }
  const std::vector<std::string> params = ParamsOf(d->kind);
  if (std::find(params.begin(), params.end(), key) == params.end()) {
    diag.Add(value, path + "." + key,
             "not a parameter of a " + NameOf(DistributionKindNames(), d->kind) +
                 " distribution (it takes: " + JoinNames(params) + ")");
    return false;
  }
  const auto number = ReadNumber(value, path + "." + key, "a number", diag);
  if (number) d->*slot->member = *number;
  return number.has_value();
}

}  // namespace

std::optional<DistributionConfig> ReadDistribution(const FieldSpec& spec, const YAML::Node& node,
                                                   const DistributionConfig& current,
                                                   const std::string& path, Diagnostics& diag) {
  if (node.IsScalar()) {
    const auto v = ReadNumber(node, path, "a number or a distribution map", diag);
    if (!v || !CheckRange(spec, *v, node, path, diag)) return std::nullopt;
    return DistributionConfig::Constant(*v);
  }
  if (!node.IsMap()) {
    diag.Add(node, path, "expected a number or a distribution map, got " + DescribeNode(node));
    return std::nullopt;
  }
  DistributionConfig d = current;
  bool ok = true;
  if (node["dist"]) ok = ReadKind(node["dist"], path, &d.kind, diag);
  for (const auto& entry : node) {
    const std::string key = entry.first.Scalar();
    if (ok && key != "dist") ok = ReadParam(key, entry.second, path, &d, diag);
  }
  if (!ok) return std::nullopt;
  d = Normalized(d);
  if (!CheckValues(spec, d, node, path, diag)) return std::nullopt;
  return d;
}

}  // namespace cdnmesh
