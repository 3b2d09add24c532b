// Small scenarios built in code for the world's invariant tests (no YAML involved).
#pragma once

#include <gtest/gtest.h>

#include "sim/config/scenario-config.h"
#include "sim/world/world.h"

namespace cdnmesh::testing {

/// A static live swarm: `viewers` join in the first 5 s and stay; one ISP, one PoP, ample
/// access capacity; `duration_s` simulated seconds.
inline ScenarioConfig StaticSwarm(int viewers, int duration_s) {
  ScenarioConfig c;
  c.name = "test";
  c.run.seed = 7;
  c.run.duration_us = duration_s * kUsPerSecond;
  c.run.timeseries_interval_us = 10 * kUsPerSecond;
  c.stream.stream.ladder = {{2'000'000, 720}};  // one rendition: K = 1 swarm
  c.audience.arrivals.kind = ArrivalKind::kConstant;
  c.audience.arrivals.rate_per_s = 0;
  c.audience.arrivals.initial_viewers = viewers;
  c.audience.arrivals.initial_join_window_us = 5 * kUsPerSecond;
  c.audience.session.kind = SessionKind::kUntilEnd;
  c.audience.device_mix = {1, 0, 0, 0};
  IspConfig isp;
  isp.name = "isp";
  for (AccessProfileConfig& access : isp.access) {
    access.down_bps = DistributionConfig::Constant(50e6);
    access.up_bps = DistributionConfig::Constant(20e6);
  }
  c.topology.isps = {isp};
  PopConfig pop;
  pop.name = "pop";
  c.topology.pops = {pop};
  return c;
}

/// Sets every device class's upload capacity in every ISP to `up_bps`.
inline void SetUpload(ScenarioConfig* c, double up_bps) {
  for (IspConfig& isp : c->topology.isps) {
    for (AccessProfileConfig& access : isp.access) {
      access.up_bps = DistributionConfig::Constant(up_bps);
    }
  }
}

/// Runs `c`; fails the calling test (via the returned empty result) on error.
inline RunResult MustRun(const ScenarioConfig& c) {
  Result<RunResult> result = RunScenario(c);
  if (!result.ok()) {
    ADD_FAILURE() << result.error().message;
    return RunResult{};
  }
  return std::move(result).value();
}

}  // namespace cdnmesh::testing
