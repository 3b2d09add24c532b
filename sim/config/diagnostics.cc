#include "sim/config/diagnostics.h"

#include <utility>

namespace cdnmesh {
namespace {

constexpr std::size_t kMaxMessages = 20;

}  // namespace

Diagnostics::Diagnostics(std::string origin) : origin_(std::move(origin)) {}

std::string PositionOf(const std::string& origin, const YAML::Node& node) {
  if (!node.IsDefined() || node.Mark().is_null()) return origin;
  const YAML::Mark mark = node.Mark();
  return origin + ":" + std::to_string(mark.line + 1) + ":" + std::to_string(mark.column + 1);
}

void Diagnostics::Add(const YAML::Node& at, const std::string& path, const std::string& message) {
  const std::string where = PositionOf(origin_, at);
  messages_.push_back(where + ": " + (path.empty() ? "" : path + ": ") + message);
}

void Diagnostics::Add(const std::string& path, const std::string& message) {
  messages_.push_back(origin_ + ": " + (path.empty() ? "" : path + ": ") + message);
}

Error Diagnostics::ToError() const {
  std::string text;
  for (std::size_t i = 0; i < messages_.size() && i < kMaxMessages; ++i) {
    if (i > 0) text += "\n";
    text += messages_[i];
  }
  if (messages_.size() > kMaxMessages) {
    text += "\n(" + std::to_string(messages_.size() - kMaxMessages) + " more errors)";
  }
  return Error{text};
}

}  // namespace cdnmesh
