// The interface every matching policy implements: given a swarm and a requesting peer, return
// up to K distinct members it can connect to directly, best first, never the requester itself.
#pragma once

#include <string_view>
#include <vector>

#include "core/common/random.h"
#include "core/common/types.h"
#include "core/matching/swarm_member.h"
#include "core/matching/swarm.h"

namespace cdnmesh {

/// A matching policy (stateless apart from its configuration; safe to share across swarms).
class MatchingPolicy {
 public:
  virtual ~MatchingPolicy() = default;

  /// The name MakeMatchingPolicy accepts for this policy ("random", "nearest", ...).
  virtual std::string_view name() const = 0;

  /// Replaces `*out` with up to `max_candidates` distinct members of `swarm` that `requester`
  /// can connect to directly (NatPairConnectable), best first, excluding `requester.id`. The
  /// requester need not be a member. Work is bounded by the request, not the swarm size.
  virtual void MatchInto(const Swarm& swarm, const SwarmMember& requester, int max_candidates,
                         Rng& rng, std::vector<PeerId>* out) const = 0;

  /// Same as MatchInto, returning a new vector.
  std::vector<PeerId> Match(const Swarm& swarm, const SwarmMember& requester, int max_candidates,
                            Rng& rng) const {
    std::vector<PeerId> out;
    MatchInto(swarm, requester, max_candidates, rng, &out);
    return out;
  }
};

}  // namespace cdnmesh
