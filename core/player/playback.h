// What the scheduler needs to know of playback, behind one interface with two implementations:
// Player, the simulated playback model the simulator's host runs, and ReportedPlayback, fed by a
// real player's reports (a browser's <video> element through OnPlayback). QoS is recorded the
// same way for both.
#pragma once

#include "core/common/time.h"
#include "core/common/types.h"
#include "core/player/qos.h"

namespace cdnmesh {

struct PlayerConfig;

/// Lifecycle of a playback session.
enum class PlayerState : std::uint8_t {
  kIdle,     ///< Start() not called yet
  kStartup,  ///< buffering before the first frame
  kPlaying,  ///< playhead advancing
  kStalled,  ///< buffer ran dry after startup; waiting for resume_buffer_us
  kEnded,    ///< VOD reached its end, or Stop() was called
};

/// Playback as the scheduler sees it. Time only moves when the scheduler calls AdvanceTo.
class Playback {
 public:
  virtual ~Playback() = default;

  /// Begins the session's playback at `now_us` from the start of `start_seq`; the session
  /// began at `session_start_us` (kNever: now).
  virtual void Start(TimeUs now_us, SegmentSeq start_seq, TimeUs session_start_us) = 0;
  /// Ends the session at `now_us`.
  virtual void Stop(TimeUs now_us) = 0;
  /// Moves time to `now_us` (monotonic).
  virtual void AdvanceTo(TimeUs now_us) = 0;
  /// Segment `key` is complete and handed to the player at `now_us`.
  virtual void OnSegmentBuffered(TimeUs now_us, SegmentKey key) = 0;
  /// Live, while waiting: the playhead should move forward to `seq` (resync to the live edge).
  virtual void JumpForward(TimeUs now_us, SegmentSeq seq) = 0;
  /// New thresholds from the distributor.
  virtual void SetConfig(const PlayerConfig& config) = 0;

  /// Current state.
  virtual PlayerState state() const = 0;
  /// The thresholds.
  virtual const PlayerConfig& config() const = 0;
  /// Media position of the playhead.
  virtual DurationUs playhead_media_us() const = 0;
  /// The segment containing the playhead.
  virtual SegmentSeq playhead_seq() const = 0;
  /// Contiguous buffered media ahead of the playhead.
  virtual DurationUs BufferAheadUs() const = 0;
  /// First segment at or after the playhead that is not buffered.
  virtual SegmentSeq NextNeededSeq() const = 0;
  /// True when `seq` is buffered and not yet played past.
  virtual bool IsBuffered(SegmentSeq seq) const = 0;
  /// The next time playback changes state by itself (buffer runs dry, VOD ends), or kNever.
  virtual TimeUs NextEventUs() const = 0;
  /// The QoS record so far.
  virtual const QosRecord& qos() const = 0;
};

}  // namespace cdnmesh
