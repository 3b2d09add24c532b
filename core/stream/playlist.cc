#include "core/stream/playlist.h"

#include <algorithm>

namespace cdnmesh {
void PlaylistView::Update(TimeUs now_us, const Playlist& playlist) {
  if (playlist.end_seq < playlist.first_seq) return;  // malformed: ignored
  if (loaded_ && playlist.end_seq < end_seq_) return;  // stale (an older CDN copy)
  if (!loaded_ || playlist.end_seq > end_seq_) {
    growth_[growth_next_] = Growth{playlist.end_seq, now_us};
    growth_next_ = (growth_next_ + 1) % kGrowthRecords;
    growth_count_ = std::min(growth_count_ + 1, kGrowthRecords);
  }
  first_seq_ = loaded_ ? std::max(first_seq_, playlist.first_seq) : playlist.first_seq;
  end_seq_ = playlist.end_seq;
  ended_ = playlist.ended;
  loaded_ = true;
}

TimeUs PlaylistView::SeenAtUs(SegmentSeq seq) const {
  if (seq >= end_seq_ || growth_count_ == 0) return kNever;
  const std::size_t oldest = (growth_next_ + kGrowthRecords - growth_count_) % kGrowthRecords;
  for (std::size_t i = 0; i < growth_count_; ++i) {
    const Growth& g = growth_[(oldest + i) % kGrowthRecords];
    if (seq < g.end_seq) return g.at_us;
  }
  return kNever;
}

}  // namespace cdnmesh
