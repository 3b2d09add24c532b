// The packager and the CDN's copy of each title: a live segment is published a packaging delay
// after its last frame and reaches the CDN edge a propagation delay later, together with the
// playlist that lists it; the playlist keeps the stream's window. A VOD title is on the CDN
// whole. Viewers learn of segments only by loading this playlist.
#pragma once

#include "core/common/time.h"
#include "core/stream/playlist.h"
#include "core/stream/stream.h"

namespace cdnmesh {

/// Publication delays of live segments.
struct PackagerConfig {
  DurationUs packaging_delay_us = 1 * kUsPerSecond;  ///< segment end -> published
  DurationUs cdn_propagation_us = 500 * kUsPerMs;    ///< published -> on the CDN edge
};

/// Answers what the CDN edge lists and serves at a time. Stateless; one per run.
class Packager {
 public:
  explicit Packager(PackagerConfig config) : config_(config) {}

  /// The playlist of `stream` the CDN edge serves at `at_us`.
  Playlist PlaylistAt(const Stream& stream, TimeUs at_us) const;
  /// True when the CDN edge can serve segment `seq` of `stream` at `at_us` (listed in its
  /// playlist: published and not yet out of the window).
  bool OnCdn(const Stream& stream, SegmentSeq seq, TimeUs at_us) const;
  /// The configuration.
  const PackagerConfig& config() const { return config_; }

 private:
  PackagerConfig config_;
};

}  // namespace cdnmesh
