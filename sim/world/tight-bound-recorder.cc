#include "sim/world/tight-bound-recorder.h"

#include <algorithm>

namespace cdnmesh {

TightBoundRecorder::TightBoundRecorder(const std::vector<Stream>& streams, DurationUs slot_us,
                                       TimeUs window_start_us, TimeUs window_end_us)
    : slot_us_(slot_us), window_start_us_(window_start_us), window_end_us_(window_end_us) {
  for (std::size_t content = 0; content < streams.size(); ++content) {
    first_swarm_of_content_.push_back(static_cast<int>(swarm_content_.size()));
    for (int r = 0; r < streams[content].rendition_count(); ++r) {
      swarm_content_.push_back(static_cast<ContentId>(content));
    }
  }
  first_copy_bytes_.assign(swarm_content_.size(), 0);
}

int TightBoundRecorder::Swarm(ContentId content, RenditionIndex rendition) const {
  return first_swarm_of_content_[content] + static_cast<int>(rendition);
}

void TightBoundRecorder::OnSegmentStored(const PeerIdentity& who, SegmentKey key,
                                         std::int64_t size_bytes, TimeUs now_us) {
  const int swarm = Swarm(who.content, key.rendition);
  const bool first = stored_segments_
                         .insert((static_cast<std::uint64_t>(swarm) << 40) |
                                 static_cast<std::uint64_t>(key.seq))
                         .second;
  if (now_us < window_start_us_ || now_us >= window_end_us_) return;
  if (first) first_copy_bytes_[swarm] += size_bytes;
  demand_[{static_cast<int>(now_us / slot_us_), swarm, who.nat}] += size_bytes;
  demand_bytes_ += size_bytes;
}

void TightBoundRecorder::AddUpload(const PeerIdentity& who, double bps, TimeUs from_us,
                                   TimeUs to_us) {
  from_us = std::max({from_us, who.join_us, window_start_us_});
  to_us = std::min(to_us, window_end_us_);
  if (to_us <= from_us || bps <= 0) return;
  upload_[{static_cast<int>(from_us / slot_us_), who.content, who.nat}] +=
      bps * UsToSeconds(to_us - from_us) / 8;
}

void TightBoundRecorder::AddLiveUpload(const PeerIdentity& who, double usable_bps,
                                       TimeUs now_us) {
  AddUpload(who, usable_bps, previous_instant_us_, now_us);
}

void TightBoundRecorder::OnSessionEnded(const PeerRecord& record) {
  const PeerIdentity& who = record.identity;
  const double raw_bps =
      who.device == DeviceClass::kMobileCellular ? 0.0 : static_cast<double>(who.net.up_bps);
  AddUpload(who, raw_bps, previous_instant_us_, record.leave_us);
}

TightBoundProblem TightBoundRecorder::Problem() const {
  TightBoundProblem problem;
  problem.swarm_content = swarm_content_;
  problem.first_copy_bytes = first_copy_bytes_;
  for (const auto& [key, bytes] : demand_) {
    problem.demands.push_back({std::get<0>(key), std::get<1>(key), std::get<2>(key), bytes});
  }
  for (const auto& [key, bytes] : upload_) {
    // Capacity rounds up: the bound must never fall below what was possible.
    problem.uploads.push_back({std::get<0>(key), std::get<1>(key), std::get<2>(key),
                               static_cast<std::int64_t>(bytes) + 1});
  }
  return problem;
}

}  // namespace cdnmesh
