// Runs a scenario: builds the world (streams, topology, services, audience) on ns-3's simulator,
// runs it for the scenario's duration and collects the results.
#pragma once

#include <functional>

#include "core/common/result.h"
#include "sim/config/scenario-config.h"
#include "sim/world/event-queue.h"
#include "sim/world/run-result.h"

namespace cdnmesh {

/// How to run.
struct RunOptions {
  /// Print a progress line on stderr (in place on a terminal; one final line otherwise).
  bool progress = false;
  /// Polled about once per simulated second; returning true stops the run, which then fails
  /// with "interrupted" (the Python bindings turn Ctrl-C into KeyboardInterrupt this way).
  std::function<bool()> interrupted;
  /// Keep each completed transfer's time in RunResult::transfer_times (cross-check).
  bool record_transfer_times = false;
  /// The event scheduler; results are the same with every one (event-queue.h).
  EventQueueKind event_queue = EventQueueKind::kBucket;
};

/// Runs a validated scenario to its end. Same scenario and seed give identical results.
/// Leaves ns-3's simulator destroyed (so another run can follow in the same process).
Result<RunResult> RunScenario(const ScenarioConfig& config, const RunOptions& options = {});

}  // namespace cdnmesh
