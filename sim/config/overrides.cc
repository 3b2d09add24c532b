#include "sim/config/overrides.h"

#include <cctype>
#include <utility>
#include <vector>

#include "sim/config/schema.h"
#include "sim/config/value-json.h"

namespace cdnmesh {
namespace {

struct PathStep {
  std::string name;
  bool has_index = false;
  std::size_t index = 0;
  std::size_t name_begin = 0;  ///< where the name starts in the key path
  std::size_t name_end = 0;    ///< one past its last character
};

// Longer key paths than any schema key are refused before any work is done on them (a path of
// thousands of steps used to take minutes to merge).
constexpr std::size_t kMaxKeyPathChars = 256;
constexpr std::size_t kMaxKeyPathSteps = 16;

std::string Trim(const std::string& s) {
  const auto begin = s.find_first_not_of(" \t");
  const auto end = s.find_last_not_of(" \t");
  return begin == std::string::npos ? "" : s.substr(begin, end - begin + 1);
}

Status CheckPathSize(const std::string& path) {
  std::size_t steps = 1;
  for (char c : path) steps += c == '.' ? 1 : 0;
  if (path.size() <= kMaxKeyPathChars && steps <= kMaxKeyPathSteps) return {};
  return Error{"the key path is too long (" + std::to_string(path.size()) + " characters, " +
               std::to_string(steps) + " keys); allowed: at most " +
               std::to_string(kMaxKeyPathChars) + " characters and " +
               std::to_string(kMaxKeyPathSteps) + " keys"};
}

// "isps[1].share" -> {isps, [1]}, {share}.
Result<std::vector<PathStep>> ParsePath(const std::string& path) {
  if (Status size = CheckPathSize(path); !size.ok()) return Error{size.message()};
  std::vector<PathStep> steps;
  std::size_t start = 0;
  while (start <= path.size()) {
    const std::size_t dot = std::min(path.find('.', start), path.size());
    std::string part = path.substr(start, dot - start);
    PathStep step;
    const std::size_t bracket = part.find('[');
    if (bracket != std::string::npos) {
      const std::string digits = part.substr(bracket + 1, part.size() - bracket - 2);
      const bool numeric = !digits.empty() && digits.size() < 9 &&
                           digits.find_first_not_of("0123456789") == std::string::npos;
      if (part.back() != ']' || !numeric) return Error{"bad list index in `" + part + "`"};
      step.has_index = true;
      step.index = std::stoul(digits);
      part = part.substr(0, bracket);
    }
    if (part.empty()) return Error{"empty key in `" + path + "`"};
    step.name = part;
    step.name_begin = start;
    step.name_end = start + part.size();
    steps.push_back(step);
    start = dot + 1;
  }
  return steps;
}

// A copy of `node` without source positions (so messages do not point into the override text).
YAML::Node Unmarked(const YAML::Node& node) {
  if (node.IsMap()) {
    YAML::Node out(YAML::NodeType::Map);
    for (const auto& entry : node) out[entry.first.Scalar()] = Unmarked(entry.second);
    return out;
  }
  if (node.IsSequence()) {
    YAML::Node out(YAML::NodeType::Sequence);
    for (const auto& item : node) out.push_back(Unmarked(item));
    return out;
  }
  if (!node.IsScalar()) return YAML::Node(YAML::NodeType::Null);
  YAML::Node out(node.Scalar());
  out.SetTag(node.Tag());
  return out;
}

// The default list at `dotted_key` (e.g. "cdn.pops") as YAML, or a null node.
YAML::Node DefaultList(const std::string& dotted_key) {
  static const nlohmann::json defaults = ScenarioToJson(DefaultScenario());
  const nlohmann::json* at = &defaults;
  const Result<std::vector<PathStep>> steps = ParsePath(dotted_key);
  if (!steps.ok()) return YAML::Node();
  for (const PathStep& step : steps.value()) {
    if (!at->is_object() || !at->contains(step.name)) return YAML::Node();
    at = &(*at)[step.name];
  }
  return at->is_array() ? JsonToYaml(*at) : YAML::Node();
}

class OverrideWalk {
 public:
  OverrideWalk(YAML::Node root, std::string path) : cur_(root), path_(std::move(path)) {}

