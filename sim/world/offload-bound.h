// The loose offload bound (docs/metrics.md) for the population a run actually had:
// offload <= min(1 - K/N, u/r), where N is the mean number of viewers, K the mean number of
// groups that cannot share (non-empty (content, rendition) swarms), u the mean usable upload
// capacity and r the mean bitrate fetched. Each segment must enter each group from the CDN at
// least once, and peers cannot upload more than their capacity.
#pragma once

#include "sim/world/sampler.h"

namespace cdnmesh {

/// The bound in [0, 1] from the sampled inputs (NaN when no viewer was sampled). CDN-only viewers
/// count as groups of their own and offer no upload, so an all-CDN run has bound 0.
double TheoreticalOffloadBound(const BoundInputs& inputs);

}  // namespace cdnmesh
