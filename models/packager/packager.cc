#include "models/packager/packager.h"

namespace cdnmesh {

Playlist Packager::PlaylistAt(const Stream& stream, TimeUs at_us) const {
  if (!stream.live()) return Playlist{0, stream.EndSeq(), true};
  // What the stream has completed by (at - delays) is what the edge lists at `at`.
  const TimeUs encoded_by_us = at_us - config_.packaging_delay_us - config_.cdn_propagation_us;
  const SegmentSeq end = stream.LastAvailable(encoded_by_us) + 1;
  const SegmentSeq first = end > 0 ? stream.FirstAvailable(encoded_by_us) : 0;
  return Playlist{first, end, false};
}

bool Packager::OnCdn(const Stream& stream, SegmentSeq seq, TimeUs at_us) const {
  const Playlist listed = PlaylistAt(stream, at_us);
  return seq >= listed.first_seq && seq < listed.end_seq;
}

}  // namespace cdnmesh
