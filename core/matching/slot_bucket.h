// Buckets of swarm member slots with O(1) insert and swap-remove, and an index of buckets by key
// that remembers where each slot sits so removals and slot moves stay O(1) (plus the map lookup).
#pragma once

#include <cassert>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "core/common/result.h"

namespace cdnmesh {

/// A member's position in a swarm's dense member array.
using MemberSlot = std::uint32_t;
/// "No slot": a requester that is not a member, or nothing moved on removal.
inline constexpr MemberSlot kNoMemberSlot = 0xFFFFFFFFu;

/// An unordered set of member slots stored densely; removal swaps the last slot into the hole.
class SlotBucket {
 public:
  /// Appends `slot`; returns its position in the bucket.
  std::uint32_t Add(MemberSlot slot) {
    slots_.push_back(slot);
    return static_cast<std::uint32_t>(slots_.size() - 1);
  }
  /// Removes the entry at `pos`; returns the slot moved into `pos`, or kNoMemberSlot if none moved.
  MemberSlot RemoveAt(std::uint32_t pos) {
    assert(pos < slots_.size());
    const MemberSlot last = slots_.back();
    slots_.pop_back();
    if (pos == slots_.size()) return kNoMemberSlot;
    slots_[pos] = last;
    return last;
  }
  /// Overwrites the entry at `pos` (used when a member changes slot).
  void Set(std::uint32_t pos, MemberSlot slot) { slots_[pos] = slot; }
  /// Number of slots held.
  std::size_t size() const { return slots_.size(); }
  /// True when no slot is held.
  bool empty() const { return slots_.empty(); }
  /// The slot at position `i` (< size()).
  MemberSlot operator[](std::size_t i) const { return slots_[i]; }

 private:
  std::vector<MemberSlot> slots_;
};

/// Buckets keyed by `Map::key_type` (Map is std::map or std::unordered_map to SlotBucket).
/// Each member slot is in at most one bucket; empty buckets are erased.
template <typename Map>
class KeyedSlotIndex {
 public:
  /// The bucket key type.
  using Key = typename Map::key_type;

  /// Puts `slot` (not yet indexed) into the bucket of `key`.
  void Insert(MemberSlot slot, const Key& key) {
    if (pos_of_slot_.size() <= slot) pos_of_slot_.resize(slot + 1, kNoMemberSlot);
    pos_of_slot_[slot] = buckets_[key].Add(slot);
  }
  /// Removes `slot` from the bucket of `key` (where it must be).
  void Erase(MemberSlot slot, const Key& key) {
    auto it = buckets_.find(key);
    assert(it != buckets_.end());
    const std::uint32_t pos = pos_of_slot_[slot];
    const MemberSlot moved = it->second.RemoveAt(pos);
    if (moved != kNoMemberSlot) pos_of_slot_[moved] = pos;
    pos_of_slot_[slot] = kNoMemberSlot;
    if (it->second.empty()) buckets_.erase(it);
  }
  /// Records that the member indexed as `from` under `key` now lives in slot `to`.
  void Move(MemberSlot from, MemberSlot to, const Key& key) {
    auto it = buckets_.find(key);
    assert(it != buckets_.end());
    if (pos_of_slot_.size() <= to) pos_of_slot_.resize(to + 1, kNoMemberSlot);
    const std::uint32_t pos = pos_of_slot_[from];
    it->second.Set(pos, to);
    pos_of_slot_[to] = pos;
    pos_of_slot_[from] = kNoMemberSlot;
  }
  /// The bucket of `key`, or nullptr when empty. Owned by the index.
  const SlotBucket* Find(const Key& key) const {
    auto it = buckets_.find(key);
    return it == buckets_.end() ? nullptr : &it->second;
  }
  /// All non-empty buckets (read-only).
  const Map& buckets() const { return buckets_; }

  /// O(n) self-check: `n` members, each exactly once, in the bucket `key_of(slot)` names.
  template <typename KeyOf>
  Status Check(std::size_t n, KeyOf key_of, const char* what) const {
    std::size_t total = 0;
    for (const auto& [key, bucket] : buckets_) {
      if (bucket.empty()) return Error{std::string(what) + ": empty bucket kept"};
      for (std::size_t i = 0; i < bucket.size(); ++i) {
        const MemberSlot slot = bucket[i];
        if (slot >= n || !(key_of(slot) == key) || pos_of_slot_[slot] != i) {
          return Error{std::string(what) + ": slot " + std::to_string(slot) + " misplaced"};
        }
      }
      total += bucket.size();
    }
    if (total != n) return Error{std::string(what) + ": holds " + std::to_string(total)};
    return {};
  }

 private:
  Map buckets_;
  std::vector<std::uint32_t> pos_of_slot_;  // position of each slot in its bucket
};

}  // namespace cdnmesh
