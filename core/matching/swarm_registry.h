// The tracker's registry: every swarm keyed by (content, rendition), created on the first join
// and dropped when its last member leaves, and the entry point for matching requests.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <unordered_map>
#include <vector>

#include "core/common/random.h"
#include "core/common/result.h"
#include "core/matching/swarm_member.h"
#include "core/matching/policy.h"
#include "core/matching/swarm.h"

namespace cdnmesh {

/// All swarms of one tracker. Not thread-safe.
class SwarmRegistry {
 public:
  /// Every swarm is built with `config`, which must pass ValidateSwarmIndexConfig.
  explicit SwarmRegistry(SwarmIndexConfig config = {});

  /// Adds `peer` to the swarm `key` (creating it); error on an invalid or duplicate peer.
  Status Join(const SwarmKey& key, const SwarmMember& peer);
  /// Removes peer `id` from swarm `key` (dropping the swarm when empty); error if absent.
  Status Leave(const SwarmKey& key, PeerId id);
  /// Sets the playback position (segment sequence number) of peer `id` in swarm `key`.
  Status UpdatePosition(const SwarmKey& key, PeerId id, SegmentSeq position_seq);
  /// Sets the nominal upload capacity (bps) of peer `id` in swarm `key`.
  Status UpdateCapacity(const SwarmKey& key, PeerId id, std::int64_t upload_capacity_bps);
  /// Sets the measured download rate (bps) of peer `id` in swarm `key`.
  Status UpdateDemand(const SwarmKey& key, PeerId id, std::int64_t demand_bps);

  /// The swarm `key`, or nullptr when it has no member (owned by the registry; valid until the
  /// swarm is dropped).
  const Swarm* Find(const SwarmKey& key) const;
  /// Number of non-empty swarms.
  std::size_t swarm_count() const { return swarms_.size(); }
  /// Number of memberships across all swarms.
  std::size_t peer_count() const { return peer_count_; }

  /// Replaces `*out` with up to `max_candidates` peers of swarm `key` chosen by `policy` for
  /// `requester` (empty when the swarm does not exist). See MatchingPolicy::MatchInto.
  void Match(const SwarmKey& key, const MatchingPolicy& policy, const SwarmMember& requester,
             int max_candidates, Rng& rng, std::vector<PeerId>* out) const;

 private:
  Swarm* FindMutable(const SwarmKey& key);

  SwarmIndexConfig config_;
  std::unordered_map<SwarmKey, std::unique_ptr<Swarm>, SwarmKeyHash> swarms_;
  std::size_t peer_count_ = 0;
};

}  // namespace cdnmesh
