#include "tests/core/scheduler/fake_mesh.h"

#include <algorithm>

namespace cdnmesh::testing {

FakeMesh::FakeMesh(const Stream& stream, MeshConfig mesh, SchedulerConfig config,
                   std::function<DeviceClass(int)> device_of)
    : stream_(stream), mesh_(mesh), rng_(mesh.seed) {
  for (int i = 0; i < mesh_.viewers; ++i) {
    ViewerProfile profile;
    profile.seed = HashKeys(mesh_.seed, static_cast<std::uint64_t>(i));
    profile.device = device_of ? device_of(i) : DeviceClass::kDesktop;
    viewers_.push_back(MakeScheduler(stream_, config, PlayerConfig{}, profile));
  }
  logs_.resize(viewers_.size());
  armed_wakeup_.assign(viewers_.size(), kNever);
  served_bytes_.assign(viewers_.size(), 0);
  for (int i = 0; i < mesh_.viewers; ++i) {
    const TimeUs join_us =
        30 * kUsPerSecond + static_cast<TimeUs>(rng_.UniformIndex(
                                static_cast<std::uint64_t>(mesh_.viewer_join_spread_us) + 1));
    At(join_us, [this, i] {
      Scheduler& s = viewer(i);
      for (int j = 0; j < size(); ++j) {
        if (j != i && viewer(j).player().state() != PlayerState::kIdle) {
          s.OnPeerConnected(now_us_, static_cast<PeerId>(j));
          viewer(j).OnPeerConnected(now_us_, static_cast<PeerId>(i));
          touched_.push_back(j);
        }
      }
      s.OnSwarmSize(now_us_, size());
      s.OnPlaylist(now_us_, CdnPlaylist(stream_, now_us_));
      s.OnStart(now_us_, Player::LiveStartSeq(stream_, PlayerConfig{}, now_us_));
      touched_.push_back(i);
      ReloadPlaylist(i);
    });
  }
}

// The viewer's playlist as the CDN lists it, reloaded every playlist_reload_us.
void FakeMesh::ReloadPlaylist(int i) {
  At(now_us_ + mesh_.playlist_reload_us, [this, i] {
    viewer(i).OnPlaylist(now_us_, CdnPlaylist(stream_, now_us_));
    touched_.push_back(i);
    ReloadPlaylist(i);
  });
}

void FakeMesh::At(TimeUs at_us, std::function<void()> fn) {
  queue_.push(Event{at_us, next_order_++, std::move(fn)});
}

void FakeMesh::RunUntil(TimeUs end_us, const std::function<void(int)>& check) {
  while (!queue_.empty() && queue_.top().at_us <= end_us) {
    Event e = queue_.top();
    queue_.pop();
    now_us_ = e.at_us;
    touched_.clear();
    e.fn();
    for (std::size_t k = 0; k < touched_.size(); ++k) Pump(touched_[k]);  // may grow touched_
    std::sort(touched_.begin(), touched_.end());
    touched_.erase(std::unique(touched_.begin(), touched_.end()), touched_.end());
    for (int i : touched_) {
      check(i);
      ArmWakeUp(i);
    }
  }
  now_us_ = end_us;
}

void FakeMesh::ArmWakeUp(int i) {
  const TimeUs wake_us = viewer(i).NextWakeUpUs();
  if (wake_us == kNever || wake_us == armed_wakeup_[static_cast<std::size_t>(i)]) return;
  armed_wakeup_[static_cast<std::size_t>(i)] = wake_us;
  At(wake_us, [this, i, wake_us] {
    if (armed_wakeup_[static_cast<std::size_t>(i)] != wake_us) return;  // superseded
    armed_wakeup_[static_cast<std::size_t>(i)] = kNever;
    viewer(i).OnTick(now_us_);
    touched_.push_back(i);
  });
}

void FakeMesh::Pump(int i) {
  std::vector<Action> actions = Drain(viewer(i), logs_[static_cast<std::size_t>(i)]);
  for (const Action& a : actions) CarryOut(i, a);
}

void FakeMesh::CarryOut(int i, const Action& a) {
  switch (a.type) {
    case ActionType::kFetchFromCdn: {
      const std::uint64_t token = next_token_++;
      live_fetch_token_[{i, a.transfer}] = token;
      const TimeUs done_us =
          now_us_ + mesh_.cdn_latency_us + a.size_bytes * 8 * kUsPerSecond / mesh_.cdn_rate_bps;
      ReportProgress(i, a, token, now_us_ + mesh_.cdn_latency_us, mesh_.cdn_rate_bps);
      At(done_us, [this, i, a, token] {
        auto it = live_fetch_token_.find({i, a.transfer});
        if (it == live_fetch_token_.end() || it->second != token) return;
        live_fetch_token_.erase(it);
        viewer(i).OnTransferDone(now_us_, a.transfer);
        touched_.push_back(i);
      });
      break;
    }
    case ActionType::kFetchFromPeer:
      StartPeerFetch(i, a);
      break;
    case ActionType::kCancel: {
      live_fetch_token_.erase({i, a.transfer});
      for (auto it = uploads_.begin(); it != uploads_.end(); ++it) {
        if (it->second.downloader == i && it->second.transfer == a.transfer) {
          viewer(it->second.uploader).OnUploadDone(now_us_, it->first.second);
          touched_.push_back(it->second.uploader);
          uploads_.erase(it);
          break;
        }
      }
      break;
    }
    case ActionType::kSendHave: {
      const int to = static_cast<int>(a.peer);
      At(now_us_ + mesh_.peer_latency_us, [this, i, to, a] {
        if (rng_.Bernoulli(mesh_.disconnect_probability)) {
          Disconnect(i, to);
          return;
        }
        viewer(to).OnPeerHave(now_us_, static_cast<PeerId>(i), a.key);
        touched_.push_back(to);
      });
      break;
    }
    case ActionType::kAcceptUpload:
    case ActionType::kRejectUpload:
    case ActionType::kAbortUpload:  // FakeMesh never relays partial segments
    case ActionType::kSegmentReady:
    case ActionType::kAnnounce:
      break;  // uploads are answered synchronously in StartPeerFetch; announces need no reply
  }
}

void FakeMesh::StartPeerFetch(int i, const Action& a) {
  const int from = static_cast<int>(a.peer);
  const std::uint64_t token = next_token_++;
  live_fetch_token_[{i, a.transfer}] = token;
  const double fate = rng_.UniformDouble();
  if (fate < mesh_.silent_probability) return;  // no byte ever: the scheduler must time out
  const UploadRequestId upload = next_upload_++;
  viewer(from).OnUploadRequest(now_us_, upload, static_cast<PeerId>(i), a.key);
  touched_.push_back(from);
  const std::vector<Action>& answers = viewer(from).pending_actions();
  const bool accepted_by_peer = answers.back().type == ActionType::kAcceptUpload;
  const bool accepted =
      accepted_by_peer && fate >= mesh_.silent_probability + mesh_.refuse_probability;
  if (!accepted) {
    if (accepted_by_peer) {
      viewer(from).OnUploadDone(now_us_, upload);  // accepted, then the link failed
    }
    const Reason reason = accepted_by_peer ? Reason::kNone : answers.back().reason;
    At(now_us_ + mesh_.peer_latency_us, [this, i, a, token, reason] {
      auto it = live_fetch_token_.find({i, a.transfer});
      if (it == live_fetch_token_.end() || it->second != token) return;
      live_fetch_token_.erase(it);
      viewer(i).OnTransferFailed(now_us_, a.transfer, 0, reason);
      touched_.push_back(i);
    });
    return;
  }
  served_bytes_[static_cast<std::size_t>(from)] += a.size_bytes;
  uploads_[{from, upload}] = Upload{from, i, a.transfer, token};
  const std::int64_t share_bps =
      mesh_.upload_rate_bps / std::max(1, viewer(from).config().upload_slots);
  const TimeUs done_us =
      now_us_ + 2 * mesh_.peer_latency_us + a.size_bytes * 8 * kUsPerSecond / share_bps;
  ReportProgress(i, a, token, now_us_ + 2 * mesh_.peer_latency_us, share_bps);
  At(done_us, [this, i, from, upload, a, token] {
    auto it = live_fetch_token_.find({i, a.transfer});
    if (it == live_fetch_token_.end() || it->second != token) return;
    live_fetch_token_.erase(it);
    uploads_.erase({from, upload});
    viewer(from).OnUploadDone(now_us_, upload);
    viewer(i).OnTransferDone(now_us_, a.transfer);
    touched_.push_back(i);
    touched_.push_back(from);
  });
}

void FakeMesh::ReportProgress(int i, const Action& a, std::uint64_t token, TimeUs first_byte_us,
                              std::int64_t rate_bps) {
  At(now_us_ + 500 * kUsPerMs, [this, i, a, token, first_byte_us, rate_bps] {
    auto it = live_fetch_token_.find({i, a.transfer});
    if (it == live_fetch_token_.end() || it->second != token) return;
    const std::int64_t bytes =
        std::max<TimeUs>(0, now_us_ - first_byte_us) * rate_bps / 8 / kUsPerSecond;
    viewer(i).OnTransferProgress(now_us_, a.transfer, std::min(bytes, a.size_bytes - 1));
    touched_.push_back(i);
    ReportProgress(i, a, token, first_byte_us, rate_bps);
  });
}

void FakeMesh::Disconnect(int a, int b) {
  // Uploads between the two die with the link.
  for (auto it = uploads_.begin(); it != uploads_.end();) {
    const Upload& u = it->second;
    if ((u.uploader == a && u.downloader == b) || (u.uploader == b && u.downloader == a)) {
      viewer(u.uploader).OnUploadDone(now_us_, it->first.second);
      live_fetch_token_.erase({u.downloader, u.transfer});
      it = uploads_.erase(it);
    } else {
      ++it;
    }
  }
  viewer(a).OnPeerDisconnected(now_us_, static_cast<PeerId>(b));
  viewer(b).OnPeerDisconnected(now_us_, static_cast<PeerId>(a));
  touched_.push_back(a);
  touched_.push_back(b);
  // Reconnect a little later (ICE restart).
  At(now_us_ + 2 * kUsPerSecond, [this, a, b] {
    viewer(a).OnPeerConnected(now_us_, static_cast<PeerId>(b));
    viewer(b).OnPeerConnected(now_us_, static_cast<PeerId>(a));
    touched_.push_back(a);
    touched_.push_back(b);
  });
}

}  // namespace cdnmesh::testing
