#include "core/matching/simple_policies.h"

#include <algorithm>
#include <cstddef>

#include "core/matching/candidate_sources.h"

namespace cdnmesh {
namespace {
std::size_t Wanted(int max_candidates) {
  return static_cast<std::size_t>(std::max(0, max_candidates));
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
  CollectSameIsp(swarm, who, wanted, rng, &picked);
  CollectRandom(swarm, who, wanted - picked.size(), rng, &picked);
  CandidatesToIds(swarm, picked, out);
}

void NearestPolicy::MatchInto(const Swarm& swarm, const SwarmMember& requester,
                              int max_candidates, Rng& rng, std::vector<PeerId>* out) const {
  const RequesterView who = ViewOf(swarm, requester);
  CandidateSet picked(who.slot, Wanted(max_candidates));
  CollectNearest(swarm, who, Wanted(max_candidates), config_.max_cells_opened, rng, &picked);
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
