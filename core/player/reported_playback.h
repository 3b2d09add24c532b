// Playback as a real player reports it: a browser host calls OnReport with its <video>
// element's currentTime, buffered ranges and waiting/playing/ended state (on every media event
// and every few hundred milliseconds). Between reports the playhead is extrapolated at 1x while
// playing, up to the end of the buffered range it is in; segments the client hands to the
// player count as buffered at once. QoS (startup delay, stalls, play time per rendition,
// switches) is recorded from the reports, as Player records it from its model.
#pragma once

#include <deque>
#include <utility>
#include <vector>

#include "core/player/player.h"

namespace cdnmesh {

/// A span of buffered media, [start_us, end_us) in media time.
struct MediaRange {
  DurationUs start_us = 0;
  DurationUs end_us = 0;
};

/// One report of a real player.
struct PlaybackReport {
  DurationUs playhead_media_us = 0;  ///< <video>.currentTime
  std::vector<MediaRange> buffered;  ///< <video>.buffered
  bool playing = false;              ///< frames advancing ("playing", not paused or waiting)
  bool ended = false;                ///< the title ended
};

/// Playback of a real player, known from its reports. The stream must outlive it.
class ReportedPlayback final : public Playback {
 public:
  ReportedPlayback(const Stream& stream, PlayerConfig config);

  /// A report of the real player at `now_us`.
  void OnReport(TimeUs now_us, const PlaybackReport& report);

  void Start(TimeUs now_us, SegmentSeq start_seq, TimeUs session_start_us) override;
  void Stop(TimeUs now_us) override;
  void AdvanceTo(TimeUs now_us) override;
  void OnSegmentBuffered(TimeUs now_us, SegmentKey key) override;
  /// The real player resyncs to the live edge itself and reports where it went: nothing to do.
  void JumpForward(TimeUs /*now_us*/, SegmentSeq /*seq*/) override {}
  void SetConfig(const PlayerConfig& config) override { config_ = config; }
  PlayerState state() const override { return state_; }
  const PlayerConfig& config() const override { return config_; }
  DurationUs playhead_media_us() const override { return playhead_us_; }
  SegmentSeq playhead_seq() const override;
  DurationUs BufferAheadUs() const override { return ContiguousEndUs() - playhead_us_; }
  SegmentSeq NextNeededSeq() const override;
  bool IsBuffered(SegmentSeq seq) const override;
  TimeUs NextEventUs() const override;
  const QosRecord& qos() const override { return qos_; }

 private:
  DurationUs ContiguousEndUs() const;  // end of the buffered run the playhead is in
  void AddRange(MediaRange range);
  void RecordPlayed(DurationUs from_us, DurationUs to_us);

  const Stream& stream_;
  PlayerConfig config_;
  PlayerState state_ = PlayerState::kIdle;
  TimeUs now_us_ = 0;
  DurationUs playhead_us_ = 0;
  std::vector<MediaRange> buffered_;                        // sorted, disjoint
  std::deque<std::pair<SegmentSeq, int>> renditions_;       // segments handed, by seq
  int last_rendition_ = -1;
  QosRecord qos_;
};

}  // namespace cdnmesh
