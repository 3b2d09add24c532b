// PeerApp: the mesh around the viewer — tracker announces, connection set-up through the
// signaling service, "have" messages, and leaving.
#include <algorithm>

#include <ns3/nstime.h>
#include <ns3/simulator.h>

#include "models/peer/peer-app.h"

namespace cdnmesh {
namespace {

TimeUs NowUs() { return ns3::Simulator::Now().GetMicroSeconds(); }

// Runs `fn(peer)` after `delay_us` if peer `to` is still there then.
template <typename Fn>
void AtPeer(PeerDirectory* directory, DurationUs delay_us, PeerId to, Fn fn) {
  ns3::Simulator::Schedule(ns3::MicroSeconds(delay_us), [directory, to, fn] {
    if (PeerApp* peer = directory->Find(to)) fn(*peer);
  });
}

}  // namespace

PeerDescriptor PeerApp::Descriptor() const {
  PeerDescriptor d;
  d.id = identity_.id;
  d.isp = identity_.net.isp;
  d.location = identity_.net.location;
  d.device = identity_.device;
  d.nat = identity_.nat;
  d.upload_capacity_bps = identity_.net.up_bps;
  d.position_seq = scheduler_->player().playhead_seq();
  d.join_time_us = identity_.join_us;
  return d;
}

DurationUs PeerApp::LatencyToUs(const PeerApp& other) const {
  return context_.topology->PeerLatencyUs(identity_.net, other.identity_.net);
}

// Runs when the join request reaches the tracker; the answer travels back.
void PeerApp::JoinTracker() {
  if (ended_) return;
  tracker_key_ = SwarmKey{identity_.content, scheduler_->current_rendition()};
  const PeerDescriptor me = Descriptor();
  context_.tracker->Join(me, tracker_key_);
  tracker_joined_ = true;
  std::vector<PeerId> candidates;
  const int swarm_size = context_.tracker->Announce(me, tracker_key_, tracker_key_, &candidates);
  AtPeer(context_.directory, context_.tracker_latency_us, identity_.id,
         [candidates, swarm_size](PeerApp& peer) {
           peer.ReceivePeerList(candidates, swarm_size);
         });
}

// The announce reaches the tracker after its latency; the answer comes back after as much.
void PeerApp::Announce(SegmentKey position) {
  if (!tracker_joined_) return;  // the join, still under way, announces
  const DurationUs latency_us = context_.tracker_latency_us;
  AtPeer(context_.directory, latency_us, identity_.id, [position, latency_us](PeerApp& peer) {
    if (peer.ended_) return;
    PeerDescriptor me = peer.Descriptor();
    me.position_seq = position.seq;
    const SwarmKey key{peer.identity_.content, position.rendition};
    std::vector<PeerId> candidates;
    const int swarm_size = peer.context_.tracker->Announce(me, peer.tracker_key_, key, &candidates);
    peer.tracker_key_ = key;
    AtPeer(peer.context_.directory, latency_us, peer.identity_.id,
           [candidates, swarm_size](PeerApp& p) { p.ReceivePeerList(candidates, swarm_size); });
  });
}

void PeerApp::ReceivePeerList(const std::vector<PeerId>& candidates, int swarm_size) {
  if (ended_) return;
  ++peer_lists_;
  ReportProgress();
  scheduler_->OnSwarmSize(NowUs(), swarm_size);
  for (const PeerId candidate : candidates) {
    if (!HasConnectionRoom()) break;
    if (candidate == identity_.id || IsConnected(candidate)) continue;
    if (std::find(connecting_.begin(), connecting_.end(), candidate) != connecting_.end()) continue;
    const PeerApp* other = context_.directory->Find(candidate);
    if (other == nullptr || !other->p2p_enabled()) continue;
    Connect(candidate);
  }
  Process();
}

void PeerApp::Connect(PeerId other_id) {
  const PeerApp& other = *context_.directory->Find(other_id);
  connecting_.push_back(other_id);
  const ConnectOutcome outcome =
      context_.signaling->Connect(identity_.nat, other.identity_.nat, 2 * LatencyToUs(other));
  const bool ok = outcome.failure == ConnectFailure::kNone;
  AtPeer(context_.directory, outcome.setup_us, identity_.id,
         [other_id, ok](PeerApp& peer) { peer.CompleteConnect(other_id, ok); });
}

void PeerApp::CompleteConnect(PeerId other_id, bool traversal_ok) {
  connecting_.erase(std::remove(connecting_.begin(), connecting_.end(), other_id),
                    connecting_.end());
  if (ended_) return;
  PeerApp* other = context_.directory->Find(other_id);
  if (other != nullptr && (IsConnected(other_id) || other->IsConnected(identity_.id))) return;
  // Both ends must have room: incoming connections may have filled ours while we waited.
  if (!traversal_ok || other == nullptr || other->ended_ || !other->CanAccept() || !CanAccept()) {
    OnConnectFailed(other_id);
    return;
  }
  OnConnected(other_id);
  other->OnConnected(identity_.id);
  other->ReceiveBitmap(*this);
  ReceiveBitmap(*other);
}

void PeerApp::OnConnected(PeerId other) {
  connected_.push_back(other);
  ++connections_opened_;
  max_connections_seen_ = std::max(max_connections_seen_, connection_count());
  scheduler_->OnPeerConnected(NowUs(), other);
}

void PeerApp::OnConnectFailed(PeerId /*other*/) { ++connect_failures_; }

// The data channel opens with each side listing what it advertises (a bitmap in a real client):
// what it holds and could serve.
void PeerApp::ReceiveBitmap(const PeerApp& sender) {
  const TimeUs now_us = NowUs();
  ReportProgress();
  const Scheduler& source = *sender.scheduler_;
  source.cache().ForEachKey([&](SegmentKey key) {
    if (source.Advertises(key)) scheduler_->OnPeerHave(now_us, sender.identity_.id, key);
  });
  Process();
}

void PeerApp::SendHave(const Action& action) {
  PeerApp* other = context_.directory->Find(action.peer);
  if (other == nullptr) return;
  const PeerId me = identity_.id;
  const SegmentKey key = action.key;
  AtPeer(context_.directory, LatencyToUs(*other), action.peer, [me, key](PeerApp& peer) {
    if (peer.IsConnected(me)) peer.ReceiveHave(me, key);
  });
}

void PeerApp::ReceiveHave(PeerId from, SegmentKey key) {
  if (ended_) return;
  ReportProgress();
  scheduler_->OnPeerHave(NowUs(), from, key);
  Process();
}

void PeerApp::OnDisconnected(PeerId other) {
  if (ended_) return;
  connected_.erase(std::remove(connected_.begin(), connected_.end(), other), connected_.end());
  // At the end of the run every session is closed in turn: the others must not react (they
  // would count failures and start fetches that never happen).
  if (ns3::Simulator::IsFinished()) return;
  ReportProgress();
  ForgetTransfersWith(other);
  scheduler_->OnPeerDisconnected(NowUs(), other);
  Process();
}

// Flows with a peer that left were cancelled by it; drop what is left of our side.
void PeerApp::ForgetTransfersWith(PeerId other) {
  for (std::size_t i = 0; i < downloads_.size();) {
    if (downloads_[i].peer != other) {
      ++i;
      continue;
    }
    if (downloads_[i].handle != kInvalidTransfer) {
      const double bytes = context_.transport->Cancel(downloads_[i].handle);
      scheduler_->OnTransferProgress(NowUs(), downloads_[i].transfer,
                                     static_cast<std::int64_t>(bytes));
    }
    downloads_[i] = downloads_.back();
    downloads_.pop_back();
  }
  for (std::size_t i = 0; i < uploads_.size();) {
    if (uploads_[i].downloader != other) {
      ++i;
      continue;
    }
    if (uploads_[i].handle != kInvalidTransfer) {
      uploaded_bytes_ += context_.transport->Cancel(uploads_[i].handle);
    }
    scheduler_->OnUploadDone(NowUs(), uploads_[i].upload);
    uploads_[i] = uploads_.back();
    uploads_.pop_back();
  }
}

void PeerApp::LeaveMesh() {
  if (tracker_joined_) context_.tracker->Leave(identity_.id, tracker_key_);
  tracker_joined_ = false;
  const std::vector<PeerId> peers = connected_;
  connected_.clear();
  for (const PeerId id : peers) {
    if (PeerApp* other = context_.directory->Find(id)) other->OnDisconnected(identity_.id);
  }
}

}  // namespace cdnmesh
