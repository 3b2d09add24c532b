// Single-criterion matching policies: each ranks candidates by one index of the swarm.
#pragma once

#include <string_view>
#include <vector>

#include "core/matching/matching_config.h"
#include "core/matching/policy.h"

namespace cdnmesh {

/// "random": a uniform random sample of the reachable swarm (the WebTorrent-tracker baseline).
class RandomPolicy final : public MatchingPolicy {
 public:
  /// Returns "random".
  std::string_view name() const override { return "random"; }
  /// See MatchingPolicy::MatchInto; order is random.
  void MatchInto(const Swarm& swarm, const SwarmMember& requester, int max_candidates, Rng& rng,
                 std::vector<PeerId>* out) const override;
};

/// "same_isp": a random sample of reachable peers in the requester's ISP, then random others.
/// An ISP whose members cannot upload what they draw (LocalityConfig) keeps only its share of
/// the answer inside; the rest are uploaders drawn by capacity from the whole swarm.
class SameIspPolicy final : public MatchingPolicy {
 public:
  /// `config` must pass ValidateLocalityConfig.
  explicit SameIspPolicy(LocalityConfig config = {}) : config_(config) {}
  /// Returns "same_isp".
  std::string_view name() const override { return "same_isp"; }
  /// See MatchingPolicy::MatchInto; same-ISP peers come first.
  void MatchInto(const Swarm& swarm, const SwarmMember& requester, int max_candidates, Rng& rng,
                 std::vector<PeerId>* out) const override;

 private:
  LocalityConfig config_;
};

/// "nearest": the reachable peers nearest by great-circle distance, nearest first (exact unless
/// the cell cap is hit). Under-supplied ISPs keep only their share nearby, as in same_isp.
class NearestPolicy final : public MatchingPolicy {
 public:
  /// `config` and `locality` must pass their Validate functions.
  explicit NearestPolicy(NearestPolicyConfig config = {}, LocalityConfig locality = {})
      : config_(config), locality_(locality) {}
  /// Returns "nearest".
  std::string_view name() const override { return "nearest"; }
  /// See MatchingPolicy::MatchInto; nearest first.
  void MatchInto(const Swarm& swarm, const SwarmMember& requester, int max_candidates, Rng& rng,
                 std::vector<PeerId>* out) const override;

 private:
  NearestPolicyConfig config_;
  LocalityConfig locality_;
};

/// "capacity": reachable uploaders drawn with odds proportional to their usable upload, so each
/// gets requests in proportion to what it can serve; peers that upload nothing (mobile on
/// cellular) only when too few uploaders are reachable.
class CapacityPolicy final : public MatchingPolicy {
 public:
  /// Takes the policy's configuration.
  explicit CapacityPolicy(CapacityPolicyConfig config = {}) : config_(config) {}
  /// Returns "capacity".
  std::string_view name() const override { return "capacity"; }
  /// See MatchingPolicy::MatchInto; highest class first.
  void MatchInto(const Swarm& swarm, const SwarmMember& requester, int max_candidates, Rng& rng,
                 std::vector<PeerId>* out) const override;

 private:
  CapacityPolicyConfig config_;
};

/// "position": reachable peers whose playback position is closest to the requester's (random
/// among equally close position buckets).
class PositionPolicy final : public MatchingPolicy {
 public:
  /// Returns "position".
  std::string_view name() const override { return "position"; }
  /// See MatchingPolicy::MatchInto; closest position first.
  void MatchInto(const Swarm& swarm, const SwarmMember& requester, int max_candidates, Rng& rng,
                 std::vector<PeerId>* out) const override;
};

/// Replaces `*out` with the ids of the members in `picked`, in pick order.
void CandidatesToIds(const Swarm& swarm, const CandidateSet& picked, std::vector<PeerId>* out);

}  // namespace cdnmesh
