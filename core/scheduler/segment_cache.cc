#include "core/scheduler/segment_cache.h"

#include <algorithm>

namespace cdnmesh {
namespace {

bool KeyLess(const std::pair<SegmentKey, std::int64_t>& entry, SegmentKey key) {
  return entry.first < key;
}

}  // namespace

bool SegmentCache::Put(SegmentKey key, std::int64_t size_bytes) {
  if (size_bytes > capacity_bytes_) return false;
  if (Contains(key)) return true;
  std::size_t evict = 0;  // the oldest entries to drop, counted first, erased at once
  std::int64_t used = used_bytes_;
  while (used + size_bytes > capacity_bytes_ && evict < entries_.size()) {
    if (entries_[evict].first.seq > key.seq) return false;  // everything held is newer: keep it
    used -= entries_[evict].second;
    ++evict;
  }
  entries_.erase(entries_.begin(), entries_.begin() + static_cast<std::ptrdiff_t>(evict));
  evictions_ += static_cast<std::int64_t>(evict);
  used_bytes_ = used + size_bytes;
  auto at = std::lower_bound(entries_.begin(), entries_.end(), key, KeyLess);
  entries_.insert(at, {key, size_bytes});
  return true;
}

bool SegmentCache::ContainsSeq(SegmentSeq seq) const {
  auto it = std::lower_bound(entries_.begin(), entries_.end(), SegmentKey{0, seq}, KeyLess);
  return it != entries_.end() && it->first.seq == seq;
}

std::int64_t SegmentCache::SizeOf(SegmentKey key) const {
  auto it = std::lower_bound(entries_.begin(), entries_.end(), key, KeyLess);
  return it != entries_.end() && it->first == key ? it->second : 0;
}

}  // namespace cdnmesh
