// ReportedPlayback: playback known from a real player's reports, extrapolated between them.
#include "core/player/reported_playback.h"

#include <gtest/gtest.h>

#include "tests/core/player/player_harness.h"

namespace cdnmesh {
namespace {

using testing::VodStreamConfig;

constexpr DurationUs kSec = kUsPerSecond;
constexpr DurationUs kSeg = 4 * kSec;

PlaybackReport Report(DurationUs playhead_us, DurationUs buffered_end_us, bool playing) {
  PlaybackReport report;
  report.playhead_media_us = playhead_us;
  report.buffered = {MediaRange{0, buffered_end_us}};
  report.playing = playing;
  return report;
}

TEST(ReportedPlaybackTest, ExtrapolatesAtOneXWhilePlayingUpToTheBufferedEnd) {
  const Stream stream(VodStreamConfig(20));
  ReportedPlayback p(stream, PlayerConfig{});
  p.Start(0, 0, kNever);
  p.OnReport(kSec, Report(0, 2 * kSeg, /*playing=*/true));
  EXPECT_EQ(p.state(), PlayerState::kPlaying);
  p.AdvanceTo(3 * kSec);
  EXPECT_EQ(p.playhead_media_us(), 2 * kSec);
  EXPECT_EQ(p.BufferAheadUs(), 2 * kSeg - 2 * kSec);
  EXPECT_EQ(p.NextNeededSeq(), 2);
  EXPECT_EQ(p.NextEventUs(), 3 * kSec + 2 * kSeg - 2 * kSec);  // when the buffer runs dry
  p.AdvanceTo(60 * kSec);
  EXPECT_EQ(p.playhead_media_us(), 2 * kSeg);  // never past what is buffered
  EXPECT_EQ(p.qos().played_us, 2 * kSeg);
}

TEST(ReportedPlaybackTest, StartupDelayCountsFromTheSessionStart) {
  const Stream stream(VodStreamConfig(20));
  ReportedPlayback p(stream, PlayerConfig{});
  p.Start(2 * kSec, 0, /*session_start_us=*/kSec);
  p.OnReport(3 * kSec, Report(0, kSeg, /*playing=*/false));
  EXPECT_EQ(p.state(), PlayerState::kStartup);
  EXPECT_EQ(p.qos().startup_delay_us(), -1);
  p.OnReport(4 * kSec, Report(0, kSeg, /*playing=*/true));
  EXPECT_EQ(p.qos().startup_delay_us(), 3 * kSec);
}

TEST(ReportedPlaybackTest, WaitingAfterPlaybackIsAStallThatAccruesTime) {
  const Stream stream(VodStreamConfig(20));
  ReportedPlayback p(stream, PlayerConfig{});
  p.Start(0, 0, kNever);
  p.OnReport(0, Report(0, kSeg, true));
  p.OnReport(kSeg, Report(kSeg, kSeg, false));  // the <video> element fired "waiting"
  EXPECT_EQ(p.state(), PlayerState::kStalled);
  EXPECT_EQ(p.qos().stall_count, 1);
  p.OnReport(kSeg + 1500 * kUsPerMs, Report(kSeg, 2 * kSeg, true));
  EXPECT_EQ(p.qos().stall_time_us, 1500 * kUsPerMs);
  EXPECT_EQ(p.state(), PlayerState::kPlaying);
}

TEST(ReportedPlaybackTest, HandedSegmentsCountAsBufferedUntilAReportShowsThem) {
  const Stream stream(VodStreamConfig(20));
  ReportedPlayback p(stream, PlayerConfig{});
  p.Start(0, 0, kNever);
  p.OnReport(0, Report(0, kSeg, true));
  p.OnSegmentBuffered(kSec, SegmentKey{1, 1});
  EXPECT_TRUE(p.IsBuffered(1));
  EXPECT_EQ(p.NextNeededSeq(), 2);
  // A report that does not list it yet (the append is under way) keeps it.
  p.OnReport(2 * kSec, Report(2 * kSec, kSeg, true));
  EXPECT_TRUE(p.IsBuffered(1));
  EXPECT_FALSE(p.IsBuffered(2));
  // Played segments are attributed to the rendition they were fetched in, with a switch.
  p.OnSegmentBuffered(2 * kSec, SegmentKey{0, 0});
  p.AdvanceTo(2 * kSeg);
  EXPECT_GT(p.qos().played_us_per_rendition[1], 0);
}

TEST(ReportedPlaybackTest, EndedReportEndsTheSession) {
  const Stream stream(VodStreamConfig(2));
  ReportedPlayback p(stream, PlayerConfig{});
  p.Start(0, 0, kNever);
  PlaybackReport ended = Report(2 * kSeg, 2 * kSeg, false);
  ended.ended = true;
  p.OnReport(9 * kSec, ended);
  EXPECT_EQ(p.state(), PlayerState::kEnded);
  EXPECT_EQ(p.NextEventUs(), kNever);
}

}  // namespace
}  // namespace cdnmesh
