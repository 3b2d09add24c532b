// Consistency of a parsed scenario: cross-section rules and the core validators, every message
// naming key paths as written in the YAML.
#pragma once

#include <string>

#include "core/common/result.h"
#include "sim/config/diagnostics.h"
#include "sim/config/scenario-config.h"

namespace cdnmesh {

/// Checks `config` (already range-checked per key); errors go to `diag`.
void ValidateScenario(const ScenarioConfig& config, Diagnostics& diag);

/// Checks one client config against the stream; `prefix` precedes its key paths ("" for the
/// base config, "distributor.overrides[0].set." for an override).
void ValidateClient(const PeerConfig& peer, const StreamConfig& stream, const std::string& prefix,
                    Diagnostics& diag);

/// Reports a failed core validator ("field_us: message") as "<prefix>field_s: message".
void ReportCoreStatus(const Status& status, const std::string& prefix, Diagnostics& diag);

}  // namespace cdnmesh
