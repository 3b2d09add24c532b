// Walking a YAML map against the dotted keys of a schema table: sections descend, unknown keys
// are reported with a suggestion among their siblings, duplicates and missing required keys are
// reported. Knows nothing about the struct the table binds to.
#pragma once

#include <yaml-cpp/yaml.h>

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "sim/config/diagnostics.h"
#include "sim/config/schema-field.h"

namespace cdnmesh {

/// Called for each entry found: its index in the specs, its value node and its key path.
using EntryVisitor =
    std::function<void(std::size_t index, const YAML::Node& value, const std::string& path)>;

/// Walks `node` (a map; null counts as empty) against the keys of `specs`. A key may be written
/// nested (`scheduler: {upload_slots: 1}`) or dotted (`scheduler.upload_slots: 1`). `path_base`
/// prefixes every reported path (e.g. "isps[0].").
void WalkMap(const std::vector<const FieldSpec*>& specs, const YAML::Node& node,
             const std::string& path_base, Diagnostics& diag, const EntryVisitor& visit);

}  // namespace cdnmesh
