// Test support: a scripted fake clock and fake network for one or more Schedulers.
// Transfers complete after a latency plus size / rate; a peer may be slow, silent or refuse.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <queue>
#include <set>
#include <vector>

#include "core/player/abr.h"
#include "core/scheduler/scheduler.h"

namespace cdnmesh::testing {

/// ABR that always answers the same rendition (keeps segment sizes predictable in tests).
class FixedAbr : public AbrPolicy {
 public:
  explicit FixedAbr(RenditionIndex rendition = 0) : rendition_(rendition) {}
  void OnDownloadSample(TimeUs, std::int64_t, DurationUs) override {}
  RenditionIndex ChooseRendition(const AbrContext&) override { return rendition_; }
  std::int64_t EstimatedThroughputBps() const override { return 0; }

 private:
  RenditionIndex rendition_;
};

/// A VOD stream of `segments` 4 s segments with constant sizes (800 kbps -> 400 000 B at r0).
inline StreamConfig VodStream(SegmentSeq segments = 200) {
  StreamConfig config;
  config.live = false;
  config.vod_segment_count = segments;
  config.size_jitter_ratio = 0.0;
  return config;
}

/// A live stream with constant segment sizes, started at t = 0.
inline StreamConfig LiveStream() {
  StreamConfig config;
  config.size_jitter_ratio = 0.0;
  config.playlist_window_segments = 10;
  return config;
}

/// The live playlist the stream's CDN lists at `now_us` (every complete segment in the window).
inline Playlist CdnPlaylist(const Stream& stream, TimeUs now_us) {
  return Playlist{stream.FirstAvailable(now_us), stream.LastAvailable(now_us) + 1, !stream.live()};
}

/// Records every action and keeps the set of live transfers; checks that actions refer to them.
struct ActionLog {
  std::vector<Action> all;
  std::map<TransferId, Action> live;  // started and not yet finished/cancelled
  int bad_references = 0;             // cancels of unknown transfers, duplicate ids

  /// Appends `actions`, updating `live`.
  void Record(const std::vector<Action>& actions) {
    for (const Action& a : actions) {
      all.push_back(a);
      if (a.type == ActionType::kFetchFromCdn || a.type == ActionType::kFetchFromPeer) {
        bad_references += live.count(a.transfer) ? 1 : 0;
        live[a.transfer] = a;
      } else if (a.type == ActionType::kCancel) {
        bad_references += live.erase(a.transfer) ? 0 : 1;
      }
    }
  }
  /// Number of actions of `type`.
  int Count(ActionType type) const {
    int n = 0;
    for (const Action& a : all) n += a.type == type;
    return n;
  }
};

/// Makes a Scheduler over `stream` with a FixedAbr.
inline std::unique_ptr<Scheduler> MakeScheduler(const Stream& stream, SchedulerConfig config,
                                                PlayerConfig player = {},
                                                ViewerProfile profile = {}) {
  return std::make_unique<Scheduler>(stream, config, player, std::make_unique<FixedAbr>(), profile);
}

/// Drains `s` into `log` and returns the new actions.
inline std::vector<Action> Drain(Scheduler& s, ActionLog& log) {
  std::vector<Action> out;
  s.DrainActions(&out);
  log.Record(out);
  return out;
}

/// The transfers in `actions` fetching `seq`, of the given type.
inline std::vector<Action> Fetches(const std::vector<Action>& actions, ActionType type,
                                   SegmentSeq seq) {
  std::vector<Action> found;
  for (const Action& a : actions) {
    if (a.type == type && a.key.seq == seq) found.push_back(a);
  }
  return found;
}

}  // namespace cdnmesh::testing
