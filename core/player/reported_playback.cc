#include "core/player/reported_playback.h"

#include <algorithm>

namespace cdnmesh {
namespace {

// Renditions remembered per handed segment (for play time per rendition and switches).
constexpr std::size_t kMaxRememberedSegments = 256;

}  // namespace

ReportedPlayback::ReportedPlayback(const Stream& stream, PlayerConfig config)
    : stream_(stream), config_(config) {
  qos_.played_us_per_rendition.assign(static_cast<std::size_t>(stream.rendition_count()), 0);
}

void ReportedPlayback::Start(TimeUs now_us, SegmentSeq start_seq, TimeUs session_start_us) {
  now_us_ = now_us;
  qos_.session_start_us = session_start_us == kNever ? now_us : session_start_us;
  playhead_us_ = stream_.MediaStartUs(start_seq);
  state_ = PlayerState::kStartup;
}

void ReportedPlayback::Stop(TimeUs now_us) {
  AdvanceTo(now_us);
  state_ = PlayerState::kEnded;
}

// Extrapolates: 1x while playing, never past the buffered run; stalls accrue while waiting.
void ReportedPlayback::AdvanceTo(TimeUs now_us) {
  if (now_us <= now_us_) return;
  const DurationUs elapsed_us = now_us - now_us_;
  if (state_ == PlayerState::kPlaying) {
    const DurationUs to_us = std::min(playhead_us_ + elapsed_us, ContiguousEndUs());
    RecordPlayed(playhead_us_, to_us);
    playhead_us_ = to_us;
  } else if (state_ == PlayerState::kStalled) {
    qos_.stall_time_us += elapsed_us;
  }
  now_us_ = now_us;
}

void ReportedPlayback::OnReport(TimeUs now_us, const PlaybackReport& report) {
  AdvanceTo(now_us);
  if (state_ == PlayerState::kIdle || state_ == PlayerState::kEnded) return;
  playhead_us_ = std::max<DurationUs>(0, report.playhead_media_us);
  // The report is the truth; segments handed since may not be appended yet and are kept.
  std::vector<MediaRange> handed;
  for (const auto& [seq, rendition] : renditions_) {
    if (stream_.MediaStartUs(seq + 1) > playhead_us_) {
      handed.push_back(MediaRange{stream_.MediaStartUs(seq), stream_.MediaStartUs(seq + 1)});
    }
  }
  buffered_.clear();
  for (const MediaRange& r : report.buffered) AddRange(r);
  for (const MediaRange& r : handed) AddRange(r);
  if (report.ended) {
    state_ = PlayerState::kEnded;
  } else if (report.playing) {
    if (qos_.playback_start_us == kNever) qos_.playback_start_us = now_us;
    state_ = PlayerState::kPlaying;
  } else if (state_ == PlayerState::kPlaying) {
    state_ = PlayerState::kStalled;  // waiting for data after playback began
    ++qos_.stall_count;
  }
}

void ReportedPlayback::OnSegmentBuffered(TimeUs now_us, SegmentKey key) {
  AdvanceTo(now_us);
  if (state_ == PlayerState::kIdle || state_ == PlayerState::kEnded) return;
  AddRange(MediaRange{stream_.MediaStartUs(key.seq), stream_.MediaStartUs(key.seq + 1)});
  renditions_.emplace_back(key.seq, key.rendition);
  if (renditions_.size() > kMaxRememberedSegments) renditions_.pop_front();
}

void ReportedPlayback::AddRange(MediaRange range) {
  if (range.end_us <= range.start_us) return;
  buffered_.push_back(range);
  std::sort(buffered_.begin(), buffered_.end(),
            [](const MediaRange& a, const MediaRange& b) { return a.start_us < b.start_us; });
  std::vector<MediaRange> merged;
  for (const MediaRange& r : buffered_) {
    if (!merged.empty() && r.start_us <= merged.back().end_us) {
      merged.back().end_us = std::max(merged.back().end_us, r.end_us);
    } else {
      merged.push_back(r);
    }
  }
  buffered_.swap(merged);
}

// Play time per rendition, segment by segment (a span may cross segment boundaries).
void ReportedPlayback::RecordPlayed(DurationUs from_us, DurationUs to_us) {
  if (to_us <= from_us) return;
  qos_.played_us += to_us - from_us;
  const DurationUs duration_us = stream_.segment_duration_us();
  for (DurationUs at_us = from_us; at_us < to_us;) {
    const SegmentSeq seq = at_us / duration_us;
    const DurationUs until_us = std::min(to_us, stream_.MediaStartUs(seq + 1));
    for (auto it = renditions_.rbegin(); it != renditions_.rend(); ++it) {
      if (it->first != seq) continue;
      qos_.played_us_per_rendition[static_cast<std::size_t>(it->second)] += until_us - at_us;
      if (last_rendition_ >= 0 && it->second != last_rendition_) ++qos_.bitrate_switches;
      last_rendition_ = it->second;
      break;
    }
    at_us = until_us;
  }
}

DurationUs ReportedPlayback::ContiguousEndUs() const {
  for (const MediaRange& r : buffered_) {
    if (r.start_us <= playhead_us_ && playhead_us_ < r.end_us) return r.end_us;
  }
  return playhead_us_;
}

SegmentSeq ReportedPlayback::playhead_seq() const {
  return playhead_us_ / stream_.segment_duration_us();
}

SegmentSeq ReportedPlayback::NextNeededSeq() const {
  // The segment holding the end of the buffered run (a partly buffered one is still needed).
  return std::max(playhead_seq(), ContiguousEndUs() / stream_.segment_duration_us());
}

bool ReportedPlayback::IsBuffered(SegmentSeq seq) const {
  const DurationUs start_us = stream_.MediaStartUs(seq);
  const DurationUs end_us = stream_.MediaStartUs(seq + 1);
  if (end_us <= playhead_us_) return false;
  for (const MediaRange& r : buffered_) {
    if (r.start_us <= start_us && end_us <= r.end_us) return true;
  }
  return false;
}

TimeUs ReportedPlayback::NextEventUs() const {
  if (state_ != PlayerState::kPlaying) return kNever;
  return now_us_ + BufferAheadUs();
}

}  // namespace cdnmesh
