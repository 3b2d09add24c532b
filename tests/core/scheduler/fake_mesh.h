// Test support: several Schedulers on a scripted fake network. The CDN serves at a fixed rate;
// a viewer serves peers at its upload rate split over its active uploads; messages take a fixed
// latency. Faults are injected with a seeded Rng: refused uploads, silent peers (timeouts) and
// disconnections. Every event is followed by an invariant check supplied by the test.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <queue>
#include <vector>

#include "tests/core/scheduler/scheduler_harness.h"

namespace cdnmesh::testing {

/// Fault and capacity settings of the fake network.
struct MeshConfig {
  int viewers = 8;
  std::int64_t cdn_rate_bps = 20'000'000;
  DurationUs cdn_latency_us = 40 * kUsPerMs;
  DurationUs peer_latency_us = 30 * kUsPerMs;
  std::int64_t upload_rate_bps = 4'000'000;  ///< per uploading viewer
  double refuse_probability = 0.0;           ///< a peer request fails at once
  double silent_probability = 0.0;           ///< a peer request never gets a byte
  double disconnect_probability = 0.0;       ///< per delivered have: the link drops
  DurationUs viewer_join_spread_us = 2 * kUsPerSecond;
  DurationUs playlist_reload_us = 1 * kUsPerSecond;  ///< each viewer reloads the live playlist
  std::uint64_t seed = 1;
};

/// A fully connected mesh of viewers watching one stream.
class FakeMesh {
 public:
  FakeMesh(const Stream& stream, MeshConfig mesh, SchedulerConfig config,
           std::function<DeviceClass(int)> device_of = nullptr);

  /// Runs events until `end_us`; calls `check(viewer)` after every event that touched a viewer.
  void RunUntil(TimeUs end_us, const std::function<void(int)>& check);
  /// Viewer `i`'s scheduler.
  Scheduler& viewer(int i) { return *viewers_[static_cast<std::size_t>(i)]; }
  /// Viewer `i`'s action log.
  const ActionLog& log(int i) const { return logs_[static_cast<std::size_t>(i)]; }
  /// Number of viewers.
  int size() const { return static_cast<int>(viewers_.size()); }
  /// Current simulated time.
  TimeUs now_us() const { return now_us_; }
  /// Accepted-upload bytes served per viewer up to now (completed or in progress).
  std::int64_t served_bytes(int i) const { return served_bytes_[static_cast<std::size_t>(i)]; }

 private:
  struct Event {
    TimeUs at_us;
    std::uint64_t order;
    std::function<void()> fn;
    bool operator>(const Event& o) const {
      return at_us != o.at_us ? at_us > o.at_us : order > o.order;
    }
  };
  struct Upload {
    int uploader;
    int downloader;
    TransferId transfer;
    std::uint64_t token;  // guards the completion event against cancellation
  };

  void At(TimeUs at_us, std::function<void()> fn);
  void ReloadPlaylist(int i);
  void Pump(int i);  // drains viewer i's actions and carries them out
  void CarryOut(int i, const Action& a);
  void StartPeerFetch(int i, const Action& a);
  void Disconnect(int a, int b);
  // Reports bytes received every 500 ms while the transfer is live (first byte at first_byte_us).
  void ReportProgress(int i, const Action& a, std::uint64_t token, TimeUs first_byte_us,
                      std::int64_t rate_bps);
  void ArmWakeUp(int i);

  const Stream& stream_;
  MeshConfig mesh_;
  Rng rng_;
  std::vector<std::unique_ptr<Scheduler>> viewers_;
  std::vector<ActionLog> logs_;
  std::vector<TimeUs> armed_wakeup_;
  std::vector<std::int64_t> served_bytes_;
  std::map<std::pair<int, TransferId>, std::uint64_t> live_fetch_token_;
  std::map<std::pair<int, UploadRequestId>, Upload> uploads_;
  std::priority_queue<Event, std::vector<Event>, std::greater<Event>> queue_;
  std::uint64_t next_order_ = 0;
  std::uint64_t next_token_ = 1;
  UploadRequestId next_upload_ = 1;
  TimeUs now_us_ = 0;
  std::vector<int> touched_;
};

}  // namespace cdnmesh::testing
