#include "sim/output/metric-docs.h"

#include <cmath>
#include <set>

#include "sim/world/metric-catalogue.h"

namespace cdnmesh {
namespace {

std::set<std::string> Names(const std::vector<MetricInfo>& metrics) {
  std::set<std::string> names;
  for (const MetricInfo& info : metrics) names.insert(info.name);
  return names;
}

void AppendTable(const std::vector<MetricInfo>& metrics, std::string* out) {
  *out += "| metric | label | unit | range | definition |\n|---|---|---|---|---|\n";
  for (const MetricInfo& info : metrics) {
    const double hi = MetricUpperBound(info.kind);
    const std::string range = std::isnan(hi) ? "0 .. unbounded" : "0 .. 1";
    const std::string unit = MetricInPercent(info.kind) ? "fraction (shown in %)"
                                                        : std::string(MetricUnit(info.kind));
    *out += "| `" + info.name + "` | " + info.label + " | " + unit + " | " + range + " | " +
            info.description + " |\n";
  }
}

}  // namespace

nlohmann::ordered_json MetricCatalogueJson() {
  const std::set<std::string> summary = Names(SummaryMetricCatalogue());
  const std::set<std::string> group = Names(GroupMetricCatalogue());
  nlohmann::ordered_json list = nlohmann::ordered_json::array();
  for (const MetricInfo& info : MetricCatalogue()) {
    nlohmann::ordered_json entry;
    entry["name"] = info.name;
    entry["label"] = info.label;
    entry["unit"] = MetricUnit(info.kind);
    entry["kind"] = MetricKindName(info.kind);
    entry["lo"] = 0.0;
    const double hi = MetricUpperBound(info.kind);
    entry["hi"] = std::isnan(hi) ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(hi);
    entry["percent"] = MetricInPercent(info.kind);
    entry["description"] = info.description;
    nlohmann::ordered_json scopes = nlohmann::ordered_json::array();
    if (summary.count(info.name) != 0) scopes.push_back("summary");
    if (group.count(info.name) != 0) scopes.push_back("group");
    entry["scopes"] = scopes;
    list.push_back(entry);
  }
  return list;
}

std::string FormatMetricCatalogueMarkdown() {
  std::string out = "### Summary metrics (`summary.json` → `metrics`)\n\n";
  AppendTable(SummaryMetricCatalogue(), &out);
  out += "\n`metrics.cdn_egress_bytes_per_pop` gives `cdn_egress_bytes` per PoP name.\n\n";
  out += "### Per-group metrics (`summary.json` → `breakdowns.isp.<ISP>` and "
         "`breakdowns.device.<device>`)\n\n";
  out += "Each is the summary metric of the same name restricted to the group's viewers, or:\n\n";
  std::vector<MetricInfo> own;
  const std::set<std::string> summary = Names(SummaryMetricCatalogue());
  for (const MetricInfo& info : GroupMetricCatalogue()) {
    if (summary.count(info.name) == 0) own.push_back(info);
  }
  AppendTable(own, &out);
  out += "\nGroup metrics: ";
  for (const MetricInfo& info : GroupMetricCatalogue()) out += "`" + info.name + "` ";
  out += "\n";
  return out;
}

}  // namespace cdnmesh
