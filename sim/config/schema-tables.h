// The schema tables: every key of a scenario, defined once. Split by section over
// schema-run.cc, schema-audience.cc, schema-topology.cc, schema-network.cc, schema-peer.cc,
// schema-services.cc, schema-failures.cc.
#pragma once

#include <string>
#include <vector>

#include "sim/config/scenario-config.h"
#include "sim/config/schema-field.h"

namespace cdnmesh {

/// Every entry of a scenario (lists included), in documentation order. Built once.
const std::vector<Field<ScenarioConfig>>& ScenarioFields();

/// A client's entries: p2p.*, scheduler.*, player.* (also the keys of distributor `set` maps).
const std::vector<Field<PeerConfig>>& PeerFields();

/// Appends name, run.*, stream.* (with stream.renditions) and catalog.*.
void AppendRunStreamFields(std::vector<Field<ScenarioConfig>>& out);
/// Appends audience.*.
void AppendAudienceFields(std::vector<Field<ScenarioConfig>>& out);
/// Appends isps, cdn.*, transit.*, transport.*.
void AppendTopologyFields(std::vector<Field<ScenarioConfig>>& out);
/// Appends network.* (fidelity and packet-level knobs).
void AppendNetworkFields(std::vector<Field<ScenarioConfig>>& out);
/// Appends tracker.*, signaling.*, distributor.* (with distributor.overrides).
void AppendServiceFields(std::vector<Field<ScenarioConfig>>& out);
/// Appends failures.* (silent departures, stalls, background uploads).
void AppendFailureFields(std::vector<Field<ScenarioConfig>>& out);

/// An ISP with the default access profiles of every device class.
IspConfig DefaultIsp(const std::string& name);
/// A PoP with default settings.
PopConfig DefaultPop(const std::string& name);

}  // namespace cdnmesh
