#include "sim/config/map-walker.h"

#include <algorithm>
#include <set>

#include "sim/config/suggest.h"
#include "sim/config/value-reader.h"

namespace cdnmesh {
namespace {

class Walk {
 public:
  Walk(const std::vector<const FieldSpec*>& specs, const std::string& path_base, Diagnostics& diag,
       const EntryVisitor& visit)
      : specs_(specs), path_base_(path_base), diag_(diag), visit_(visit) {}

  // Walks a map whose keys are relative to `prefix` ("" or "section.").
  void Map(const YAML::Node& node, const std::string& prefix, const std::string& path) {
    if (!node.IsDefined() || node.IsNull()) return;
    if (!node.IsMap()) {
      diag_.Add(node, path, "expected a map of keys, got " + DescribeNode(node));
      return;
    }
    if (!CheckTag(node, {"map"}, path, "a map of keys", diag_)) return;
    for (const auto& entry : node) Entry(entry.first, entry.second, prefix);
  }

  // Reports required keys that were not given.
  void CheckRequired(const YAML::Node& node) {
    for (const FieldSpec* spec : specs_) {
      if (spec->required && seen_.count(spec->key) == 0) {
        diag_.Add(node, path_base_ + spec->key, "required");
      }
    }
  }

 private:
  void Entry(const YAML::Node& key_node, const YAML::Node& value, const std::string& prefix) {
    const std::string path = path_base_ + prefix;
    if (!key_node.IsScalar()) {
      diag_.Add(key_node, path, "keys must be names, got " + DescribeNode(key_node));
      return;
    }
    const std::string full = prefix + key_node.Scalar();
    if (!seen_.insert(full).second) {
      diag_.Add(key_node, path_base_ + full, "given twice");
      return;
    }
    for (std::size_t i = 0; i < specs_.size(); ++i) {
      if (specs_[i]->key == full) return visit_(i, value, path_base_ + full);
    }
    if (IsSection(full)) return Map(value, full + ".", path_base_ + full);
    diag_.Add(key_node, path_base_ + full,
              "unknown key; " + SuggestionText(key_node.Scalar(), Siblings(prefix, full)));
  }

  bool IsSection(const std::string& key) const {
    return std::any_of(specs_.begin(), specs_.end(), [&](const FieldSpec* spec) {
      return spec->key.size() > key.size() && spec->key.compare(0, key.size(), key) == 0 &&
             spec->key[key.size()] == '.';
    });
  }

  // Names one level below `prefix`, plus full dotted rests when the key itself has dots.
  std::vector<std::string> Siblings(const std::string& prefix, const std::string& full) const {
    const bool dotted = full.find('.', prefix.size()) != std::string::npos;
    std::vector<std::string> names;
    for (const FieldSpec* spec : specs_) {
      if (spec->key.compare(0, prefix.size(), prefix) != 0) continue;
      const std::string rest = spec->key.substr(prefix.size());
      const std::string name = dotted ? rest : rest.substr(0, rest.find('.'));
      if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
    }
    return names;
  }

  const std::vector<const FieldSpec*>& specs_;
  const std::string& path_base_;
  Diagnostics& diag_;
  const EntryVisitor& visit_;
  std::set<std::string> seen_;
};

std::string WithoutTrailingDot(const std::string& path) {
  return !path.empty() && path.back() == '.' ? path.substr(0, path.size() - 1) : path;
}

}  // namespace

void WalkMap(const std::vector<const FieldSpec*>& specs, const YAML::Node& node,
             const std::string& path_base, Diagnostics& diag, const EntryVisitor& visit) {
  Walk walk(specs, path_base, diag, visit);
  walk.Map(node, "", WithoutTrailingDot(path_base));
  if (node.IsDefined() && (node.IsMap() || node.IsNull())) walk.CheckRequired(node);
}

}  // namespace cdnmesh
