// Segments this viewer holds and can serve to peers, within a memory cap. Oldest sequence
// numbers are evicted first (live viewers move forward; old segments are least wanted).
#pragma once

#include <cstdint>
#include <utility>
#include <vector>

#include "core/common/types.h"

namespace cdnmesh {

/// Held segments by key, with a byte cap.
class SegmentCache {
 public:
  /// A cache holding at most `capacity_bytes` (a segment larger than that is not kept).
  explicit SegmentCache(std::int64_t capacity_bytes) : capacity_bytes_(capacity_bytes) {}

  /// Stores a segment, evicting the oldest ones to fit; returns false if it could not be kept.
  bool Put(SegmentKey key, std::int64_t size_bytes);
  /// True if `key` is held.
  bool Contains(SegmentKey key) const { return SizeOf(key) != 0; }
  /// True if `seq` is held in any rendition.
  bool ContainsSeq(SegmentSeq seq) const;
  /// Size of a held segment, or 0.
  std::int64_t SizeOf(SegmentKey key) const;
  /// Bytes held.
  std::int64_t used_bytes() const { return used_bytes_; }
  /// Number of segments held.
  std::size_t size() const { return entries_.size(); }
  /// Changes the cap; segments beyond it are evicted at the next Put.
  void SetCapacity(std::int64_t capacity_bytes) { capacity_bytes_ = capacity_bytes; }
  /// Segments evicted so far.
  std::int64_t evictions() const { return evictions_; }
  /// Calls `fn(key)` for every held segment, oldest sequence first.
  template <typename Fn>
  void ForEachKey(Fn&& fn) const {
    for (const auto& entry : entries_) fn(entry.first);
  }

 private:
  std::int64_t capacity_bytes_;
  std::int64_t used_bytes_ = 0;
  std::int64_t evictions_ = 0;
  // Sorted by seq, then rendition. A viewer holds a few dozen segments: a sorted vector is
  // searched much faster than a tree, and new segments are appended at the end.
  std::vector<std::pair<SegmentKey, std::int64_t>> entries_;
};

}  // namespace cdnmesh
