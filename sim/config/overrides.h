// `--set key.path=value` overrides, applied to the YAML document before typed parsing so that
// validation sees them.
#pragma once

#include <yaml-cpp/yaml.h>

#include <string>

#include "core/common/result.h"

namespace cdnmesh {

/// Applies one override "key.path=value" (value in YAML syntax, e.g. `8`, `false`, `buffer`,
/// `[1, 2]`) to the document `root` (a map). List elements are addressed as `isps[1]`; a list
/// absent from the document is first filled with its default elements. Addressing a missing
/// element is an error naming the path. Modifies `root` in place (nodes not on the path keep
/// their source positions).
Status ApplyOverride(YAML::Node& root, const std::string& assignment);

}  // namespace cdnmesh
