// The candidates picked so far for one matching request: distinct member slots in pick order,
// with O(1) membership tests; the requester's own slot is excluded up front.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "core/matching/slot_bucket.h"

namespace cdnmesh {

/// Distinct member slots in insertion order plus one excluded slot (the requester).
class CandidateSet {
 public:
  /// `excluded` is never added (kNoMemberSlot for none); `expected` sizes the table (a hint).
  explicit CandidateSet(MemberSlot excluded, std::size_t expected = 32);

  /// True when `slot` was added or is the excluded slot.
  bool Contains(MemberSlot slot) const;
  /// Adds `slot`; false (and no change) when already present or excluded.
  bool Add(MemberSlot slot);
  /// Number of slots added (the excluded slot is not counted).
  std::size_t size() const { return order_.size(); }
  /// The added slots in insertion order.
  const std::vector<MemberSlot>& slots() const { return order_; }

 private:
  std::size_t Probe(MemberSlot slot) const;  // table index holding `slot` or an empty cell
  void Grow();

  MemberSlot excluded_;
  std::vector<MemberSlot> table_;  // open addressing, kNoMemberSlot = empty; power-of-two size
  std::vector<MemberSlot> order_;
};

}  // namespace cdnmesh