  Status Apply(const std::vector<PathStep>& steps, const YAML::Node& value) {
    for (std::size_t i = 0; i < steps.size(); ++i) {
      const std::size_t last = MergeDotted(steps, i);
      const bool final_step = last + 1 == steps.size();
      Status s = Descend(steps[last], final_step && !steps[last].has_index ? &value : nullptr);
      if (!s.ok()) return s;
      if (steps[last].has_index) {
        s = Element(steps[last], final_step ? &value : nullptr);
        if (!s.ok()) return s;
      }
      i = last;
    }
    return {};
  }

 private:
  // Steps i..j joined with dots when the current map has that (dotted) key, e.g. a `set` map's
  // "scheduler.upload_slots"; returns j (== i when no longer key exists). Only the map's dotted
  // keys are tried, each compared once against the path text: linear in the path's length.
  std::size_t MergeDotted(const std::vector<PathStep>& steps, std::size_t i) {
    std::size_t best = i;
    if (!steps[i].has_index && cur_.IsMap()) {
      for (const auto& entry : cur_) {
        if (!entry.first.IsScalar()) continue;
        const std::string& key = entry.first.Scalar();
        if (key.find('.') == std::string::npos) continue;
        const std::size_t j = MatchingStep(steps, i, key);
        if (j > best) best = j;
      }
    }
    merged_ = steps[i].name;
    if (best > i) {
      const std::size_t begin = steps[i].name_begin;
      merged_ = path_.substr(begin, steps[best].name_end - begin);
    }
    return best;
  }

  // The step j > i such that steps i..j (no index before j) spell `key`, else i.
  std::size_t MatchingStep(const std::vector<PathStep>& steps, std::size_t i,
                           const std::string& key) const {
    const std::size_t begin = steps[i].name_begin;
    if (path_.compare(begin, key.size(), key) != 0) return i;
    for (std::size_t j = i + 1; j < steps.size(); ++j) {
      if (steps[j - 1].has_index) return i;
      if (steps[j].name_end == begin + key.size()) return j;
      if (steps[j].name_end > begin + key.size()) return i;
    }
    return i;
  }

  // Moves into map key merged_ (creating a map, or the default list), or assigns `value` there.
  Status Descend(const PathStep& step, const YAML::Node* value) {
    if (!cur_.IsMap()) return Error{done_ + ": is not a map, cannot set `" + merged_ + "`"};
    done_ += (done_.empty() ? "" : ".") + merged_;
    if (value != nullptr) {
      cur_[merged_] = *value;
      return {};
    }
    const YAML::Node& view = cur_;
    const bool is_list =
        view[merged_] ? view[merged_].IsSequence() : DefaultList(done_).IsSequence();
    if (is_list && !step.has_index) {
      return Error{done_ + ": is a list; address an element as " + done_ + "[0]"};
    }
    if (!view[merged_] || view[merged_].IsNull()) {
      YAML::Node list = step.has_index ? DefaultList(done_) : YAML::Node();
      cur_[merged_] = list.IsSequence() ? list : YAML::Node(YAML::NodeType::Map);
    }
    YAML::Node child = cur_[merged_];
    cur_.reset(child);
    return {};
  }

  Status Element(const PathStep& step, const YAML::Node* value) {
    if (!cur_.IsSequence()) return Error{done_ + ": is not a list"};
    const std::string path = done_ + "[" + std::to_string(step.index) + "]";
    if (step.index >= cur_.size()) {
      return Error{path + ": no such element (" + done_ + " has " + std::to_string(cur_.size()) +
                   " elements)"};
    }
    done_ = path;
    if (value != nullptr) {
      cur_[step.index] = *value;
      return {};
    }
    YAML::Node child = cur_[step.index];
    cur_.reset(child);
    return {};
  }

  YAML::Node cur_;
  std::string path_;  ///< the key path as written (steps point into it)
  std::string done_;
  std::string merged_;
};

}  // namespace

Status ApplyOverride(YAML::Node& root, const std::string& assignment) {
  const std::size_t eq = assignment.find('=');
  if (eq == std::string::npos) return Error{"expected key.path=value, got `" + assignment + "`"};
  const std::string key = Trim(assignment.substr(0, eq));
  auto steps = ParsePath(key);
  if (!steps.ok()) return steps.error();
  YAML::Node value;
  try {
    value = Unmarked(YAML::Load(assignment.substr(eq + 1)));
  } catch (const YAML::Exception& e) {
    return Error{key + ": the value is not valid YAML (" + e.msg + ")"};
  }
  if (!root.IsMap()) return Error{"the scenario is not a map"};
  return OverrideWalk(root, key).Apply(steps.value(), value);
}

}  // namespace cdnmesh
