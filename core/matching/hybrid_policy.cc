#include "core/matching/hybrid_policy.h"

#include <algorithm>
#include <cassert>
#include <cstdint>
#include <cstdlib>
#include <utility>

namespace cdnmesh {
namespace {

double DeviceTerm(DeviceClass device) {
  switch (device) {
    case DeviceClass::kDesktop:
      return 1.0;
    case DeviceClass::kTv:
      return 0.8;
    case DeviceClass::kMobileWifi:
      return 0.5;
    case DeviceClass::kMobileCellular:
      return 0.0;
  }
  return 0.0;
}

double NatTerm(NatType nat) {
  switch (nat) {
    case NatType::kOpen:
      return 1.0;
    case NatType::kRestrictedCone:
      return 0.75;
    case NatType::kPortRestricted:
      return 0.5;
    case NatType::kSymmetric:
      return 0.25;
  }
  return 0.0;
}

struct Ranked {
  double score;
  std::uint64_t tie_break;
  std::uint32_t index;  // into the pool
};

}  // namespace

double HybridScore(const HybridPolicyConfig& config, const RequesterView& who,
                   const SwarmMember& candidate, const Vec3& candidate_unit) {
  double score = 0.0;
  // Locality counts only as far as the requester's ISP can serve itself.
  if (config.isp_weight > 0.0 && candidate.isp == who.peer->isp) {
    score += config.isp_weight * who.local_share;
  }
  if (config.distance_weight > 0.0) {
    const double km = ChordToKm(ChordBetween(who.origin, candidate_unit));
    score += config.distance_weight * who.local_share / (1.0 + km / config.distance_scale_km);
  }
  if (config.capacity_weight > 0.0) {
    const double up = static_cast<double>(UsableUploadBps(candidate));
    score += config.capacity_weight * up / (up + static_cast<double>(config.capacity_half_bps));
  }
  if (config.position_weight > 0.0) {
    const double gap =
        std::abs(static_cast<double>(candidate.position_seq - who.peer->position_seq));
    score += config.position_weight / (1.0 + gap / config.position_scale_segments);
  }
  score += config.device_weight * DeviceTerm(candidate.device);
  score += config.nat_weight * NatTerm(candidate.nat);
  return score;
}

HybridPolicy::HybridPolicy(HybridPolicyConfig config, LocalityConfig locality)
    : config_(config), locality_(locality) {
  assert(ValidateHybridPolicyConfig(config_).ok());
  assert(ValidateLocalityConfig(locality_).ok());
}

void HybridPolicy::GatherPool(const Swarm& swarm, const RequesterView& who, std::size_t wanted,
                              Rng& rng, CandidateSet* pool) const {
  const std::size_t target = wanted * static_cast<std::size_t>(config_.pool_multiplier);
  const int sources = (config_.isp_weight > 0.0) + (config_.distance_weight > 0.0) +
                      (config_.capacity_weight > 0.0) + (config_.position_weight > 0.0);
  // Every active source contributes at least `wanted`, so a single nonzero weight reproduces
  // the matching single-criterion policy; the rest of the pool is a uniform sample.
  const std::size_t each = std::max(wanted, target / static_cast<std::size_t>(sources + 1));
  if (config_.isp_weight > 0.0) CollectSameIsp(swarm, who, each, rng, pool);
  if (config_.distance_weight > 0.0) {
    CollectNearest(swarm, who, each, config_.max_cells_opened, rng, pool);
  }
  if (config_.capacity_weight > 0.0) CollectByCapacityWeight(swarm, who, each, true, rng, pool);
  if (config_.position_weight > 0.0) CollectNearPosition(swarm, who, each, rng, pool);
  const std::size_t total = std::max(target, wanted);
  if (pool->size() < total) CollectRandom(swarm, who, total - pool->size(), rng, pool);
}

void HybridPolicy::MatchInto(const Swarm& swarm, const SwarmMember& requester,
                             int max_candidates, Rng& rng, std::vector<PeerId>* out) const {
  out->clear();
  if (max_candidates <= 0) return;
  const auto wanted = static_cast<std::size_t>(max_candidates);
  RequesterView who = ViewOf(swarm, requester);
  who.local_share = swarm.LocalSupplyShare(requester.isp, locality_.supply_headroom);
  CandidateSet pool(who.slot, wanted * static_cast<std::size_t>(config_.pool_multiplier));
  GatherPool(swarm, who, wanted, rng, &pool);
  // Copy what the score reads first: the pool is scattered over the swarm, and a tight copy loop
  // lets the memory loads overlap instead of stalling the scoring one candidate at a time.
  std::vector<std::pair<SwarmMember, Vec3>> members;
  members.reserve(pool.size());
  for (const MemberSlot slot : pool.slots()) {
    members.emplace_back(swarm.member(slot), swarm.unit_vector(slot));
  }
  std::vector<Ranked> ranked;
  ranked.reserve(pool.size());
  for (std::size_t i = 0; i < members.size(); ++i) {
    const double score = HybridScore(config_, who, members[i].first, members[i].second);
    ranked.push_back({score, rng.NextU64(), static_cast<std::uint32_t>(i)});
  }
  const std::size_t keep = std::min(wanted, ranked.size());
  std::partial_sort(ranked.begin(), ranked.begin() + static_cast<std::ptrdiff_t>(keep),
                    ranked.end(), [](const Ranked& a, const Ranked& b) {
                      return a.score != b.score ? a.score > b.score : a.tie_break < b.tie_break;
                    });
  out->reserve(keep);
  for (std::size_t i = 0; i < keep; ++i) {
    out->push_back(members[static_cast<std::size_t>(ranked[i].index)].first.id);
  }
}

}  // namespace cdnmesh
