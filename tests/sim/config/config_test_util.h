// Helpers for the scenario schema tests: load YAML text, write temporary files.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>
#include <string>
#include <vector>

#include "sim/config/scenario-loader.h"

namespace cdnmesh {

/// Loads `yaml` as "test.yaml" with relative paths against the test temp dir.
inline Result<ScenarioConfig> LoadYaml(const std::string& yaml,
                                       const std::vector<std::string>& overrides = {}) {
  return LoadScenarioText(yaml, ::testing::TempDir(), "test.yaml", overrides);
}

/// Loads `yaml`, failing the test with the error message if it does not load.
inline ScenarioConfig LoadOk(const std::string& yaml,
                             const std::vector<std::string>& overrides = {}) {
  Result<ScenarioConfig> result = LoadYaml(yaml, overrides);
  EXPECT_TRUE(result.ok()) << result.error().message;
  return result.ok() ? result.value() : ScenarioConfig{};
}

/// The error message of loading `yaml` ("" and a test failure if it loads).
inline std::string LoadError(const std::string& yaml,
                             const std::vector<std::string>& overrides = {}) {
  Result<ScenarioConfig> result = LoadYaml(yaml, overrides);
  EXPECT_FALSE(result.ok()) << "loaded but should not:\n" << yaml;
  return result.ok() ? "" : result.error().message;
}

/// A file name in the test temp dir unique to this process: "<pid>_<name>".
inline std::string TempName(const std::string& name) {
  return std::to_string(static_cast<long>(::getpid())) + "_" + name;
}

/// Writes `text` to TempName(name) in the test temp dir and returns the full path.
inline std::string WriteTempFile(const std::string& name, const std::string& text) {
  const std::string path = ::testing::TempDir() + TempName(name);
  std::ofstream(path, std::ios::binary) << text;
  return path;
}

}  // namespace cdnmesh
