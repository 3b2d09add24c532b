#include "core/stream/stream.h"

#include <gtest/gtest.h>

#include "core/common/random.h"

namespace cdnmesh {
namespace {

StreamConfig LiveConfig() {
  StreamConfig config;
  config.live_start_us = 100 * kUsPerSecond;
  config.playlist_window_segments = 5;
  return config;
}

TEST(StreamTest, LiveEdgeAdvancesOneSegmentPerDuration) {
  Stream stream(LiveConfig());
  const TimeUs start = 100 * kUsPerSecond;
  EXPECT_EQ(stream.LastAvailable(start - 1), -1);
  EXPECT_EQ(stream.LastAvailable(start + 4 * kUsPerSecond - 1), -1);  // segment 0 not complete
  EXPECT_EQ(stream.LastAvailable(start + 4 * kUsPerSecond), 0);
  EXPECT_EQ(stream.LastAvailable(start + 40 * kUsPerSecond), 9);
  EXPECT_EQ(stream.AvailableAtUs(9), start + 40 * kUsPerSecond);
}

TEST(StreamTest, LivePlaylistWindowDropsOldSegments) {
  Stream stream(LiveConfig());
  const TimeUs now = 100 * kUsPerSecond + 40 * kUsPerSecond;  // segments 0..9 produced
  EXPECT_EQ(stream.FirstAvailable(now), 5);
  EXPECT_FALSE(stream.IsAvailable(4, now));
  EXPECT_TRUE(stream.IsAvailable(5, now));
  EXPECT_TRUE(stream.IsAvailable(9, now));
  EXPECT_FALSE(stream.IsAvailable(10, now));
}

TEST(StreamTest, VodHasAllSegmentsFromTheStart) {
  StreamConfig config;
  config.live = false;
  config.vod_segment_count = 30;
  Stream stream(config);
  EXPECT_EQ(stream.FirstAvailable(0), 0);
  EXPECT_EQ(stream.LastAvailable(0), 29);
  EXPECT_EQ(stream.EndSeq(), 30);
  EXPECT_FALSE(stream.IsAvailable(30, 0));
}

TEST(StreamTest, SegmentSizesVaryWithinJitterAndAreDeterministic) {
  StreamConfig config;
  config.size_jitter_ratio = 0.2;
  Stream a(config);
  Stream b(config);
  config.size_seed = 2;
  Stream other_seed(config);
  const double nominal = 2'500'000 * 4.0 / 8.0;
  double sum = 0;
  int differs = 0;
  for (SegmentSeq s = 0; s < 2000; ++s) {
    const std::int64_t size = a.SegmentSizeBytes({1, s});
    EXPECT_EQ(size, b.SegmentSizeBytes({1, s}));
    EXPECT_GE(size, nominal * 0.8 - 1);
    EXPECT_LE(size, nominal * 1.2 + 1);
    differs += size != other_seed.SegmentSizeBytes({1, s});
    sum += static_cast<double>(size);
  }
  EXPECT_NEAR(sum / 2000, nominal, nominal * 0.02);  // mean stays at bitrate x duration
  EXPECT_GT(differs, 1900);
}

TEST(StreamTest, ZeroJitterGivesNominalSize) {
  StreamConfig config;
  config.size_jitter_ratio = 0.0;
  Stream stream(config);
  EXPECT_EQ(stream.SegmentSizeBytes({0, 7}), 800'000 * 4 / 8);
}

TEST(StreamTest, ValidationNamesTheField) {
  StreamConfig config;
  config.ladder[2].bitrate_bps = 1;
  EXPECT_NE(ValidateStreamConfig(config).message().find("ladder[2].bitrate_bps"),
            std::string::npos);
  config = StreamConfig{};
  config.live = false;
  EXPECT_NE(ValidateStreamConfig(config).message().find("vod_segment_count"), std::string::npos);
  EXPECT_TRUE(ValidateStreamConfig(StreamConfig{}).ok());
}

TEST(RngTest, SameSeedSameSequenceAndUnbiasedIndex) {
  Rng a(42), b(42), c(43);
  int same_as_c = 0;
  for (int i = 0; i < 100; ++i) {
    const auto x = a.NextU64();
    EXPECT_EQ(x, b.NextU64());
    same_as_c += x == c.NextU64();
  }
  EXPECT_EQ(same_as_c, 0);
  int counts[3] = {0, 0, 0};
  for (int i = 0; i < 30000; ++i) ++counts[a.UniformIndex(3)];
  for (int count : counts) EXPECT_NEAR(count, 10000, 400);
}

}  // namespace
}  // namespace cdnmesh
