#include "core/scheduler/segment_cache.h"

namespace cdnmesh {

bool SegmentCache::Put(SegmentKey key, std::int64_t size_bytes) {
  if (size_bytes > capacity_bytes_) return false;
  if (entries_.count(key)) return true;
  while (used_bytes_ + size_bytes > capacity_bytes_ && !entries_.empty()) {
    auto oldest = entries_.begin();
    if (oldest->first.seq > key.seq) return false;  // everything held is newer: keep it
    used_bytes_ -= oldest->second;
    entries_.erase(oldest);
    ++evictions_;
  }
  entries_.emplace(key, size_bytes);
  used_bytes_ += size_bytes;
  return true;
}

bool SegmentCache::ContainsSeq(SegmentSeq seq) const {
  auto it = entries_.lower_bound(SegmentKey{0, seq});
  return it != entries_.end() && it->first.seq == seq;
}

std::int64_t SegmentCache::SizeOf(SegmentKey key) const {
  auto it = entries_.find(key);
  return it == entries_.end() ? 0 : it->second;
}

}  // namespace cdnmesh
