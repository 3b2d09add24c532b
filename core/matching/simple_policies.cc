#include "core/matching/simple_policies.h"

#include <algorithm>
#include <cstddef>

#include "core/matching/candidate_sources.h"

namespace cdnmesh {
namespace {
std::size_t Wanted(int max_candidates) {
  return static_cast<std::size_t>(std::max(0, max_candidates));
}
// Tops `picked` up to `wanted`: when locality gave fewer than all (`local` < `wanted`), with
// uploaders drawn by capacity from the whole swarm first; then with random members.
void FillFromUploaders(const Swarm& swarm, const RequesterView& who, std::size_t wanted,
                       std::size_t local, Rng& rng, CandidateSet* picked) {
  if (local < wanted && picked->size() < wanted) {
    CollectByCapacityWeight(swarm, who, wanted - picked->size(), false, rng, picked);
  }
  if (picked->size() < wanted) CollectRandom(swarm, who, wanted - picked->size(), rng, picked);
}

}  // namespace

void CandidatesToIds(const Swarm& swarm, const CandidateSet& picked, std::vector<PeerId>* out) {
  out->clear();
  out->reserve(picked.size());
  for (const MemberSlot slot : picked.slots()) out->push_back(swarm.member(slot).id);
}

void RandomPolicy::MatchInto(const Swarm& swarm, const SwarmMember& requester,
                             int max_candidates, Rng& rng, std::vector<PeerId>* out) const {
  const RequesterView who = ViewOf(swarm, requester);
  CandidateSet picked(who.slot, Wanted(max_candidates));
  CollectRandom(swarm, who, Wanted(max_candidates), rng, &picked);
  CandidatesToIds(swarm, picked, out);
}

void SameIspPolicy::MatchInto(const Swarm& swarm, const SwarmMember& requester,
                              int max_candidates, Rng& rng, std::vector<PeerId>* out) const {
  const RequesterView who = ViewOf(swarm, requester);
  const std::size_t wanted = Wanted(max_candidates);
  CandidateSet picked(who.slot, wanted);
  const std::size_t local = LocalCandidateCount(swarm, who, wanted, config_);
  CollectSameIsp(swarm, who, local, rng, &picked);
  FillFromUploaders(swarm, who, wanted, local, rng, &picked);
  CandidatesToIds(swarm, picked, out);
}

void NearestPolicy::MatchInto(const Swarm& swarm, const SwarmMember& requester,
                              int max_candidates, Rng& rng, std::vector<PeerId>* out) const {
  const RequesterView who = ViewOf(swarm, requester);
  const std::size_t wanted = Wanted(max_candidates);
  CandidateSet picked(who.slot, wanted);
  const std::size_t local = LocalCandidateCount(swarm, who, wanted, locality_);
  CollectNearest(swarm, who, local, config_.max_cells_opened, rng, &picked);
  if (local < wanted) FillFromUploaders(swarm, who, wanted, local, rng, &picked);
  CandidatesToIds(swarm, picked, out);
}

void CapacityPolicy::MatchInto(const Swarm& swarm, const SwarmMember& requester,
                               int max_candidates, Rng& rng, std::vector<PeerId>* out) const {
  const RequesterView who = ViewOf(swarm, requester);
  CandidateSet picked(who.slot, Wanted(max_candidates));
  CollectByCapacityWeight(swarm, who, Wanted(max_candidates), config_.include_non_uploaders, rng,
                          &picked);
  CandidatesToIds(swarm, picked, out);
}

void PositionPolicy::MatchInto(const Swarm& swarm, const SwarmMember& requester,
                               int max_candidates, Rng& rng, std::vector<PeerId>* out) const {
  const RequesterView who = ViewOf(swarm, requester);
  CandidateSet picked(who.slot, Wanted(max_candidates));
  CollectNearPosition(swarm, who, Wanted(max_candidates), rng, &picked);
  CandidatesToIds(swarm, picked, out);
}

}  // namespace cdnmesh
