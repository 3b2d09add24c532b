// Collects configuration errors, each naming the source, the YAML line and column when known,
// and the key path.
#pragma once

#include <yaml-cpp/yaml.h>

#include <string>
#include <vector>

#include "core/common/result.h"

namespace cdnmesh {

/// Configuration errors found so far for one source (file name or "<dict>").
class Diagnostics {
 public:
  /// `origin` prefixes every message (e.g. "scenario.yaml").
  explicit Diagnostics(std::string origin);

  /// An error at `at` (its line:col is added when the node has a position) for key `path`.
  void Add(const YAML::Node& at, const std::string& path, const std::string& message);
  /// An error for key `path` without a position.
  void Add(const std::string& path, const std::string& message);
  /// True while no error was added.
  bool ok() const { return messages_.empty(); }
  /// Number of errors so far.
  std::size_t count() const { return messages_.size(); }
  /// All errors, one per line (capped), as one Error.
  Error ToError() const;
  /// The source name.
  const std::string& origin() const { return origin_; }

 private:
  std::string origin_;
  std::vector<std::string> messages_;
};

/// The position prefix "origin:line:col" (1-based) of `node`, or "origin" when it has none.
std::string PositionOf(const std::string& origin, const YAML::Node& node);

}  // namespace cdnmesh
