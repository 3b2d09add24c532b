#include "core/services/tracker_service.h"

#include <algorithm>
#include <utility>

#include "core/matching/policy_factory.h"

namespace cdnmesh {
namespace {

SwarmMember ToDescriptor(PeerId id, const protocol::PeerProfile& p, SegmentSeq position,
                            TimeUs now_us) {
  SwarmMember d;
  d.id = id;
  d.isp = p.isp;
  d.location = protocol::FromGeoE7(p.location);
  d.device = p.device;
  d.nat = p.nat;
  d.upload_capacity_bps =
      static_cast<std::int64_t>(std::min<std::uint64_t>(p.upload_capacity_bps, INT64_MAX));
  d.position_seq = position;
  d.join_time_us = now_us;
  return d;
}

}  // namespace

Result<std::unique_ptr<TrackerService>> TrackerService::Create(const TrackerServiceConfig& config,
                                                               const SessionTokens& tokens,
                                                               std::uint64_t seed) {
  if (config.peers_per_request < 0 ||
      static_cast<std::size_t>(config.peers_per_request) > protocol::kMaxPeersPerList) {
    return Error{"tracker.peers_per_request: must be in [0, " +
                 std::to_string(protocol::kMaxPeersPerList) + "]"};
  }
  auto policy = MakeMatchingPolicy(config.policy, config.matching);
  if (!policy.ok()) return Error{"tracker." + policy.error().message};
  return std::unique_ptr<TrackerService>(
      new TrackerService(config, tokens, std::move(policy).value(), seed));
}

TrackerService::TrackerService(const TrackerServiceConfig& config, const SessionTokens& tokens,
                               std::unique_ptr<MatchingPolicy> policy, std::uint64_t seed)
    : config_(config), tokens_(tokens), policy_(std::move(policy)), rng_(seed) {}

void TrackerService::OnMessage(TimeUs now_us, PeerId from, const protocol::Message& message,
                               OutgoingList* out) {
  if (const auto* join = std::get_if<protocol::JoinSwarm>(&message)) {
    Join(now_us, from, *join, out);
  } else if (const auto* announce = std::get_if<protocol::Announce>(&message)) {
    Announce(now_us, from, *announce, out);
  } else if (std::holds_alternative<protocol::Leave>(message)) {
    ++stats_.requests;
    Leave(from);
  } else {
    Refuse(from, protocol::ServiceErrorCode::kBadRequest,
           std::string(protocol::MessageTypeName(protocol::MessageTypeOf(message))) +
               " is not a tracker request",
           out);
  }
}

void TrackerService::Join(TimeUs now_us, PeerId from, const protocol::JoinSwarm& m,
                          OutgoingList* out) {
  ++stats_.requests;
  const Status token = tokens_.Check(now_us, m.session_token);
  if (!token.ok()) return Refuse(from, protocol::ServiceErrorCode::kUnauthorized, token.message(), out);
  Leave(from);  // a second join moves the client
  Member member;
  member.key = SwarmKey{m.content, m.rendition};
  member.profile = m.profile;
  member.descriptor = ToDescriptor(from, m.profile, m.position, now_us);
  member.last_announce_us = now_us;
  const Status joined = registry_.Join(member.key, member.descriptor);
  if (!joined.ok()) return Refuse(from, protocol::ServiceErrorCode::kBadRequest, joined.message(), out);
  const Member& stored = members_.emplace(from, member).first->second;
  protocol::SwarmJoined answer;
  answer.peer = from;
  answer.announce_interval_ms = static_cast<std::uint32_t>(
      std::min<DurationUs>(config_.announce_interval_us / kUsPerMs, UINT32_MAX));
  out->push_back(Outgoing{from, answer});
  AnswerPeerList(from, stored, config_.peers_per_request, out);
}

void TrackerService::Announce(TimeUs now_us, PeerId from, const protocol::Announce& m,
                              OutgoingList* out) {
  ++stats_.requests;
  auto it = members_.find(from);
  if (it == members_.end() || m.peer != from) {
    return Refuse(from, protocol::ServiceErrorCode::kUnknownPeer, "announce before JoinSwarm", out);
  }
  Member& member = it->second;
  const SwarmKey key{m.content, m.rendition};
  member.descriptor.position_seq = m.position;
  if (key != member.key) {  // a rendition change moves the viewer to the other swarm
    registry_.Leave(member.key, from);
    member.key = key;
    registry_.Join(key, member.descriptor);
  } else {
    registry_.UpdatePosition(key, from, m.position);
  }
  if (m.upload_capacity_bps != member.profile.upload_capacity_bps) {
    member.profile.upload_capacity_bps = m.upload_capacity_bps;
    member.descriptor.upload_capacity_bps =
        static_cast<std::int64_t>(std::min<std::uint64_t>(m.upload_capacity_bps, INT64_MAX));
    registry_.UpdateCapacity(key, from, member.descriptor.upload_capacity_bps);
  }
  MeasureDemand(now_us, m, &member);
  AnswerPeerList(from, member, std::min<int>(m.wanted_peers, config_.peers_per_request), out);
}

// The member's download rate since its previous announce: what it draws from the swarm, the
// demand the locality rule weighs its ISP's upload against. Counters that go backwards (a
// client that restarted them) only restart the measurement.
void TrackerService::MeasureDemand(TimeUs now_us, const protocol::Announce& m, Member* member) {
  const std::uint64_t downloaded = m.downloaded_p2p_bytes + m.downloaded_cdn_bytes;
  const DurationUs elapsed_us = now_us - member->last_announce_us;
  if (downloaded >= member->downloaded_bytes && elapsed_us >= kUsPerSecond) {
    const double bps = static_cast<double>(downloaded - member->downloaded_bytes) * 8.0 *
                       static_cast<double>(kUsPerSecond) / static_cast<double>(elapsed_us);
    member->descriptor.demand_bps = static_cast<std::int64_t>(std::min(bps, 1e15));
    registry_.UpdateDemand(member->key, member->descriptor.id, member->descriptor.demand_bps);
  }
  if (downloaded < member->downloaded_bytes || elapsed_us >= kUsPerSecond) {
    member->last_announce_us = now_us;
    member->downloaded_bytes = downloaded;
  }
}

void TrackerService::Leave(PeerId from) {
  auto it = members_.find(from);
  if (it == members_.end()) return;
  registry_.Leave(it->second.key, from);
  members_.erase(it);
}

void TrackerService::OnDisconnect(PeerId from) { Leave(from); }

// Lists at most `wanted` candidates (the announcer's free slots, at most K).
void TrackerService::AnswerPeerList(PeerId from, const Member& member, int wanted,
                                    OutgoingList* out) {
  // One extra candidate so that dropping the requester still leaves `wanted`.
  registry_.Match(member.key, *policy_, member.descriptor, wanted + 1, rng_, &candidates_);
  protocol::PeerList list;
  list.content = member.key.content;
  list.rendition = member.key.rendition;
  for (const PeerId id : candidates_) {
    if (id == from || static_cast<int>(list.peers.size()) >= wanted) continue;
    const Member& other = members_.at(id);
    protocol::PeerDescriptor& d = list.peers.emplace_back();
    d.peer = id;
    d.profile = other.profile;
    d.rendition = other.key.rendition;
    d.position = other.descriptor.position_seq;
  }
  list.swarm_size = static_cast<std::uint32_t>(swarm_size(member.key));
  out->push_back(Outgoing{from, std::move(list)});
}

std::size_t TrackerService::swarm_size(SwarmKey key) const {
  const Swarm* swarm = registry_.Find(key);
  return swarm == nullptr ? 0 : swarm->size();
}

void TrackerService::Refuse(PeerId to, protocol::ServiceErrorCode code, std::string text,
                            OutgoingList* out) {
  ++stats_.refused;
  protocol::ServiceError error;
  error.code = code;
  error.text = std::move(text);
  if (error.text.size() > protocol::kMaxErrorTextBytes) error.text.resize(protocol::kMaxErrorTextBytes);
  out->push_back(Outgoing{to, std::move(error)});
}

}  // namespace cdnmesh
