// The playback model of one viewer: startup, playhead, buffer level, stalls and resumption,
// live sync position. Time only moves when the host calls AdvanceTo(now_us).
#pragma once

#include <cstdint>
#include <deque>

#include "core/common/time.h"
#include "core/common/types.h"
#include "core/player/playback.h"
#include "core/player/qos.h"
#include "core/stream/stream.h"

namespace cdnmesh {

/// Player thresholds; every field has a unit in its name and a default.
struct PlayerConfig {
  /// Contiguous buffered media needed before the first frame plays.
  DurationUs startup_buffer_us = 4 * kUsPerSecond;
  /// Contiguous buffered media needed to resume after a stall.
  DurationUs resume_buffer_us = 4 * kUsPerSecond;
  /// Live: the session starts this many segments behind the newest available one (0 = at edge).
  int live_start_behind_edge_segments = 3;
};

/// Checks a PlayerConfig; the error names the offending field.
Status ValidatePlayerConfig(const PlayerConfig& config);

/// One viewer's simulated playback. Does not own the stream (it must outlive the player).
class Player final : public Playback {
 public:
  Player(const Stream& stream, PlayerConfig config);

  /// Live start position in a playlist listing [first_seq, end_seq): the configured number of
  /// segments behind the newest, never before the oldest listed nor segment 0.
  static SegmentSeq LiveStartSeq(SegmentSeq first_seq, SegmentSeq end_seq,
                                 const PlayerConfig& config);
  /// The same for the playlist the stream's CDN lists at `now_us` (tests and tools).
  static SegmentSeq LiveStartSeq(const Stream& stream, const PlayerConfig& config, TimeUs now_us);

  /// Begins playback at `now_us` with the playhead at the start of `start_seq`; the session
  /// (from which startup delay counts) began at `session_start_us` (kNever: now).
  void Start(TimeUs now_us, SegmentSeq start_seq, TimeUs session_start_us = kNever) override;
  /// Ends the session at `now_us` (the viewer leaves); state becomes kEnded.
  void Stop(TimeUs now_us) override;
  /// Moves time to `now_us` (monotonic): plays buffered media, starts, stalls, resumes, ends.
  void AdvanceTo(TimeUs now_us) override;
  /// A segment is fully downloaded at `now_us`; it is buffered unless already played.
  /// Advances to `now_us` first. A later download of a buffered segment replaces its rendition
  /// unless that segment has started playing. Ignored before Start() and after the session ends,
  /// and for VOD sequence numbers at or past EndSeq().
  void OnSegmentBuffered(TimeUs now_us, SegmentKey key) override;

  /// Live, while waiting (startup or stalled): moves the playhead forward to the start of `seq`
  /// (a resync to the live edge once the awaited segment has left the playlist). Segments
  /// buffered from `seq` on are kept. Advances to `now_us` first; counts a live resync.
  void JumpForward(TimeUs now_us, SegmentSeq seq) override;

  /// Takes new thresholds (they apply from the next state change).
  void SetConfig(const PlayerConfig& config) override { config_ = config; }
  /// Current state.
  PlayerState state() const override { return state_; }
  /// The configuration.
  const PlayerConfig& config() const override { return config_; }
  /// Media position of the playhead.
  DurationUs playhead_media_us() const override { return playhead_media_us_; }
  /// The segment containing the playhead (the one being played or awaited).
  SegmentSeq playhead_seq() const override;
  /// Contiguous buffered media ahead of the playhead.
  DurationUs BufferAheadUs() const override;
  /// First segment at or after the playhead that is not buffered (the next one needed).
  SegmentSeq NextNeededSeq() const override;
  /// True when `seq` is buffered and not yet played past.
  bool IsBuffered(SegmentSeq seq) const override;
  /// The next time the player changes state by itself (buffer runs dry, VOD ends), or kNever.
  TimeUs NextEventUs() const override;
  /// The QoS record so far (stall time counted up to the last AdvanceTo).
  const QosRecord& qos() const override { return qos_; }

 private:
  // Per-segment slot at index (seq - window_start_seq_); rendition or kEmpty.
  static constexpr int kEmpty = -1;
  // Plays `media_us` of buffered media (it must be buffered) and records QoS.
  void Play(DurationUs media_us);
  // The buffer ran dry while playing: the VOD title ended or the player stalls.
  void RunDry();
  // Startup -> playing or stalled -> playing once the buffer reaches its threshold.
  void UpdateState();
  // True when the buffer satisfies `threshold_us` or reaches the end of a VOD title.
  bool BufferReady(DurationUs threshold_us) const;
  // Moves contiguous_end_seq_ past newly contiguous slots.
  void ExtendContiguous();
  void DropPlayedSegments();
  void RecordRendition(SegmentSeq seq, int rendition);

  const Stream& stream_;
  PlayerConfig config_;
  PlayerState state_ = PlayerState::kIdle;
  TimeUs now_us_ = 0;
  DurationUs playhead_media_us_ = 0;
  SegmentSeq window_start_seq_ = 0;     // == playhead_seq() once started
  SegmentSeq contiguous_end_seq_ = 0;   // first unbuffered seq at or after window_start_seq_
  std::deque<int> slots_;               // buffered renditions from window_start_seq_ onwards
  int last_played_rendition_ = kEmpty;  // rendition of the last segment that started playing
  SegmentSeq last_recorded_seq_ = -1;   // the last segment that started playing
  QosRecord qos_;
};

}  // namespace cdnmesh
