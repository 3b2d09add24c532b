#include "sim/world/metric-catalogue.h"

#include <cstdint>
#include <limits>
#include <set>

namespace cdnmesh {

const std::vector<MetricInfo>& SummaryMetricCatalogue() {
#define CDNMESH_SUMMARY_ENTRY(type, name, kind, label, description) \
  MetricInfo{#name, MetricKind::kind, label, description},
  static const std::vector<MetricInfo> catalogue = {CDNMESH_SUMMARY_METRICS(CDNMESH_SUMMARY_ENTRY)};
#undef CDNMESH_SUMMARY_ENTRY
  return catalogue;
}

namespace {

const MetricInfo& SummaryEntry(const std::string& name) {
  for (const MetricInfo& info : SummaryMetricCatalogue()) {
    if (info.name == name) return info;
  }
  static const MetricInfo missing{"", MetricKind::kCount, "", ""};
  return missing;  // unreachable: metric_catalogue_test checks every shared name exists
}

}  // namespace

const std::vector<MetricInfo>& GroupMetricCatalogue() {
#define CDNMESH_GROUP_SHARED(type, name) SummaryEntry(#name),
#define CDNMESH_GROUP_OWN(type, name, kind, label, description) \
  MetricInfo{#name, MetricKind::kind, label, description},
  static const std::vector<MetricInfo> catalogue = {
      CDNMESH_GROUP_METRICS(CDNMESH_GROUP_SHARED, CDNMESH_GROUP_OWN)};
#undef CDNMESH_GROUP_SHARED
#undef CDNMESH_GROUP_OWN
  return catalogue;
}

std::vector<MetricInfo> MetricCatalogue() {
  std::vector<MetricInfo> all = SummaryMetricCatalogue();
  std::set<std::string> names;
  for (const MetricInfo& info : all) names.insert(info.name);
  for (const MetricInfo& info : GroupMetricCatalogue()) {
    if (names.insert(info.name).second) all.push_back(info);
  }
  return all;
}

const char* MetricUnit(MetricKind kind) {
  switch (kind) {
    case MetricKind::kFraction:
    case MetricKind::kFractionOfBound: return "%";
    case MetricKind::kViewers: return "viewers";
    case MetricKind::kCount: return "";
    case MetricKind::kMeanCount: return "per viewer";
    case MetricKind::kBytes: return "bytes";
    case MetricKind::kSeconds: return "s";
    case MetricKind::kHours: return "h";
    case MetricKind::kBitsPerSecond: return "bit/s";
    case MetricKind::kPerHour: return "1/h";
    case MetricKind::kPerSecond: return "1/s";
    case MetricKind::kCost: return "cost units";
  }
  return "";
}

const char* MetricKindName(MetricKind kind) {
  switch (kind) {
    case MetricKind::kFraction: return "fraction";
    case MetricKind::kFractionOfBound: return "fraction_of_bound";
    case MetricKind::kViewers: return "viewers";
    case MetricKind::kCount: return "count";
    case MetricKind::kMeanCount: return "mean_count";
    case MetricKind::kBytes: return "bytes";
    case MetricKind::kSeconds: return "seconds";
    case MetricKind::kHours: return "hours";
    case MetricKind::kBitsPerSecond: return "bit_rate";
    case MetricKind::kPerHour: return "per_hour";
    case MetricKind::kPerSecond: return "per_second";
    case MetricKind::kCost: return "cost";
  }
  return "";
}

bool MetricInPercent(MetricKind kind) {
  return kind == MetricKind::kFraction || kind == MetricKind::kFractionOfBound;
}

double MetricUpperBound(MetricKind kind) {
  return kind == MetricKind::kFraction ? 1.0 : std::numeric_limits<double>::quiet_NaN();
}

}  // namespace cdnmesh
