// ListParams and FormatParams (declared in schema.h): the documentation of every key.
#include <sstream>

#include "sim/config/schema-table.h"
#include "sim/config/schema-tables.h"

namespace cdnmesh {
namespace {

constexpr std::size_t kTextWidth = 96;
constexpr const char* kIndent = "      ";

// The section a key belongs to: its first name ("isps" for "isps[].share").
std::string SectionOf(const std::string& key) { return key.substr(0, key.find_first_of(".[")); }

// `text` wrapped at kTextWidth, each line indented.
std::string Wrapped(const std::string& text) {
  const std::string indent = kIndent;
  std::istringstream words(text);
  std::string out = indent;
  std::size_t column = indent.size();
  std::string word;
  while (words >> word) {
    const bool line_start = column == indent.size();
    if (!line_start && column + 1 + word.size() > kTextWidth) {
      out += "\n" + indent;
      column = indent.size();
    } else if (!line_start) {
      out += " ";
      ++column;
    }
    out += word;
    column += word.size();
  }
  return out + "\n";
}

std::string FormatOne(const ParamInfo& p) {
  std::string head = "  " + p.key + "  (" + p.type + (p.unit.empty() ? "" : ", " + p.unit) + ")";
  if (!p.default_value.empty()) head += "  default: " + p.default_value;
  if (!p.range.empty() && p.range != "any") head += "  allowed: " + p.range;
  return head + "\n" + Wrapped(p.description);
}

}  // namespace

std::vector<ParamInfo> ListParams() {
  std::vector<ParamInfo> out;
  AppendDocs(ScenarioFields(), DefaultScenario(), "", out);
  return out;
}

std::string FormatParams() {
  std::string out =
      "Scenario parameters (YAML keys). Durations are in seconds (keys ending in _s), rates in "
      "bits per second (_bps).\nEvery key is optional. `isps[].share` is the key `share` of "
      "each element of the list `isps`.\nDistributions are a number (constant) or a map "
      "{dist: constant|uniform|lognormal|exponential, value, min, max, median, sigma, mean}.\n"
      "Override any key with --set key.path=value (list elements as isps[0].share).\n";
  std::string section;
  for (const ParamInfo& p : ListParams()) {
    if (SectionOf(p.key) != section) {
      section = SectionOf(p.key);
      out += "\n[" + section + "]\n";
    }
    out += FormatOne(p);
  }
  return out;
}

}  // namespace cdnmesh
