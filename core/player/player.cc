#include "core/player/player.h"

#include <algorithm>
#include <cassert>
#include <cstddef>

namespace cdnmesh {

Status ValidatePlayerConfig(const PlayerConfig& config) {
  if (config.startup_buffer_us <= 0) return Error{"startup_buffer_us: must be > 0"};
  if (config.resume_buffer_us <= 0) return Error{"resume_buffer_us: must be > 0"};
  if (config.live_start_behind_edge_segments < 0) {
    return Error{"live_start_behind_edge_segments: must be >= 0"};
  }
  return {};
}

Player::Player(const Stream& stream, PlayerConfig config) : stream_(stream), config_(config) {
  assert(ValidatePlayerConfig(config_).ok());
  qos_.played_us_per_rendition.assign(static_cast<std::size_t>(stream_.rendition_count()), 0);
}

SegmentSeq Player::LiveStartSeq(SegmentSeq first_seq, SegmentSeq end_seq,
                                 const PlayerConfig& config) {
  const SegmentSeq behind_edge = end_seq - 1 - config.live_start_behind_edge_segments;
  // Never start on a segment that has already left the playlist window.
  return std::max<SegmentSeq>({0, first_seq, behind_edge});
}

SegmentSeq Player::LiveStartSeq(const Stream& stream, const PlayerConfig& config, TimeUs now_us) {
  if (!stream.live()) return 0;
  return LiveStartSeq(stream.FirstAvailable(now_us), stream.LastAvailable(now_us) + 1, config);
}

void Player::Start(TimeUs now_us, SegmentSeq start_seq, TimeUs session_start_us) {
  assert(state_ == PlayerState::kIdle);
  assert(start_seq >= 0 && start_seq < stream_.EndSeq());
  now_us_ = now_us;
  qos_.session_start_us = session_start_us == kNever ? now_us : session_start_us;
  playhead_media_us_ = stream_.MediaStartUs(start_seq);
  window_start_seq_ = start_seq;
  contiguous_end_seq_ = start_seq;
  slots_.clear();
  state_ = PlayerState::kStartup;
}

void Player::Stop(TimeUs now_us) {
  AdvanceTo(now_us);
  state_ = PlayerState::kEnded;
}

void Player::AdvanceTo(TimeUs now_us) {
  if (state_ == PlayerState::kIdle) {
    now_us_ = now_us;
    return;
  }
  assert(now_us >= now_us_);
  TimeUs t = now_us_;
  if (state_ == PlayerState::kPlaying) {
    const DurationUs ahead = BufferAheadUs();
    const DurationUs step = std::min(now_us - t, ahead);
    Play(step);
    t += step;
    if (step == ahead) RunDry();
  }
  // Stall time runs from the exact moment the buffer ran dry, even within one long jump.
  if (state_ == PlayerState::kStalled) qos_.stall_time_us += now_us - t;
  now_us_ = now_us;
}

void Player::OnSegmentBuffered(TimeUs now_us, SegmentKey key) {
  AdvanceTo(now_us);
  if (state_ == PlayerState::kIdle || state_ == PlayerState::kEnded) return;
  assert(key.rendition < stream_.rendition_count());
  // Already played (or being played), or past the end of a VOD title.
  if (key.seq < window_start_seq_ || key.seq == last_recorded_seq_) return;
  if (key.seq >= stream_.EndSeq()) return;
  const auto index = static_cast<std::size_t>(key.seq - window_start_seq_);
  if (index >= slots_.size()) slots_.resize(index + 1, kEmpty);
  slots_[index] = key.rendition;
  ExtendContiguous();
  UpdateState();
}

void Player::JumpForward(TimeUs now_us, SegmentSeq seq) {
  AdvanceTo(now_us);
  assert(stream_.live());
  if (state_ != PlayerState::kStartup && state_ != PlayerState::kStalled) return;
  if (seq <= playhead_seq()) return;
  while (window_start_seq_ < seq) {
    if (!slots_.empty()) slots_.pop_front();
    ++window_start_seq_;
  }
  playhead_media_us_ = stream_.MediaStartUs(seq);
  contiguous_end_seq_ = std::max(contiguous_end_seq_, seq);
  ExtendContiguous();
  ++qos_.live_resyncs;
  UpdateState();
}

SegmentSeq Player::playhead_seq() const {
  return playhead_media_us_ / stream_.segment_duration_us();
}

DurationUs Player::BufferAheadUs() const {
  if (state_ == PlayerState::kIdle) return 0;
  return stream_.MediaStartUs(contiguous_end_seq_) - playhead_media_us_;
}

SegmentSeq Player::NextNeededSeq() const { return contiguous_end_seq_; }

bool Player::IsBuffered(SegmentSeq seq) const {
  if (state_ == PlayerState::kIdle || seq < window_start_seq_) return false;
  const auto index = static_cast<std::size_t>(seq - window_start_seq_);
  return index < slots_.size() && slots_[index] != kEmpty;
}

TimeUs Player::NextEventUs() const {
  if (state_ != PlayerState::kPlaying) return kNever;
  return now_us_ + BufferAheadUs();
}

void Player::Play(DurationUs media_us) {
  while (media_us > 0) {
    const SegmentSeq seq = playhead_seq();
    const int rendition = slots_[static_cast<std::size_t>(seq - window_start_seq_)];
    assert(rendition != kEmpty);
    if (seq != last_recorded_seq_) RecordRendition(seq, rendition);
    const DurationUs step = std::min(media_us, stream_.MediaStartUs(seq + 1) - playhead_media_us_);
    playhead_media_us_ += step;
    qos_.played_us += step;
    qos_.played_us_per_rendition[static_cast<std::size_t>(rendition)] += step;
    media_us -= step;
  }
  DropPlayedSegments();
}

void Player::RunDry() {
  if (!stream_.live() && playhead_seq() >= stream_.EndSeq()) {
    state_ = PlayerState::kEnded;
    return;
  }
  state_ = PlayerState::kStalled;
  ++qos_.stall_count;
}

void Player::UpdateState() {
  if (state_ == PlayerState::kStartup && BufferReady(config_.startup_buffer_us)) {
    state_ = PlayerState::kPlaying;
    qos_.playback_start_us = now_us_;
  } else if (state_ == PlayerState::kStalled && BufferReady(config_.resume_buffer_us)) {
    state_ = PlayerState::kPlaying;
  }
}

bool Player::BufferReady(DurationUs threshold_us) const {
  const bool reaches_vod_end = !stream_.live() && contiguous_end_seq_ >= stream_.EndSeq();
  return BufferAheadUs() >= threshold_us || reaches_vod_end;
}

void Player::ExtendContiguous() {
  auto index = static_cast<std::size_t>(contiguous_end_seq_ - window_start_seq_);
  while (index < slots_.size() && slots_[index] != kEmpty) ++index;
  contiguous_end_seq_ = window_start_seq_ + static_cast<SegmentSeq>(index);
}

void Player::DropPlayedSegments() {
  const SegmentSeq head = playhead_seq();
  while (window_start_seq_ < head && !slots_.empty()) {
    slots_.pop_front();
    ++window_start_seq_;
  }
  // Every played segment had a slot, so the window now starts at the playhead's segment.
  assert(window_start_seq_ == head && contiguous_end_seq_ >= window_start_seq_);
}

void Player::RecordRendition(SegmentSeq seq, int rendition) {
  if (last_played_rendition_ != kEmpty && rendition != last_played_rendition_) {
    ++qos_.bitrate_switches;
  }
  last_played_rendition_ = rendition;
  last_recorded_seq_ = seq;
}

}  // namespace cdnmesh
