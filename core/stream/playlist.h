// What a client knows of a stream's segments: the media playlist it last loaded (HLS
// #EXT-X-MEDIA-SEQUENCE and the segment count, or a DASH timeline), and when it first saw each
// listed segment. Segment durations are the stream's; sizes are not listed (known after a fetch).
#pragma once

#include <cstdint>
#include <array>

#include "core/common/time.h"
#include "core/common/types.h"

namespace cdnmesh {

/// One loaded media playlist.
struct Playlist {
  SegmentSeq first_seq = 0;  ///< oldest listed segment
  SegmentSeq end_seq = 0;    ///< one past the newest listed (== first_seq: nothing listed)
  bool ended = false;        ///< no segment will be added (VOD, or #EXT-X-ENDLIST)
};

/// The playlists a client loaded, merged: the window only moves forward.
class PlaylistView {
 public:
  /// A playlist loaded at `now_us`; a stale one (older than what is known) changes nothing.
  void Update(TimeUs now_us, const Playlist& playlist);
  /// True once a playlist was loaded.
  bool loaded() const { return loaded_; }
  /// Oldest listed segment (0 before any playlist).
  SegmentSeq first_seq() const { return first_seq_; }
  /// One past the newest listed segment (0 before any playlist).
  SegmentSeq end_seq() const { return end_seq_; }
  /// True when no segment will be added.
  bool ended() const { return ended_; }
  /// True when `seq` is listed.
  bool Lists(SegmentSeq seq) const { return seq >= first_seq_ && seq < end_seq_; }
  /// When the client first saw `seq` listed, or kNever if it has not (yet).
  TimeUs SeenAtUs(SegmentSeq seq) const;

 private:
  struct Growth {
    SegmentSeq end_seq;  ///< the window's end after this load
    TimeUs at_us;        ///< when it was loaded
  };
  bool loaded_ = false;
  bool ended_ = false;
  SegmentSeq first_seq_ = 0;
  SegmentSeq end_seq_ = 0;
  /// The last loads that added segments (a ring, oldest at growth_next_ once full): a live
  /// client asks SeenAtUs only of segments near the edge.
  static constexpr std::size_t kGrowthRecords = 16;
  std::array<Growth, kGrowthRecords> growth_{};
  std::size_t growth_count_ = 0;
  std::size_t growth_next_ = 0;
};

}  // namespace cdnmesh
