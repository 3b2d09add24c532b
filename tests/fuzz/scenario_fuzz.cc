// libFuzzer target for the scenario loader: YAML text plus `--set` overrides, through parsing,
// overrides, the typed schema, validation, the cost estimate and the resolved JSON. Properties:
//  - no crash, hang, leak or undefined behaviour (ASan/UBSan abort) whatever the bytes;
//  - a rejected scenario has a message naming its origin;
//  - an accepted one has every duration within the clock's range, an estimate that is a finite
//    number, and a resolved JSON document.
// Input layout: YAML text, then optionally a line "%%" followed by one override per line.
// Seeds: tests/fuzz/seeds/scenario_fuzz/ (the shipped scenarios and the inputs that used to
// crash or hang: tiny intervals, huge durations, deep nesting, long key paths).
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "sim/config/cost-estimate.h"
#include "sim/config/scenario-loader.h"
#include "sim/config/schema.h"

namespace {

void Check(bool condition) {
  if (!condition) __builtin_trap();
}

// Splits the input into YAML text and override lines.
void Split(const std::string& input, std::string* yaml, std::vector<std::string>* overrides) {
  const std::size_t marker = input.find("\n%%\n");
  *yaml = input.substr(0, marker);
  if (marker == std::string::npos) return;
  std::size_t start = marker + 4;
  while (start < input.size() && overrides->size() < 16) {
    const std::size_t end = std::min(input.find('\n', start), input.size());
    overrides->push_back(input.substr(start, end - start));
    start = end + 1;
  }
}

void CheckAccepted(const cdnmesh::ScenarioConfig& config) {
  const double max_us = cdnmesh::kMaxScenarioDurationS * 1e6;
  Check(config.run.duration_us > 0 && static_cast<double>(config.run.duration_us) <= max_us);
  Check(config.run.timeseries_interval_us > 0);
  Check(config.stream.stream.segment_duration_us > 0);
  const cdnmesh::CostEstimate estimate = cdnmesh::EstimateCost(config);
  Check(std::isfinite(estimate.events) && estimate.events >= 0);
  Check(std::isfinite(estimate.memory_bytes) && std::isfinite(estimate.output_bytes));
  Check(cdnmesh::ScenarioToJson(config).is_object());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string yaml;
  std::vector<std::string> overrides;
  Split(std::string(reinterpret_cast<const char*>(data), size), &yaml, &overrides);
  const cdnmesh::Result<cdnmesh::ScenarioConfig> config =
      cdnmesh::LoadScenarioText(yaml, "/nonexistent-fuzz-dir", "fuzz.yaml", overrides);
  if (!config.ok()) {
    Check(config.error().message.rfind("fuzz.yaml", 0) == 0);
    return 0;
  }
  CheckAccepted(config.value());
  return 0;
}
