// One experiment of the flow-model fit (flow-fit.h): a busy access link, one probe transfer.
#pragma once

#include <cstdint>

#include "core/common/time.h"
#include "models/network/flow-transport.h"
#include "sim/config/scenario-config.h"

namespace cdnmesh {

/// What the probe crosses.
enum class ProbeKind {
  kPeerOnBusyUplink,   ///< a peer upload from a viewer whose uplink long uploads fill
  kCdnWithBusyUplink,  ///< a CDN download to that viewer: its ACKs queue on the busy uplink
  kCdnOnBusyDownlink,  ///< a CDN download to a viewer whose downlink long downloads fill
};

/// One experiment.
struct ProbeCase {
  ProbeKind kind = ProbeKind::kPeerOnBusyUplink;
  DurationUs access_latency_us = 10'000;
  double busy_link_bps = 5e6;  ///< the busy viewer's uplink, or its downlink (kCdnOnBusyDownlink)
  int background = 1;          ///< long transfers filling that link
  std::int64_t size_bytes = 500'000;
};

/// The probe's time at one fidelity, and (flow fidelity only) the correction's inputs.
struct ProbeResult {
  bool done = false;
  double seconds = 0;
  QueueTerms terms;
};

/// The scenario the experiment runs on at `fidelity` (one ISP and PoP, no distance, the flow
/// model's slow-start correction on with its queueing factors 0).
ScenarioConfig ProbeScenario(const ProbeCase& c, const PacketConfig& packet,
                             NetworkFidelity fidelity);
/// Runs the experiment in a fresh ns-3 simulation.
ProbeResult RunProbe(const ScenarioConfig& config, const ProbeCase& c);

}  // namespace cdnmesh
