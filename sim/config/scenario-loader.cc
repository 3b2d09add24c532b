#include "sim/config/scenario-loader.h"

#include <exception>
#include <filesystem>

#include "sim/config/arrival-csv.h"
#include "sim/config/diagnostics.h"
#include "sim/config/input-file.h"
#include "sim/config/overrides.h"
#include "sim/config/scenario-validate.h"
#include "sim/config/schema-table.h"
#include "sim/config/schema-tables.h"
#include "sim/config/yaml-document.h"

namespace cdnmesh {
namespace {

namespace fs = std::filesystem;

// Far above any hand-written scenario; keeps a mistaken path (a log, an image) from being read.
constexpr std::uintmax_t kMaxScenarioFileBytes = 16u << 20;

// `path` made absolute against `base_dir` (then the working directory), normalized.
std::string ResolvePath(const std::string& path, const std::string& base_dir) {
  fs::path p(path);
  if (p.is_relative() && !base_dir.empty()) p = fs::path(base_dir) / p;
  std::error_code ignored;
  const fs::path absolute = fs::absolute(p, ignored);
  return (absolute.empty() ? p : absolute).lexically_normal().string();
}

void LoadCurve(ScenarioConfig& c, const std::string& base_dir, Diagnostics& diag) {
  ArrivalConfig& arrivals = c.audience.arrivals;
  if (!arrivals.csv_path.empty()) arrivals.csv_path = ResolvePath(arrivals.csv_path, base_dir);
  if (arrivals.kind != ArrivalKind::kCsv) return;
  if (arrivals.csv_path.empty()) {
    diag.Add("audience.arrivals.csv", "required when audience.arrivals.kind is csv");
    return;
  }
  Result<ArrivalCurve> curve = LoadArrivalCurve(arrivals.csv_path);
  if (!curve.ok()) return diag.Add("audience.arrivals.csv", curve.error().message);
  arrivals.curve = std::move(curve).value();
}

// Values derived from the keys: VOD segment count, live start time, the CSV arrival curve.
void Resolve(ScenarioConfig& c, const std::string& base_dir, Diagnostics& diag) {
  c.stream.stream = DerivedStreamConfig(c);
  LoadCurve(c, base_dir, diag);
}

Result<ScenarioConfig> LoadDocument(YAML::Node doc, const std::string& base_dir, Diagnostics& diag,
                                    const std::vector<std::string>& overrides) {
  if (!doc.IsDefined() || doc.IsNull()) doc.reset(YAML::Node(YAML::NodeType::Map));
  if (!doc.IsMap()) {
    diag.Add(doc, "", "a scenario is a map of sections, got " + DescribeNode(doc));
    return diag.ToError();
  }
  for (const std::string& assignment : overrides) {
    const Status status = ApplyOverride(doc, assignment);
    if (!status.ok()) diag.Add("--set " + assignment, status.message());
  }
  if (!diag.ok()) return diag.ToError();
  ScenarioConfig config = DefaultScenario();
  DeferredParses deferred;
  ParseFields(ScenarioFields(), doc, "", config, diag, &deferred);
  for (const auto& parse : deferred) parse();
  if (diag.ok()) Resolve(config, base_dir, diag);
  if (diag.ok()) ValidateScenario(config, diag);
  if (!diag.ok()) return diag.ToError();
  return config;
}

// Loads a document this module owns (overrides edit it in place).
Result<ScenarioConfig> LoadOwnedDocument(YAML::Node doc, const std::string& base_dir,
                                         const std::string& origin,
                                         const std::vector<std::string>& overrides) {
  Diagnostics diag(origin);
  try {
    return LoadDocument(doc, base_dir, diag, overrides);
  } catch (const std::exception& e) {
    diag.Add("", std::string("cannot read the scenario: ") + e.what());
    return diag.ToError();
  }
}

}  // namespace

Result<ScenarioConfig> LoadScenarioNode(const YAML::Node& root, const std::string& base_dir,
                                        const std::string& origin,
                                        const std::vector<std::string>& overrides) {
  if (overrides.empty()) return LoadOwnedDocument(root, base_dir, origin, overrides);
  YAML::Node copy;
  try {
    copy = YAML::Clone(root);  // the caller's node is never modified (the copy has no positions)
  } catch (const std::exception& e) {
    return Error{origin + ": cannot read the scenario: " + e.what()};
  }
  return LoadOwnedDocument(copy, base_dir, origin, overrides);
}

Result<ScenarioConfig> LoadScenarioText(const std::string& yaml_text, const std::string& base_dir,
                                        const std::string& origin,
                                        const std::vector<std::string>& overrides) {
  Result<YAML::Node> root = LoadSingleDocument(yaml_text, origin);
  if (!root.ok()) return root.error();
  return LoadOwnedDocument(root.value(), base_dir, origin, overrides);
}

Result<ScenarioConfig> LoadScenarioFile(const std::string& path,
                                        const std::vector<std::string>& overrides) {
  Result<std::string> text = ReadInputFile(path, "scenario file", kMaxScenarioFileBytes);
  if (!text.ok()) return text.error();
  const std::string base_dir = fs::path(path).parent_path().string();
  return LoadScenarioText(text.value(), base_dir, path, overrides);
}

}  // namespace cdnmesh
