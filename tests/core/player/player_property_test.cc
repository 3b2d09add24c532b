// Randomized property tests of Player with fixed seeds: random arrival order and timing, random
// time jumps. Small streams (10 us segments) are checked step by step against a naive reference
// model that advances one microsecond at a time; realistic streams are checked for invariants.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "core/common/random.h"
#include "core/player/player.h"
#include "tests/core/player/player_harness.h"

namespace cdnmesh {
namespace {

using testing::LiveStreamConfig;
using testing::PlayerHarness;
using testing::VodStreamConfig;

// The playback rules written as plainly as possible: one microsecond per Tick().
class ReferencePlayer {
 public:
  ReferencePlayer(const Stream& stream, PlayerConfig config) : stream_(stream), config_(config) {
    qos.played_us_per_rendition.assign(static_cast<std::size_t>(stream.rendition_count()), 0);
  }

  void Start(TimeUs now_us, SegmentSeq seq) {
    now_us_ = now_us;
    qos.session_start_us = now_us;
    playhead_us = stream_.MediaStartUs(seq);
    state = PlayerState::kStartup;
  }
  void Tick() {  // from now_us_ to now_us_ + 1
    ++now_us_;
    if (state == PlayerState::kStalled) ++qos.stall_time_us;
    if (state != PlayerState::kPlaying) return;
    const SegmentSeq seq = Head();
    const int rendition = buffered_.at(seq);
    if (seq != started_seq_) {
      if (last_rendition_ >= 0 && rendition != last_rendition_) ++qos.bitrate_switches;
      last_rendition_ = rendition;
      started_seq_ = seq;
    }
    ++playhead_us;
    ++qos.played_us;
    ++qos.played_us_per_rendition[static_cast<std::size_t>(rendition)];
    if (AheadUs() > 0) return;
    if (!stream_.live() && Head() >= stream_.EndSeq()) {
      state = PlayerState::kEnded;
    } else {
      state = PlayerState::kStalled;
      ++qos.stall_count;
    }
  }
  void Arrive(SegmentKey key) {
    if (state == PlayerState::kIdle || state == PlayerState::kEnded) return;
    if (key.seq < Head() || key.seq == started_seq_ || key.seq >= stream_.EndSeq()) return;
    buffered_[key.seq] = key.rendition;
    const bool at_end = !stream_.live() && End() >= stream_.EndSeq();
    if (state == PlayerState::kStartup && (AheadUs() >= config_.startup_buffer_us || at_end)) {
      state = PlayerState::kPlaying;
      qos.playback_start_us = now_us_;
    } else if (state == PlayerState::kStalled &&
               (AheadUs() >= config_.resume_buffer_us || at_end)) {
      state = PlayerState::kPlaying;
    }
  }
  void Stop() { state = PlayerState::kEnded; }
  TimeUs now_us() const { return now_us_; }
  SegmentSeq Head() const { return playhead_us / stream_.segment_duration_us(); }
  SegmentSeq End() const {
    SegmentSeq s = Head();
    while (buffered_.count(s) != 0 && s < stream_.EndSeq()) ++s;
    return s;
  }
  DurationUs AheadUs() const { return stream_.MediaStartUs(End()) - playhead_us; }
  bool IsBuffered(SegmentSeq seq) const { return seq >= Head() && buffered_.count(seq) != 0; }

  PlayerState state = PlayerState::kIdle;
  DurationUs playhead_us = 0;
  QosRecord qos;

