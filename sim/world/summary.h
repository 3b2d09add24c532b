// Computes the run's summary metrics from the finished sessions and the world's counters.
#pragma once

#include <vector>

#include "models/network/transport.h"
#include "models/peer/mesh-network.h"
#include "models/services/service-host.h"
#include "models/signaling/signaling.h"
#include "models/topology/topology.h"
#include "sim/config/scenario-config.h"
#include "sim/world/run-result.h"
#include "sim/world/sampler.h"

namespace cdnmesh {

/// What the summary is computed from; every pointer is non-null.
struct SummaryInputs {
  const ScenarioConfig* config;
  const std::vector<PeerRecord>* records;
  const Topology* topology;
  const Transport* transport;
  const ServiceHost* services;
  const Signaling* signaling;
  const MeshNetwork* mesh;
  const Sampler* sampler;
  TimeUs end_us;
};

/// Fills every metric of RunSummary (events excepted).
RunSummary ComputeSummary(const SummaryInputs& in);

}  // namespace cdnmesh
