#include "core/stream/playlist.h"

#include <algorithm>

namespace cdnmesh {
namespace {

// Loads remembered for SeenAtUs: a live client only asks about segments near the live edge.
constexpr std::size_t kMaxGrowthRecords = 64;

}  // namespace

void PlaylistView::Update(TimeUs now_us, const Playlist& playlist) {
  if (playlist.end_seq < playlist.first_seq) return;  // malformed: ignored
  if (loaded_ && playlist.end_seq < end_seq_) return;  // stale (an older CDN copy)
  if (!loaded_ || playlist.end_seq > end_seq_) {
    growth_.push_back(Growth{playlist.end_seq, now_us});
    if (growth_.size() > kMaxGrowthRecords) growth_.pop_front();
  }
  first_seq_ = loaded_ ? std::max(first_seq_, playlist.first_seq) : playlist.first_seq;
  end_seq_ = playlist.end_seq;
  ended_ = playlist.ended;
  loaded_ = true;
}

TimeUs PlaylistView::SeenAtUs(SegmentSeq seq) const {
  if (!Lists(seq) && seq < first_seq_) return growth_.empty() ? kNever : growth_.front().at_us;
  for (const Growth& g : growth_) {
    if (seq < g.end_seq) return g.at_us;
  }
  return kNever;
}

}  // namespace cdnmesh