 private:
  const Stream& stream_;
  PlayerConfig config_;
  TimeUs now_us_ = 0;
  std::map<SegmentSeq, int> buffered_;
  SegmentSeq started_seq_ = -1;
  int last_rendition_ = -1;
};

::testing::AssertionResult Matches(Player& player, const ReferencePlayer& ref, TimeUs now_us) {
  const QosRecord& a = player.qos();
  const QosRecord& b = ref.qos;
  std::string diff;
  if (player.state() != ref.state) diff += " state";
  if (player.playhead_media_us() != ref.playhead_us) diff += " playhead";
  if (player.BufferAheadUs() != ref.AheadUs()) diff += " buffer_ahead";
  if (player.NextNeededSeq() != ref.End()) diff += " next_needed";
  if (a.playback_start_us != b.playback_start_us) diff += " playback_start";
  if (a.stall_count != b.stall_count) diff += " stall_count";
  if (a.stall_time_us != b.stall_time_us) diff += " stall_time";
  if (a.played_us != b.played_us) diff += " played";
  if (a.bitrate_switches != b.bitrate_switches) diff += " switches";
  if (a.played_us_per_rendition != b.played_us_per_rendition) diff += " per_rendition";
  for (SegmentSeq s = ref.Head() - 2; s < ref.Head() + 10; ++s) {
    if (player.IsBuffered(s) != ref.IsBuffered(s))
      diff += " is_buffered(" + std::to_string(s) + ")";
  }
  const bool playing = player.state() == PlayerState::kPlaying;
  if (player.NextEventUs() != (playing ? now_us + ref.AheadUs() : kNever)) diff += " next_event";
  if (diff.empty()) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << "at t=" << now_us << " differs in:" << diff;
}

// One random session on a stream with 10 us segments, compared with the reference after each step.
void RunAgainstReference(std::uint64_t seed) {
  SCOPED_TRACE("seed " + std::to_string(seed));
  Rng rng(seed);
  const bool live = rng.Bernoulli(0.5);
  const DurationUs seg_us = 10;
  const auto vod_segments = static_cast<SegmentSeq>(5 + rng.UniformIndex(26));
  PlayerConfig config;
  config.startup_buffer_us = 1 + static_cast<DurationUs>(rng.UniformIndex(40));
  config.resume_buffer_us = 1 + static_cast<DurationUs>(rng.UniformIndex(40));
  PlayerHarness h(live ? LiveStreamConfig(0, seg_us) : VodStreamConfig(vod_segments, seg_us),
                  config);
  ReferencePlayer ref(h.stream(), config);
  const SegmentSeq start = live ? static_cast<SegmentSeq>(rng.UniformIndex(5)) : 0;
  const auto t0 = static_cast<TimeUs>(rng.UniformIndex(100));
  h.StartAt(t0, start);
  ref.Start(t0, start);
  for (int step = 0; step < 400 && ref.state != PlayerState::kEnded; ++step) {
    TimeUs next = h.now_us() + static_cast<TimeUs>(rng.UniformIndex(rng.Bernoulli(0.1) ? 300 : 12));
    if (rng.Bernoulli(0.2)) next = std::min(next, h.player().NextEventUs());  // wake on time
    h.AdvanceTo(next);
    while (ref.now_us() < next) ref.Tick();
    ASSERT_TRUE(Matches(h.player(), ref, next)) << " after AdvanceTo, step " << step;
    const auto arrivals = rng.UniformIndex(3);
    for (std::uint64_t i = 0; i < arrivals; ++i) {
      const SegmentKey key{static_cast<RenditionIndex>(rng.UniformIndex(3)),
                           ref.Head() - 2 + static_cast<SegmentSeq>(rng.UniformIndex(10))};
      h.ArriveAt(next, key.seq, key.rendition);
      ref.Arrive(key);
      ASSERT_TRUE(Matches(h.player(), ref, next)) << " after segment " << key.seq;
    }
    if (rng.Bernoulli(0.005)) {
      h.player().Stop(next);
      ref.Stop();
    }
  }
}

TEST(PlayerPropertyTest, MatchesMicrosecondReferenceModel) {
  for (std::uint64_t seed = 1; seed <= 300; ++seed) {
    RunAgainstReference(seed);
    if (HasFatalFailure()) return;
  }
}

// What must hold after every input, whatever the arrival pattern (session started at seq 0).
::testing::AssertionResult HoldsInvariants(const Player& p, TimeUs now_us) {
  const QosRecord& q = p.qos();
  DurationUs per_rendition_sum = 0;
  for (DurationUs d : q.played_us_per_rendition) per_rendition_sum += d;
  const bool started = q.playback_start_us != kNever;
  const bool running = started && p.state() != PlayerState::kEnded;
  std::string broken;
  if (p.BufferAheadUs() < 0) broken += " buffer_ahead>=0";
  if (q.played_us != p.playhead_media_us()) broken += " played==playhead";
  if (per_rendition_sum != q.played_us) broken += " sum(per_rendition)==played";
  if (!started && q.stall_time_us + q.played_us != 0) broken += " nothing_before_startup";
  if (running && q.played_us + q.stall_time_us != now_us - q.playback_start_us) {
    broken += " played+stall==now-playback_start";
  }
  if (started && q.startup_delay_us() < 0) broken += " startup_delay>=0";
  if (p.state() == PlayerState::kPlaying && p.NextEventUs() <= now_us) broken += " next_event";
  if (p.state() == PlayerState::kStalled && q.stall_count < 1) broken += " stall_count";
  if (broken.empty()) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << "at t=" << now_us << " broken:" << broken;
}

// Realistic durations, large jumps: invariants that must hold whatever the arrival pattern.
TEST(PlayerPropertyTest, TimeIsAlwaysAccountedFor) {
  Rng rng(20240601);
  for (int trial = 0; trial < 50; ++trial) {
    PlayerConfig config;
    config.startup_buffer_us = SecondsToUs(rng.Uniform(0.5, 12.0));
    config.resume_buffer_us = SecondsToUs(rng.Uniform(0.5, 12.0));
    PlayerHarness h(VodStreamConfig(200), config);
    h.StartAt(SecondsToUs(rng.Uniform(0, 100)));
    SegmentSeq next_fetch = 0;
    for (int step = 0; step < 500 && h.player().state() != PlayerState::kEnded; ++step) {
      const TimeUs now = h.now_us() + SecondsToUs(rng.Uniform(0.0, rng.Bernoulli(0.05) ? 60 : 5));
      h.AdvanceTo(now);
      // Mostly in order, sometimes a few ahead (out of order), sometimes a repeat.
      const SegmentSeq seq = std::max(h.player().NextNeededSeq(), next_fetch) +
                             static_cast<SegmentSeq>(rng.UniformIndex(3)) - 1;
      next_fetch = std::max(next_fetch, seq + 1);
      if (rng.Bernoulli(0.8)) {
        h.ArriveAt(now, seq, static_cast<RenditionIndex>(rng.UniformIndex(3)));
      }
      ASSERT_TRUE(HoldsInvariants(h.player(), now)) << "trial " << trial << " step " << step;
    }
  }
}

}  // namespace
}  // namespace cdnmesh
