// Candidate sources: each adds to a request's CandidateSet the members one index ranks best.
// Single-criterion policies use one source; the hybrid policy pools several. Every source only
// visits members the requester can reach (indexes are split by NAT type) and does work bounded
// by the number of candidates asked for plus those already picked.
#pragma once

#include <cstddef>

#include "core/common/random.h"
#include "core/matching/candidate_set.h"
#include "core/matching/geo.h"
#include "core/matching/matching_config.h"
#include "core/matching/swarm_member.h"
#include "core/matching/swarm.h"

namespace cdnmesh {

/// What the sources need to know about the requester.
struct RequesterView {
  const SwarmMember* peer = nullptr;  ///< not owned; outlives the request
  MemberSlot slot = kNoMemberSlot;             ///< its slot in the swarm, or kNoMemberSlot
  NatMask reachable = 0;                 ///< NAT types it can connect to directly
  Vec3 origin;                           ///< unit vector of its location
  /// Share of the answer its ISP can serve from inside (Swarm::LocalSupplyShare); 1 unless a
  /// policy that weighs locality sets it.
  double local_share = 1.0;
};

/// Builds the view of `requester` within `swarm` (`requester` must outlive the view).
RequesterView ViewOf(const Swarm& swarm, const SwarmMember& requester);

/// How many of `wanted` candidates a locality criterion may pick for `who`: `wanted` x its ISP's
/// Swarm::LocalSupplyShare, rounded to the nearest.
std::size_t LocalCandidateCount(const Swarm& swarm, const RequesterView& who, std::size_t wanted,
                                const LocalityConfig& config);

/// Adds up to `count` members sampled uniformly among all reachable ones. Returns how many.
std::size_t CollectRandom(const Swarm& swarm, const RequesterView& who, std::size_t count, Rng& rng,
                          CandidateSet* picked);
/// Adds up to `count` members sampled uniformly among reachable ones in the requester's ISP.
std::size_t CollectSameIsp(const Swarm& swarm, const RequesterView& who, std::size_t count,
                           Rng& rng, CandidateSet* picked);
/// Adds up to `count` reachable members nearest the requester, nearest first (see
/// GeoIndex::CollectNearest for the exactness caveat on piles of coincident peers).
std::size_t CollectNearest(const Swarm& swarm, const RequesterView& who, std::size_t count,
                           int max_cells_opened, Rng& rng, CandidateSet* picked);
/// Adds up to `count` reachable members from the highest capacity classes down (random within a
/// class); members that upload nothing only when `include_non_uploaders`.
std::size_t CollectTopCapacity(const Swarm& swarm, const RequesterView& who, std::size_t count,
                               bool include_non_uploaders, Rng& rng, CandidateSet* picked);
/// Adds up to `count` reachable uploaders, each drawn with odds proportional to its usable
/// upload (its capacity class's middle), without replacement; then, when
/// `include_non_uploaders` and too few uploaders exist, members that upload nothing.
std::size_t CollectByCapacityWeight(const Swarm& swarm, const RequesterView& who,
                                    std::size_t count, bool include_non_uploaders, Rng& rng,
                                    CandidateSet* picked);
/// Adds up to `count` reachable members from the position buckets closest to the requester's
/// (random within equally close buckets).
std::size_t CollectNearPosition(const Swarm& swarm, const RequesterView& who, std::size_t count,
                                Rng& rng, CandidateSet* picked);

}  // namespace cdnmesh
