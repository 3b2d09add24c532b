// Client: the distributor join, the tracker session and the service errors.
#include <algorithm>

#include "core/client/client.h"

namespace cdnmesh {
namespace {

std::unique_ptr<AbrPolicy> MakeAbr(const Stream& stream, const ClientConfig& config) {
  if (config.abr == AbrKind::kBuffer) return MakeBufferAbr(stream, config.buffer_abr);
  return MakeThroughputAbr(stream, config.throughput_abr);
}

}  // namespace

protocol::PeerProfile Client::Profile() const {
  protocol::PeerProfile profile = identity_.profile;
  const std::int64_t uplink = uplink_.estimate_bps();
  profile.upload_capacity_bps = uplink > 0 ? static_cast<std::uint64_t>(uplink) : 0;
  return profile;
}

// The distributor's answer: the whole configuration replaces the built-in one, and a viewer
// with P2P on joins the swarm.
void Client::OnConfig(TimeUs now_us, const protocol::ConfigResponse& m) {
  if (configured_ || !ValidateClientConfig(*m.config).ok()) return;
  configured_ = true;
  config_ = *m.config;
  session_token_ = m.session_token;
  scheduler_.Reconfigure(now_us, config_.scheduler, config_.player, MakeAbr(stream_, config_));
  if (config_.scheduler.p2p_enabled) JoinSwarm();
}

void Client::JoinSwarm() {
  protocol::JoinSwarm join;
  join.content = identity_.content;
  join.rendition = scheduler_.current_rendition();
  join.position = scheduler_.player().playhead_seq();
  join.profile = Profile();
  join.session_token = session_token_;
  joined_at_ = SegmentKey{join.rendition, join.position};
  joining_ = true;
  Send(Endpoint::Service(EndpointKind::kTracker), std::move(join));
}

void Client::OnSwarmJoined(TimeUs /*now_us*/, const protocol::SwarmJoined& m) {
  if (!joining_ || m.peer == kInvalidPeer) return;
  joining_ = false;
  const bool first_join = id_ == kInvalidPeer;
  id_ = m.peer;
  if (first_join) {
    ClientAction open;
    open.type = ClientActionType::kOpenSignaling;
    open.peer = id_;
    Emit(open);
  }
  // The rendition or position may have moved while the join travelled (announces before the
  // id are not sent): the tracker learns where the viewer is now.
  const SegmentKey now_at{scheduler_.current_rendition(), scheduler_.player().playhead_seq()};
  if (now_at != joined_at_) Announce(now_at);
}

// Periodic and rendition-change announces; the tracker moves the viewer to the swarm of the
// announced rendition.
void Client::Announce(SegmentKey position) {
  if (id_ == kInvalidPeer) return;  // the join, still under way, carries the position
  const SchedulerStats& stats = scheduler_.stats();
  protocol::Announce announce;
  announce.peer = id_;
  announce.content = identity_.content;
  announce.rendition = position.rendition;
  announce.position = position.seq;
  announce.buffer_ms = static_cast<std::uint32_t>(
      std::min<DurationUs>(scheduler_.player().BufferAheadUs() / kUsPerMs, UINT32_MAX));
  announce.uploaded_bytes = static_cast<std::uint64_t>(stats.uploaded_bytes);
  announce.downloaded_p2p_bytes = static_cast<std::uint64_t>(stats.p2p_bytes);
  announce.downloaded_cdn_bytes = static_cast<std::uint64_t>(stats.cdn_bytes);
  announce.wanted_peers = static_cast<std::uint16_t>(
      std::clamp(config_.max_connections - links_.size(), 0,
                 static_cast<int>(protocol::kMaxPeersPerList)));
  announce.upload_capacity_bps = Profile().upload_capacity_bps;
  Send(Endpoint::Service(EndpointKind::kTracker), announce);
}

void Client::OnPeerList(TimeUs now_us, const protocol::PeerList& m) {
  if (id_ == kInvalidPeer) return;
  ++stats_.peer_lists;
  scheduler_.OnSwarmSize(now_us, static_cast<int>(std::min<std::uint32_t>(m.swarm_size, INT32_MAX)));
  for (const protocol::PeerDescriptor& candidate : m.peers) {
    if (links_.size() >= config_.max_connections) break;
    if (candidate.peer == id_ || links_.Find(candidate.peer) != nullptr) continue;
    if (IsBanned(candidate.peer)) continue;
    Dial(now_us, candidate.peer, candidate.profile.nat);
  }
}

void Client::OnServiceError(TimeUs /*now_us*/, Endpoint from, const protocol::ServiceError& m) {
  ++stats_.service_errors;
  if (from.kind != EndpointKind::kTracker) return;
  if (m.code == protocol::ServiceErrorCode::kUnauthorized) {
    joining_ = false;  // no swarm for this session: the viewer stays on the CDN
  } else if (m.code == protocol::ServiceErrorCode::kUnknownPeer && configured_ && !joining_ &&
             config_.scheduler.p2p_enabled) {
    JoinSwarm();  // the tracker forgot this viewer (restart, expiry): join again
  }
}

}  // namespace cdnmesh
