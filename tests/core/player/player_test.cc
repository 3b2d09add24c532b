#include "core/player/player.h"

#include <gtest/gtest.h>

#include <ostream>
#include <vector>

#include "tests/core/player/player_harness.h"

namespace cdnmesh {
namespace {

using testing::LiveStreamConfig;
using testing::PlayerHarness;
using testing::VodStreamConfig;

constexpr DurationUs kSec = kUsPerSecond;
constexpr DurationUs kSeg = 4 * kSec;  // segment duration of the test streams

PlayerConfig Thresholds(DurationUs startup_us, DurationUs resume_us) {
  PlayerConfig config;
  config.startup_buffer_us = startup_us;
  config.resume_buffer_us = resume_us;
  return config;
}

TEST(PlayerConfigTest, ValidationNamesTheField) {
  EXPECT_TRUE(ValidatePlayerConfig(PlayerConfig{}).ok());
  PlayerConfig config;
  config.startup_buffer_us = 0;
  EXPECT_NE(ValidatePlayerConfig(config).message().find("startup_buffer_us"), std::string::npos);
  config = PlayerConfig{};
  config.resume_buffer_us = -1;
  EXPECT_NE(ValidatePlayerConfig(config).message().find("resume_buffer_us"), std::string::npos);
  config = PlayerConfig{};
  config.live_start_behind_edge_segments = -1;
  EXPECT_NE(ValidatePlayerConfig(config).message().find("live_start_behind_edge_segments"),
            std::string::npos);
}

TEST(PlayerTest, IdleBeforeStartAndIgnoresSegments) {
  PlayerHarness h(VodStreamConfig(10), PlayerConfig{});
  EXPECT_EQ(h.player().state(), PlayerState::kIdle);
  h.ArriveAt(kSec, 0);
  EXPECT_FALSE(h.player().IsBuffered(0));
  EXPECT_EQ(h.player().BufferAheadUs(), 0);
  EXPECT_EQ(h.player().NextEventUs(), kNever);
}

struct ThresholdCase {
  DurationUs threshold_us;
  bool plays;
};

std::ostream& operator<<(std::ostream& os, const ThresholdCase& c) {
  return os << "threshold_us=" << c.threshold_us << " plays=" << c.plays;
}

// The buffer holds exactly two segments (8 s); the threshold sits at 8 s - 1, 8 s, 8 s + 1 us.
class StartupThresholdTest : public ::testing::TestWithParam<ThresholdCase> {};

TEST_P(StartupThresholdTest, StartsWhenBufferReachesStartupThreshold) {
  const ThresholdCase c = GetParam();
  PlayerHarness h(VodStreamConfig(10), Thresholds(c.threshold_us, kSec));
  h.StartAt(10 * kSec);
  h.ArriveAt(11 * kSec, 0);
  EXPECT_EQ(h.player().state(), PlayerState::kStartup);
  h.ArriveAt(13 * kSec, 1);
  EXPECT_EQ(h.player().BufferAheadUs(), 2 * kSeg);
  EXPECT_EQ(h.player().state(), c.plays ? PlayerState::kPlaying : PlayerState::kStartup);
  EXPECT_EQ(h.player().qos().startup_delay_us(), c.plays ? 3 * kSec : -1);
  EXPECT_EQ(h.player().NextEventUs(), c.plays ? 13 * kSec + 2 * kSeg : kNever);
}

INSTANTIATE_TEST_SUITE_P(AroundEightSeconds, StartupThresholdTest,
                         ::testing::Values(ThresholdCase{2 * kSeg - 1, true},
                                           ThresholdCase{2 * kSeg, true},
                                           ThresholdCase{2 * kSeg + 1, false}));

// After a stall the buffer refills to exactly 8 s; resume threshold at 8 s - 1, 8 s, 8 s + 1 us.
class ResumeThresholdTest : public ::testing::TestWithParam<ThresholdCase> {};

TEST_P(ResumeThresholdTest, ResumesWhenBufferReachesResumeThreshold) {
  const ThresholdCase c = GetParam();
  PlayerHarness h(VodStreamConfig(10), Thresholds(kSeg, c.threshold_us));
  h.StartAt(0);
  h.ArriveAt(0, 0);  // plays 0..4 s, dry at 4 s
  h.AdvanceTo(5 * kSec);
  ASSERT_EQ(h.player().state(), PlayerState::kStalled);
  h.ArriveAt(6 * kSec, 1);
  EXPECT_EQ(h.player().state(), PlayerState::kStalled);
  h.ArriveAt(7 * kSec, 2);
  EXPECT_EQ(h.player().state(), c.plays ? PlayerState::kPlaying : PlayerState::kStalled);
  h.AdvanceTo(9 * kSec);
  EXPECT_EQ(h.player().qos().stall_count, 1);
  EXPECT_EQ(h.player().qos().stall_time_us, c.plays ? 3 * kSec : 5 * kSec);
  EXPECT_EQ(h.player().playhead_media_us(), c.plays ? kSeg + 2 * kSec : kSeg);
}

INSTANTIATE_TEST_SUITE_P(AroundEightSeconds, ResumeThresholdTest,
                         ::testing::Values(ThresholdCase{2 * kSeg - 1, true},
                                           ThresholdCase{2 * kSeg, true},
                                           ThresholdCase{2 * kSeg + 1, false}));

TEST(PlayerTest, CountsStallsAndStallTimeExactly) {
  PlayerHarness h(VodStreamConfig(10), Thresholds(kSeg, kSeg));
  h.StartAt(0);
  h.ArriveAt(1 * kSec, 0);
  EXPECT_EQ(h.player().qos().playback_start_us, 1 * kSec);
  EXPECT_EQ(h.player().NextEventUs(), 5 * kSec);
  h.AdvanceTo(5 * kSec - 1);
  EXPECT_EQ(h.player().state(), PlayerState::kPlaying);
  EXPECT_EQ(h.player().BufferAheadUs(), 1);
  h.AdvanceTo(5 * kSec);  // runs dry exactly now
  EXPECT_EQ(h.player().state(), PlayerState::kStalled);
  EXPECT_EQ(h.player().qos().stall_count, 1);
  EXPECT_EQ(h.player().qos().stall_time_us, 0);
  EXPECT_EQ(h.player().NextEventUs(), kNever);
  h.AdvanceTo(7 * kSec);
  EXPECT_EQ(h.player().qos().stall_time_us, 2 * kSec);  // counted up to the last AdvanceTo
  h.ArriveAt(8 * kSec, 1);
  EXPECT_EQ(h.player().state(), PlayerState::kPlaying);
  EXPECT_EQ(h.player().qos().stall_time_us, 3 * kSec);
  h.ArriveAt(12 * kSec + kSec / 2, 2);  // dry at 12 s, back after 0.5 s
  EXPECT_EQ(h.player().qos().stall_count, 2);
  EXPECT_EQ(h.player().qos().stall_time_us, 3 * kSec + kSec / 2);
  EXPECT_EQ(h.player().qos().played_us, 2 * kSeg);
  EXPECT_EQ(h.player().qos().startup_delay_us(), 1 * kSec);
}

TEST(PlayerTest, WaitBeforeFirstFrameIsStartupDelayNotAStall) {
  PlayerHarness h(VodStreamConfig(10), Thresholds(kSeg, kSeg));
  h.StartAt(2 * kSec);
  h.AdvanceTo(30 * kSec);
  EXPECT_EQ(h.player().state(), PlayerState::kStartup);
  h.ArriveAt(32 * kSec, 0);
  EXPECT_EQ(h.player().qos().stall_count, 0);
  EXPECT_EQ(h.player().qos().stall_time_us, 0);
  EXPECT_EQ(h.player().qos().startup_delay_us(), 30 * kSec);
}

TEST(PlayerTest, OnlyTheContiguousPartCountsWhenSegmentsArriveOutOfOrder) {
  PlayerHarness h(VodStreamConfig(10), Thresholds(3 * kSeg, kSeg));
  h.StartAt(0);
  h.ArriveAt(1, 2);
  EXPECT_TRUE(h.player().IsBuffered(2));
  EXPECT_EQ(h.player().BufferAheadUs(), 0);
  EXPECT_EQ(h.player().NextNeededSeq(), 0);
  h.ArriveAt(2, 0);
  EXPECT_EQ(h.player().BufferAheadUs(), kSeg);
  EXPECT_EQ(h.player().NextNeededSeq(), 1);
  EXPECT_EQ(h.player().state(), PlayerState::kStartup);
  h.ArriveAt(3, 1);  // fills the gap: 0, 1, 2 contiguous
  EXPECT_EQ(h.player().BufferAheadUs(), 3 * kSeg);
  EXPECT_EQ(h.player().NextNeededSeq(), 3);
  EXPECT_EQ(h.player().state(), PlayerState::kPlaying);
}

TEST(PlayerTest, StallsAtAGapEvenWithLaterSegmentsBuffered) {
  PlayerHarness h(VodStreamConfig(10), Thresholds(kSeg, kSeg));
  h.StartAt(0);
  h.ArriveAt(0, 2);
  h.ArriveAt(0, 0);
  EXPECT_EQ(h.player().NextEventUs(), kSeg);
  h.AdvanceTo(2 * kSeg);
  EXPECT_EQ(h.player().state(), PlayerState::kStalled);
  EXPECT_EQ(h.player().playhead_seq(), 1);
  EXPECT_EQ(h.player().qos().stall_time_us, kSeg);
  h.ArriveAt(2 * kSeg, 1);  // now 1 and 2: 8 s ahead
  EXPECT_EQ(h.player().BufferAheadUs(), 2 * kSeg);
  EXPECT_EQ(h.player().state(), PlayerState::kPlaying);
}

TEST(PlayerTest, DropsSegmentsBehindThePlayhead) {
  PlayerHarness h(VodStreamConfig(10), Thresholds(kSeg, kSeg));
  h.StartAt(0);
  h.ArriveAt(0, 0);
  h.ArriveAt(0, 1);
  h.AdvanceTo(kSeg + kSec);
  EXPECT_FALSE(h.player().IsBuffered(0));
  EXPECT_TRUE(h.player().IsBuffered(1));  // being played
  h.ArriveAt(kSeg + kSec, 0);             // a late copy of a played segment
  EXPECT_FALSE(h.player().IsBuffered(0));
  EXPECT_EQ(h.player().BufferAheadUs(), kSeg - kSec);
  EXPECT_EQ(h.player().NextNeededSeq(), 2);
}

TEST(PlayerTest, LaterCopyReplacesRenditionOnlyBeforeTheSegmentStartsPlaying) {
  PlayerHarness h(VodStreamConfig(10), Thresholds(kSeg, kSeg));
  h.StartAt(0);
  h.ArriveAt(0, 0, 0);
  h.ArriveAt(0, 1, 0);
  h.ArriveAt(kSec, 1, 2);      // upgrade before segment 1 plays: replaces
  h.ArriveAt(2 * kSec, 0, 2);  // segment 0 is playing: ignored
  h.AdvanceTo(2 * kSeg);
  const QosRecord& qos = h.player().qos();
  EXPECT_EQ(qos.played_us_per_rendition, (std::vector<DurationUs>{kSeg, 0, kSeg}));
  EXPECT_EQ(qos.bitrate_switches, 1);
}

TEST(PlayerTest, RecordsPlayTimePerRenditionAndSwitches) {
  PlayerHarness h(VodStreamConfig(10), Thresholds(kSeg, kSeg));
  h.StartAt(0);
  const RenditionIndex renditions[] = {0, 2, 2, 1, 1, 0};
  for (SegmentSeq s = 0; s < 6; ++s) h.ArriveAt(0, s, renditions[s]);
  h.AdvanceTo(kSeg + kSec);  // 1 s into segment 1
  EXPECT_EQ(h.player().qos().played_us_per_rendition, (std::vector<DurationUs>{kSeg, 0, kSec}));
  EXPECT_EQ(h.player().qos().bitrate_switches, 1);
  h.AdvanceTo(6 * kSeg);
  EXPECT_EQ(h.player().qos().played_us_per_rendition,
            (std::vector<DurationUs>{2 * kSeg, 2 * kSeg, 2 * kSeg}));
  EXPECT_EQ(h.player().qos().bitrate_switches, 3);  // 0->2, 2->1, 1->0
  EXPECT_EQ(h.player().qos().played_us, 6 * kSeg);
}

TEST(PlayerTest, SwitchesCountAcrossAStall) {
  PlayerHarness h(VodStreamConfig(10), Thresholds(kSeg, kSeg));
  h.StartAt(0);
  h.ArriveAt(0, 0, 1);
  h.ArriveAt(10 * kSec, 1, 0);  // stalled in between
  h.AdvanceTo(20 * kSec);
  EXPECT_EQ(h.player().qos().stall_count, 2);
  EXPECT_EQ(h.player().qos().bitrate_switches, 1);
}

TEST(PlayerTest, LiveStartSeqStaysBehindTheEdgeWithinThePlaylist) {
  const Stream stream(LiveStreamConfig(100 * kSec));
  PlayerConfig config;
  const TimeUs now = 100 * kSec + 10 * kSeg;  // segments 0..9 available, window 5..9
  config.live_start_behind_edge_segments = 3;
  EXPECT_EQ(Player::LiveStartSeq(stream, config, now), 6);
  EXPECT_EQ(Player::LiveStartSeq(stream, config, now - 1), 5);  // segment 9 not complete yet
  config.live_start_behind_edge_segments = 0;
  EXPECT_EQ(Player::LiveStartSeq(stream, config, now), 9);
  config.live_start_behind_edge_segments = 20;  // beyond the playlist window
  EXPECT_EQ(Player::LiveStartSeq(stream, config, now), 5);
  config.live_start_behind_edge_segments = 3;
  EXPECT_EQ(Player::LiveStartSeq(stream, config, 50 * kSec), 0);  // before the stream starts
  EXPECT_EQ(Player::LiveStartSeq(Stream(VodStreamConfig(10)), config, now), 0);
}

TEST(PlayerTest, JumpForwardKeepsLaterSegmentsAndCountsAResync) {
  const Stream stream(LiveStreamConfig(0));
  Player player(stream, Thresholds(kSeg, kSeg));
  player.Start(40 * kSec, 5);
  player.OnSegmentBuffered(41 * kSec, {0, 8});  // 6 and 7 never come
  ASSERT_EQ(player.state(), PlayerState::kStartup);
  player.JumpForward(42 * kSec, 5);  // not forward: ignored
  EXPECT_EQ(player.qos().live_resyncs, 0);
  player.JumpForward(42 * kSec, 8);
  EXPECT_EQ(player.playhead_seq(), 8);
  EXPECT_EQ(player.NextNeededSeq(), 9);
  EXPECT_EQ(player.BufferAheadUs(), kSeg);  // segment 8 kept: startup threshold reached
  EXPECT_EQ(player.state(), PlayerState::kPlaying);
  EXPECT_EQ(player.qos().live_resyncs, 1);
  EXPECT_EQ(player.qos().playback_start_us, 42 * kSec);
}

TEST(PlayerTest, JumpForwardOnlyWhileWaiting) {
  const Stream stream(LiveStreamConfig(0));
  Player player(stream, Thresholds(kSeg, kSeg));
  player.Start(40 * kSec, 5);
  player.OnSegmentBuffered(40 * kSec, {0, 5});
  ASSERT_EQ(player.state(), PlayerState::kPlaying);
  player.JumpForward(41 * kSec, 7);  // playing: a player does not skip what it is showing
  EXPECT_EQ(player.playhead_seq(), 5);
  EXPECT_EQ(player.qos().live_resyncs, 0);
}

TEST(PlayerTest, LiveSessionStartsAtTheGivenSequence) {
  PlayerHarness h(LiveStreamConfig(0), Thresholds(kSeg, kSeg));
  const TimeUs now = 10 * kSeg;
  const SegmentSeq start = Player::LiveStartSeq(h.stream(), PlayerConfig{}, now);
  ASSERT_EQ(start, 6);
  h.StartAt(now, start);
  EXPECT_EQ(h.player().playhead_seq(), 6);
  EXPECT_EQ(h.player().playhead_media_us(), 6 * kSeg);
  EXPECT_EQ(h.player().NextNeededSeq(), 6);
  h.ArriveAt(now, 5);  // behind the start position
  EXPECT_FALSE(h.player().IsBuffered(5));
  h.ArriveAt(now + kSec, 6);
  EXPECT_EQ(h.player().state(), PlayerState::kPlaying);
  h.AdvanceTo(now + kSec + kSeg / 2);
  EXPECT_EQ(h.player().playhead_media_us(), 6 * kSeg + kSeg / 2);
}

TEST(PlayerTest, VodEndsAtEndSeqWithoutAStall) {
  PlayerHarness h(VodStreamConfig(3), Thresholds(2 * kSeg, kSeg));
  h.StartAt(0);
  for (SegmentSeq s = 0; s < 3; ++s) h.ArriveAt(0, s);
  h.ArriveAt(0, 3);  // past the end: ignored
  EXPECT_EQ(h.player().NextNeededSeq(), 3);
  EXPECT_EQ(h.player().NextEventUs(), 3 * kSeg);
  h.AdvanceTo(3 * kSeg - 1);
  EXPECT_EQ(h.player().state(), PlayerState::kPlaying);
  h.AdvanceTo(3 * kSeg);
  EXPECT_EQ(h.player().state(), PlayerState::kEnded);
  EXPECT_EQ(h.player().playhead_seq(), 3);
  EXPECT_EQ(h.player().NextEventUs(), kNever);
  h.AdvanceTo(100 * kSeg);
  EXPECT_EQ(h.player().qos().stall_count, 0);
  EXPECT_EQ(h.player().qos().stall_time_us, 0);
  EXPECT_EQ(h.player().qos().played_us, 3 * kSeg);
}

TEST(PlayerTest, VodShorterThanStartupThresholdStillStarts) {
  PlayerHarness h(VodStreamConfig(1), Thresholds(3 * kSeg, 3 * kSeg));
  h.StartAt(0);
  h.ArriveAt(kSec, 0);
  EXPECT_EQ(h.player().state(), PlayerState::kPlaying);
  EXPECT_EQ(h.player().qos().startup_delay_us(), kSec);
}

TEST(PlayerTest, ResumesNearVodEndWithLessThanResumeThreshold) {
  PlayerHarness h(VodStreamConfig(3), Thresholds(kSeg, 3 * kSeg));
  h.StartAt(0);
  h.ArriveAt(0, 0);
  h.ArriveAt(0, 1);
  h.AdvanceTo(3 * kSeg);  // dry at 8 s
  EXPECT_EQ(h.player().state(), PlayerState::kStalled);
  h.ArriveAt(3 * kSeg, 2);  // only 4 s left, below the 12 s resume threshold, but it is the end
  EXPECT_EQ(h.player().state(), PlayerState::kPlaying);
  h.AdvanceTo(10 * kSeg);
  EXPECT_EQ(h.player().state(), PlayerState::kEnded);
  EXPECT_EQ(h.player().qos().stall_time_us, kSeg);
}

TEST(PlayerTest, LargeJumpPlaysThroughAndStallsFromTheExactDryMoment) {
  PlayerHarness h(VodStreamConfig(100), Thresholds(kSeg, kSeg));
  h.StartAt(0);
  h.ArriveAt(3 * kSec, 0);
  for (SegmentSeq s = 1; s < 5; ++s) h.ArriveAt(3 * kSec, s);  // 20 s buffered
  h.AdvanceTo(1000 * kSec);
  EXPECT_EQ(h.player().state(), PlayerState::kStalled);
  EXPECT_EQ(h.player().playhead_seq(), 5);
  EXPECT_EQ(h.player().qos().played_us, 5 * kSeg);
  EXPECT_EQ(h.player().qos().stall_count, 1);
  EXPECT_EQ(h.player().qos().stall_time_us, 1000 * kSec - (3 * kSec + 5 * kSeg));
}

TEST(PlayerTest, LargeJumpToVodEndCountsNoStallTime) {
  PlayerHarness h(VodStreamConfig(4), Thresholds(kSeg, kSeg));
  h.StartAt(0);
  for (SegmentSeq s = 0; s < 4; ++s) h.ArriveAt(kSec, s);
  h.AdvanceTo(1000 * kSec);
  EXPECT_EQ(h.player().state(), PlayerState::kEnded);
  EXPECT_EQ(h.player().qos().played_us, 4 * kSeg);
  EXPECT_EQ(h.player().qos().stall_time_us, 0);
}

TEST(PlayerTest, StopEndsTheSessionAndFreezesTheRecord) {
  PlayerHarness h(VodStreamConfig(10), Thresholds(kSeg, kSeg));
  h.StartAt(0);
  h.ArriveAt(0, 0);
  h.player().Stop(6 * kSec);  // stalled for 2 s at stop
  EXPECT_EQ(h.player().state(), PlayerState::kEnded);
  EXPECT_EQ(h.player().qos().stall_time_us, 2 * kSec);
  h.ArriveAt(7 * kSec, 1);
  h.AdvanceTo(20 * kSec);
  EXPECT_FALSE(h.player().IsBuffered(1));
  EXPECT_EQ(h.player().qos().stall_time_us, 2 * kSec);
  EXPECT_EQ(h.player().qos().played_us, kSeg);
  EXPECT_EQ(h.player().NextEventUs(), kNever);
}

TEST(PlayerTest, StopBeforeFirstFrameLeavesNoStartupDelay) {
  PlayerHarness h(VodStreamConfig(10), Thresholds(kSeg, kSeg));
  h.StartAt(kSec);
  h.player().Stop(9 * kSec);
  EXPECT_EQ(h.player().qos().session_start_us, kSec);
  EXPECT_EQ(h.player().qos().startup_delay_us(), -1);
  EXPECT_EQ(h.player().qos().stall_count, 0);
}

}  // namespace
}  // namespace cdnmesh
