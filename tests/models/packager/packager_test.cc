// Packager: what the CDN edge lists and serves of a live stream, after the publication delays.
#include "models/packager/packager.h"

#include <gtest/gtest.h>

namespace cdnmesh {
namespace {

StreamConfig Live() {
  StreamConfig config;  // 4 s segments, segment s complete at (s + 1) x 4 s
  config.playlist_window_segments = 5;
  return config;
}

TEST(PackagerTest, EdgeListsASegmentOnlyAfterPackagingAndPropagation) {
  const Stream stream(Live());
  const Packager packager(PackagerConfig{1 * kUsPerSecond, 500 * kUsPerMs});
  // Segment 9 is complete at 40 s, published at 41 s, on the edge at 41.5 s.
  const TimeUs on_edge_us = 41'500'000;
  for (const TimeUs at_us : {on_edge_us - 1, on_edge_us, on_edge_us + 1}) {
    const Playlist listed = packager.PlaylistAt(stream, at_us);
    const bool expected = at_us >= on_edge_us;
    EXPECT_EQ(listed.end_seq == 10, expected) << at_us;
    EXPECT_EQ(packager.OnCdn(stream, 9, at_us), expected) << at_us;
    EXPECT_FALSE(listed.ended);
  }
}

TEST(PackagerTest, EdgeKeepsTheStreamsWindow) {
  const Stream stream(Live());
  const Packager packager(PackagerConfig{0, 0});
  const Playlist listed = packager.PlaylistAt(stream, 100 * kUsPerSecond);  // 0..24 complete
  EXPECT_EQ(listed.end_seq, 25);
  EXPECT_EQ(listed.first_seq, 20);
  EXPECT_FALSE(packager.OnCdn(stream, 19, 100 * kUsPerSecond));  // left the window: 404
  EXPECT_TRUE(packager.OnCdn(stream, 20, 100 * kUsPerSecond));
  EXPECT_FALSE(packager.OnCdn(stream, 25, 100 * kUsPerSecond));  // not yet there
}

TEST(PackagerTest, BeforeTheFirstSegmentNothingIsListed) {
  const Stream stream(Live());
  const Packager packager(PackagerConfig{2 * kUsPerSecond, 0});
  const Playlist listed = packager.PlaylistAt(stream, 5 * kUsPerSecond);
  EXPECT_EQ(listed.first_seq, 0);
  EXPECT_EQ(listed.end_seq, 0);
}

TEST(PackagerTest, VodTitleIsOnTheEdgeWhole) {
  StreamConfig config;
  config.live = false;
  config.vod_segment_count = 30;
  const Stream stream(config);
  const Packager packager(PackagerConfig{});
  const Playlist listed = packager.PlaylistAt(stream, 0);
  EXPECT_EQ(listed.first_seq, 0);
  EXPECT_EQ(listed.end_seq, 30);
  EXPECT_TRUE(listed.ended);
  EXPECT_TRUE(packager.OnCdn(stream, 29, 0));
}

}  // namespace
}  // namespace cdnmesh
