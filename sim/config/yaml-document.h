// Parsing YAML text that must hold exactly one document. yaml-cpp's Load reads the first and
// ignores the rest; its LoadAll loops for ever on some malformed text (a stray ',' at the top
// level makes the parser return empty documents without end, found by scenario_fuzz).
#pragma once

#include <yaml-cpp/yaml.h>

#include <string>

#include "core/common/result.h"

namespace cdnmesh {

/// The single document of `text` (an undefined node for empty text). Errors name `origin` and
/// the line: YAML syntax, or a second document.
Result<YAML::Node> LoadSingleDocument(const std::string& text, const std::string& origin);

}  // namespace cdnmesh
