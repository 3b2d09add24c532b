// The metric catalogue as data for other programs (JSON) and as the reference page
// docs/metrics.md (Markdown), both from sim/world/metric-catalogue.h.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

namespace cdnmesh {

/// Every metric as {name, label, unit, kind, lo, hi, percent, description, scopes}; hi is null
/// when unbounded; scopes lists "summary" and/or "group".
nlohmann::ordered_json MetricCatalogueJson();

/// The Markdown reference of every metric (docs/metrics.md's tables).
std::string FormatMetricCatalogueMarkdown();

}  // namespace cdnmesh
