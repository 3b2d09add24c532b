// MeasurementWindow::Clip and RecordDifference on hand-made records, and the aggregate's
// undefined values.
#include <gtest/gtest.h>

#include <cmath>

#include "sim/world/measurement-window.h"
#include "sim/world/record-aggregate.h"

namespace cdnmesh {
namespace {

PeerRecord Session(PeerId id, double join_s, double leave_s, std::int64_t cdn_bytes,
                   double played_s, double bitrate_bps) {
  PeerRecord r;
  r.identity.id = id;
  r.identity.join_us = SecondsToUs(join_s);
  r.leave_us = SecondsToUs(leave_s);
  r.qos.session_start_us = r.identity.join_us;
  r.qos.playback_start_us = r.identity.join_us + 500 * kUsPerMs;
  r.qos.played_us = SecondsToUs(played_s);
  r.stats.cdn_bytes = cdn_bytes;
  r.mean_bitrate_bps = bitrate_bps;
  r.uploaded_bytes_delivered = cdn_bytes / 2;
  r.max_connections = 3;
  return r;
}

TEST(RecordDifference, SubtractsCountersAndReweightsTheMeanBitrate) {
  const PeerRecord at_start = Session(1, 0, 10, 1000, 10, 1e6);  // 10 s at 1 Mbit/s
  const PeerRecord at_end = Session(1, 0, 30, 5000, 30, 2e6);    // then 20 s at 2.5 Mbit/s
  const PeerRecord d = RecordDifference(at_end, at_start);
  EXPECT_EQ(d.stats.cdn_bytes, 4000);
  EXPECT_EQ(d.qos.played_us, SecondsToUs(20));
  EXPECT_DOUBLE_EQ(d.mean_bitrate_bps, 2.5e6);
  EXPECT_EQ(d.uploaded_bytes_delivered, 2000);
  EXPECT_EQ(d.max_connections, 3);  // a session-wide maximum, kept
}

TEST(MeasurementWindow, ClipsSessionsAtBothEdges) {
  MeasurementWindow window(SecondsToUs(10), SecondsToUs(20));
  window.MarkStart({Session(2, 5, 10, 100, 4, 1e6), Session(3, 8, 10, 50, 1, 1e6)});
  window.MarkEnd({Session(3, 8, 20, 250, 11, 1e6), Session(4, 15, 20, 70, 4, 1e6)});

  EXPECT_FALSE(window.Clip(Session(1, 0, 9.9, 10, 9, 1e6)));    // left before the start
  EXPECT_FALSE(window.Clip(Session(5, 20, 30, 10, 9, 1e6)));    // joined at the end
  const auto left_inside = window.Clip(Session(2, 5, 15, 300, 9, 1e6));
  ASSERT_TRUE(left_inside);
  EXPECT_EQ(left_inside->record.stats.cdn_bytes, 200);  // 300 at leaving - 100 at the start
  EXPECT_FALSE(left_inside->started_in_window);
  const auto spans = window.Clip(Session(3, 8, 40, 900, 31, 1e6));
  ASSERT_TRUE(spans);
  EXPECT_EQ(spans->record.stats.cdn_bytes, 200);  // 250 at the end - 50 at the start
  EXPECT_EQ(spans->record.qos.played_us, SecondsToUs(10));
  const auto joined_inside = window.Clip(Session(4, 15, 60, 999, 40, 1e6));
  ASSERT_TRUE(joined_inside);
  EXPECT_TRUE(joined_inside->started_in_window);
  EXPECT_EQ(joined_inside->record.stats.cdn_bytes, 70);
}

TEST(MeasurementWindow, PlaybackAfterTheEndCountsAsNotStarted) {
  MeasurementWindow window(0, SecondsToUs(20));
  PeerRecord late = Session(1, 19.9, 19.9, 0, 0, 0);
  window.MarkEnd({late});
  late.qos.playback_start_us = SecondsToUs(21);
  const auto clipped = window.Clip(late);
  ASSERT_TRUE(clipped);
  EXPECT_LT(clipped->record.qos.startup_delay_us(), 0);
  RecordAggregate aggregate;
  aggregate.Add(*clipped);
  RunSummary s;
  aggregate.FillSummary(&s);
  EXPECT_EQ(s.viewers_never_started, 1);
  EXPECT_TRUE(std::isnan(s.startup_delay_p50_s));
}

TEST(RecordAggregate, UndefinedRatiosAreNanNotZero) {
  RecordAggregate empty;
  RunSummary s;
  empty.FillSummary(&s);
  EXPECT_EQ(s.viewers, 0);
  EXPECT_TRUE(std::isnan(s.offload_ratio));
  EXPECT_TRUE(std::isnan(s.rebuffer_ratio));
  EXPECT_TRUE(std::isnan(s.mean_bitrate_bps));
  EXPECT_TRUE(std::isnan(s.upload_per_viewer_p50_bytes));
  EXPECT_EQ(RatioOrNan(0, 4), 0.0);
  EXPECT_TRUE(std::isnan(RatioOrNan(0, 0)));
}

TEST(RecordAggregate, NearestRankPercentile) {
  std::vector<double> values = {5, 1, 4, 2, 3};
  EXPECT_EQ(NearestRankPercentile(&values, 0.5), 3);   // rank ceil(2.5) = 3
  EXPECT_EQ(NearestRankPercentile(&values, 0.95), 5);  // rank ceil(4.75) = 5
  EXPECT_EQ(NearestRankPercentile(&values, 0.2), 1);   // rank 1
  EXPECT_EQ(NearestRankPercentile(&values, 0.21), 2);  // rank ceil(1.05) = 2
}

}  // namespace
}  // namespace cdnmesh
