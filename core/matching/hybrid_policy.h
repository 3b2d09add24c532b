// "hybrid": gathers a bounded pool (pool_multiplier x K) from the same-ISP, spatial, capacity and
// position indexes plus a random sample, then ranks the pool by a weighted score of ISP match,
// distance, usable upload, playback position, device class and NAT ease (HybridPolicyConfig).
// The ISP and distance terms are scaled by the requester's ISP's local supply share
// (LocalityConfig), so an ISP of slow uplinks looks for uploaders elsewhere.
#pragma once

#include <string_view>
#include <vector>

#include "core/matching/candidate_sources.h"
#include "core/matching/matching_config.h"
#include "core/matching/policy.h"

namespace cdnmesh {

/// Score of `candidate` for the requester in `who`, in [0, sum of weights]; higher is better.
/// `candidate_unit` is the unit vector of the candidate's location.
double HybridScore(const HybridPolicyConfig& config, const RequesterView& who,
                   const SwarmMember& candidate, const Vec3& candidate_unit);

/// The weighted multi-criterion policy.
class HybridPolicy final : public MatchingPolicy {
 public:
  /// `config` and `locality` must pass their Validate functions.
  explicit HybridPolicy(HybridPolicyConfig config = {}, LocalityConfig locality = {});
  /// Returns "hybrid".
  std::string_view name() const override { return "hybrid"; }
  /// See MatchingPolicy::MatchInto; highest score first, ties broken at random.
  void MatchInto(const Swarm& swarm, const SwarmMember& requester, int max_candidates, Rng& rng,
                 std::vector<PeerId>* out) const override;

 private:
  void GatherPool(const Swarm& swarm, const RequesterView& who, std::size_t wanted, Rng& rng,
                  CandidateSet* pool) const;

  HybridPolicyConfig config_;
  LocalityConfig locality_;
};

}  // namespace cdnmesh
