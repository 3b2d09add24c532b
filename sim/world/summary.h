// Computes the run's summary metrics over the measurement window from the finished sessions
// and the world's counters at the window's edges.
#pragma once

#include <vector>

#include "models/network/transport.h"
#include "models/peer/mesh-network.h"
#include "models/services/service-host.h"
#include "models/signaling/signaling.h"
#include "models/topology/topology.h"
#include "sim/config/scenario-config.h"
#include "sim/world/measurement-window.h"
#include "sim/world/run-result.h"
#include "sim/world/sampler.h"
#include "sim/world/tight-bound-recorder.h"

namespace cdnmesh {

/// The parts of the world whose counters the summary reads; every pointer is non-null.
struct WorldView {
  const Topology* topology;
  const Transport* transport;
  const ServiceHost* services;
  const Signaling* signaling;
  const MeshNetwork* mesh;
  const FailureStats* failures;
};

/// World-wide counters at one instant; the summary uses their change over the window.
struct WorldCounters {
  std::vector<double> pop_egress_bytes;  ///< per PoP
  double transit_bytes = 0;              ///< over every inter-ISP transit link
  double tracker_requests = 0;
  double distributor_requests = 0;
  double connection_attempts = 0;
  double nat_traversal_failures = 0;
  double connection_timeouts = 0;
  double connections_to_departed = 0;
  double silent_departures = 0;
  double uplink_stalls = 0;
  double background_uploads = 0;
  double peer_messages = 0;
  double service_messages = 0;
  double encoded_message_bytes = 0;
};

/// The counters at `now_us`.
WorldCounters ReadWorldCounters(const WorldView& world, TimeUs now_us);

/// What the summary is computed from; every pointer is non-null.
struct SummaryInputs {
  const ScenarioConfig* config;
  const std::vector<PeerRecord>* records;  ///< every session, finished
  const WorldView* world;
  const Sampler* sampler;
  const MeasurementWindow* window;
  const WorldCounters* at_start;  ///< counters at the window's start
  const WorldCounters* at_end;    ///< counters at the window's end
  const TightBoundRecorder* tight;
};

/// Fills every metric of RunSummary (events excepted).
RunSummary ComputeSummary(const SummaryInputs& in);

}  // namespace cdnmesh
