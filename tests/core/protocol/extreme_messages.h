// Messages at the edges of what the protocol accepts: largest integers, smallest and largest
// sequence numbers, empty and largest byte strings, fullest lists and byte ranges at the limits.
#pragma once

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "tests/core/protocol/sample_messages.h"

namespace cdnmesh {
namespace protocol {
namespace testing {

/// Extreme values of the integer types used by the messages.
inline constexpr std::int64_t kSeqMin = std::numeric_limits<SegmentSeq>::min();
inline constexpr std::int64_t kSeqMax = std::numeric_limits<SegmentSeq>::max();
inline constexpr std::uint64_t kU64Max = std::numeric_limits<std::uint64_t>::max();
inline constexpr std::uint32_t kU32Max = std::numeric_limits<std::uint32_t>::max();
inline constexpr std::uint16_t kU16Max = std::numeric_limits<std::uint16_t>::max();

/// Distributor messages at their limits.
inline std::vector<Message> ExtremeDistributorMessages() {
  std::vector<Message> out;
  JoinRequest join;
  join.content = kU32Max;
  join.profile = ExtremeProfile(true);
  join.download_capacity_bps = kU64Max;
  join.client_version = std::string(kMaxClientVersionBytes, 'v');
  join.auth_token = Ramp(kMaxAuthTokenBytes);
  out.push_back(join);
  out.push_back(JoinRequest());  // all zero, empty strings
  ConfigResponse config;
  config.tracker_url = std::string(kMaxUrlBytes, 't');
  config.signaling_url = std::string(kMaxUrlBytes, 's');
  config.session_token = Ramp(kMaxSessionTokenBytes, 1);
  ClientConfig& c = *config.config;
  c.scheduler.p2p_enabled = false;
  c.scheduler.urgent_window_us = c.scheduler.p2p_window_us = INT64_MAX;
  c.scheduler.p2p_timeout_us = c.scheduler.cdn_timeout_us = INT64_MAX;
  c.scheduler.max_cdn_transfers = c.scheduler.max_p2p_transfers = INT32_MAX;
  c.max_connections = c.scheduler.upload_slots = INT32_MAX;
  c.scheduler.upload_rate_limit_bps = c.scheduler.upload_cap_bytes = INT64_MAX;
  c.scheduler.cache_capacity_bytes = INT64_MAX;
  out.push_back(config);
  ServiceError error;
  error.code = ServiceErrorCode::kInternal;
  error.retry_after_ms = kU32Max;
  error.text = std::string(kMaxErrorTextBytes, 'e');
  out.push_back(error);
  return out;
}

/// Tracker messages at their limits.
inline std::vector<Message> ExtremeTrackerMessages() {
  std::vector<Message> out;
  JoinSwarm swarm;
  swarm.content = kU32Max;
  swarm.rendition = kU16Max;
  swarm.position = kSeqMin;
  swarm.profile = ExtremeProfile(false);
  swarm.session_token = Ramp(kMaxSessionTokenBytes, 2);
  out.push_back(swarm);
  SwarmJoined joined;
  joined.peer = kInvalidPeer;
  joined.announce_interval_ms = kU32Max;
  out.push_back(joined);
  Announce announce;
  announce.peer = announce.content = announce.buffer_ms = kU32Max;
  announce.rendition = kU16Max;
  announce.position = kSeqMax;
  announce.uploaded_bytes = announce.downloaded_p2p_bytes = announce.downloaded_cdn_bytes = kU64Max;
  announce.wanted_peers = kMaxPeersPerList;
  out.push_back(announce);
  PeerList list;
  list.content = kU32Max;
  list.rendition = kU16Max;
  for (std::size_t i = 0; i < kMaxPeersPerList; ++i) {
    PeerDescriptor peer;
    peer.peer = kU32Max - static_cast<PeerId>(i);
    peer.profile = ExtremeProfile(i % 2 == 0);
    peer.rendition = kU16Max;
    peer.position = i % 2 == 0 ? kSeqMin : kSeqMax;
    list.peers.push_back(peer);
  }
  out.push_back(list);
  out.push_back(PeerList());  // no peers
  out.push_back(Leave());
  return out;
}

/// Signaling messages and segment announcements at their limits.
inline std::vector<Message> ExtremeSignalingAndHaveMessages() {
  std::vector<Message> out;
  SignalOffer offer;
  offer.from = offer.to = kU32Max;
  offer.session_id = kU64Max;
  offer.sdp = Ramp(kMaxSdpBytes, 5);
  out.push_back(offer);
  out.push_back(SignalAnswer());  // empty SDP
  IceCandidate ice;
  ice.from = 0;
  ice.to = kU32Max;
  ice.session_id = kU64Max;
  ice.candidate = Ramp(kMaxIceCandidateBytes);
  out.push_back(ice);
  out.push_back(IceCandidate());  // end of candidates
  Handshake hello;
  hello.version = kU16Max;
  hello.peer = hello.content = kU32Max;
  hello.rendition = kU16Max;
  out.push_back(hello);
  Have have_min;
  have_min.key = {kU16Max, kSeqMin};
  out.push_back(have_min);
  Have have_negative;
  have_negative.key = {0, -1};
  out.push_back(have_negative);
  HaveRange range_max;
  range_max.rendition = kU16Max;
  range_max.first_seq = kSeqMax - kMaxHaveRangeCount;
  range_max.count = kMaxHaveRangeCount;
  out.push_back(range_max);
  HaveRange range_min;
  range_min.first_seq = kSeqMin;
  range_min.count = 1;
  out.push_back(range_min);
  Bitfield bits_max;
  bits_max.rendition = kU16Max;
  bits_max.first_seq = kSeqMax - 8 * static_cast<std::int64_t>(kMaxBitfieldBytes);
  bits_max.bits = Ramp(kMaxBitfieldBytes, 9);
  out.push_back(bits_max);
  Bitfield bits_empty;
  bits_empty.first_seq = kSeqMin;
  out.push_back(bits_empty);
  return out;
}

/// Byte-range messages at their limits.
inline std::vector<Message> ExtremeRangeMessages() {
  std::vector<Message> out;
  constexpr std::uint32_t kLastChunkOffset = kMaxSegmentBytes - kMaxDataPayloadBytes;
  Request request;
  request.key = {kU16Max, kSeqMin};
  request.offset_bytes = kLastChunkOffset;
  request.length_bytes = kMaxDataPayloadBytes;
  request.deadline_ms = kU32Max;
  out.push_back(request);
  Data data;
  data.key = {kU16Max, kSeqMax};
  data.offset_bytes = kLastChunkOffset;
  data.segment_size_bytes = kMaxSegmentBytes;
  data.payload = Ramp(kMaxDataPayloadBytes, 11);
  out.push_back(data);
  out.push_back(Data());  // empty segment
  Cancel cancel;
  cancel.key = {0, kSeqMax};
  cancel.offset_bytes = kLastChunkOffset;
  cancel.length_bytes = kMaxDataPayloadBytes;
  out.push_back(cancel);
  Reject reject;
  reject.key = {kU16Max, -12345};
  reject.offset_bytes = kMaxSegmentBytes - 1;
  reject.length_bytes = 1;
  reject.reason = Reason::kInvalidRequest;
  out.push_back(reject);
  return out;
}

/// Every extreme message.
inline std::vector<Message> ExtremeMessages() {
  std::vector<Message> out;
  for (auto group : {ExtremeDistributorMessages, ExtremeTrackerMessages,
                     ExtremeSignalingAndHaveMessages, ExtremeRangeMessages}) {
    for (Message& m : group()) out.push_back(std::move(m));
  }
  return out;
}

}  // namespace testing
}  // namespace protocol
}  // namespace cdnmesh
