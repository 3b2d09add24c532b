// Helpers for the audience tests: a seeded generator and the whole generated audience.
#pragma once

#include <cstdint>
#include <utility>
#include <vector>

#include "models/audience/audience-generator.h"
#include "ns3/rng-seed-manager.h"

namespace cdnmesh::testing {

inline constexpr TimeUs kHourUs = 3600 * kUsPerSecond;

/// A config with no initial viewers, no cap and a flash crowd of `viewers` (override as needed).
inline AudienceConfig BaseConfig() {
  AudienceConfig config;
  config.arrivals.initial_viewers = 0;
  return config;
}

/// All viewers of `config` with ns-3 seed `seed`, run `run` and streams from `stream`.
inline std::vector<ViewerSpec> Generate(const AudienceConfig& config, TimeUs run_end_us,
                                        std::vector<double> isp_shares = {1.0},
                                        DurationUs title_us = 600 * kUsPerSecond,
                                        std::uint32_t seed = 1, std::uint64_t run = 1,
                                        std::int64_t stream = 100) {
  ns3::RngSeedManager::SetSeed(seed);
  ns3::RngSeedManager::SetRun(run);
  AudienceGenerator generator(config, std::move(isp_shares), title_us, run_end_us);
  generator.AssignStreams(stream);
  std::vector<ViewerSpec> viewers;
  ViewerSpec viewer;
  while (generator.Next(&viewer)) viewers.push_back(viewer);
  return viewers;
}

/// How many of `viewers` joined in [from_us, to_us).
inline std::int64_t CountJoins(const std::vector<ViewerSpec>& viewers, TimeUs from_us,
                               TimeUs to_us) {
  std::int64_t count = 0;
  for (const ViewerSpec& v : viewers) count += v.join_us >= from_us && v.join_us < to_us;
  return count;
}

}  // namespace cdnmesh::testing
