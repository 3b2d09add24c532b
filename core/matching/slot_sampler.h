// Uniform sampling without replacement from a union of a few slot buckets, skipping slots that
// are already candidates. Bounded work: small unions are enumerated, large ones are sampled with
// a capped number of rejection draws, so a request never loops on unreachable or taken peers.
#pragma once

#include <array>
#include <cstddef>

#include "core/common/random.h"
#include "core/matching/candidate_set.h"
#include "core/matching/slot_bucket.h"

namespace cdnmesh {

/// A read-only view of up to kMaxParts buckets as one sequence (buckets owned by the swarm).
class SlotUnion {
 public:
  /// Maximum number of buckets in one union.
  static constexpr int kMaxParts = 8;

  /// Appends a bucket (nullptr or empty is ignored); at most kMaxParts non-empty ones.
  void Add(const SlotBucket* bucket);
  /// Total number of slots across the parts.
  std::size_t size() const { return size_; }
  /// The i-th slot of the concatenation (i < size()).
  MemberSlot At(std::size_t i) const;

 private:
  std::array<const SlotBucket*, kMaxParts> parts_{};
  int part_count_ = 0;
  std::size_t size_ = 0;
};

/// Adds up to `count` slots drawn uniformly without replacement from `from` and not yet in
/// `picked`; returns how many were added (fewer when the union runs out, or, with negligible
/// probability on large unions, when the capped rejection draws are exhausted).
std::size_t SampleInto(const SlotUnion& from, std::size_t count, Rng& rng, CandidateSet* picked);

}  // namespace cdnmesh
