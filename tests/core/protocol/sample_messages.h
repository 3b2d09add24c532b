// Messages of every type for the protocol tests: typical values and extremes (largest integers,
// negative sequence numbers, empty and largest strings, fullest lists).
#pragma once

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "core/protocol/codec.h"
#include "core/protocol/limits.h"

namespace cdnmesh {
namespace protocol {
namespace testing {

/// Bytes 0, 1, 2, ... (mod 256) of the given length.
inline std::vector<std::uint8_t> Ramp(std::size_t size, std::uint8_t start = 0) {
  std::vector<std::uint8_t> bytes(size);
  for (std::size_t i = 0; i < size; ++i) bytes[i] = static_cast<std::uint8_t>(start + i);
  return bytes;
}

/// A frame with the given type byte around `payload` (length as a canonical varint).
inline std::vector<std::uint8_t> RawFrame(std::uint8_t type,
                                          const std::vector<std::uint8_t>& payload) {
  std::vector<std::uint8_t> frame = {type};
  std::uint64_t length = payload.size();
  while (length >= 0x80) {
    frame.push_back(static_cast<std::uint8_t>(length | 0x80));
    length >>= 7;
  }
  frame.push_back(static_cast<std::uint8_t>(length));
  frame.insert(frame.end(), payload.begin(), payload.end());
  return frame;
}

/// A Berlin desktop-ish profile with nontrivial values in every field.
inline PeerProfile SampleProfile() {
  PeerProfile p;
  p.isp = 3320;
  p.location = ToGeoE7({52.520008, 13.404954});
  p.device = DeviceClass::kMobileWifi;
  p.nat = NatType::kPortRestricted;
  p.upload_capacity_bps = 12'500'000;
  return p;
}

/// A profile with the largest values of every field.
inline PeerProfile ExtremeProfile(bool negative) {
  PeerProfile p;
  p.isp = std::numeric_limits<IspId>::max();
  p.location.latitude_e7 = negative ? -kMaxLatitudeE7 : kMaxLatitudeE7;
  p.location.longitude_e7 = negative ? -kMaxLongitudeE7 : kMaxLongitudeE7;
  p.device = DeviceClass::kMobileCellular;
  p.nat = NatType::kSymmetric;
  p.upload_capacity_bps = std::numeric_limits<std::uint64_t>::max();
  return p;
}

/// Distributor messages with typical values.
inline std::vector<Message> SampleDistributorMessages() {
  std::vector<Message> out;
  JoinRequest join;
  join.content = 42;
  join.profile = SampleProfile();
  join.download_capacity_bps = 85'000'000;
  join.client_version = "cdnmesh-web/1.4.2";
  join.auth_token = Ramp(48, 7);
  out.push_back(join);
  ConfigResponse config;
  config.tracker_url = "wss://tracker.example.net/v1";
  config.signaling_url = "wss://signal.example.net/v1";
  config.session_token = Ramp(24, 99);
  config.config->scheduler.min_buffer_us = 6'000'000;
  config.config->scheduler.max_p2p_transfers = 6;
  config.config->scheduler.p2p_timeout_us = 3'500'000;
  config.config->scheduler.seeding_fraction = 0.05;
  config.config->max_connections = 12;
  config.config->scheduler.upload_rate_limit_bps = 8'000'000;
  config.config->scheduler.upload_cap_bytes = 2'000'000'000;
  config.config->abr = AbrKind::kBuffer;
  config.config->scheduler.cache_capacity_bytes = 256ll << 20;
  out.push_back(config);
  ServiceError error;
  error.code = ServiceErrorCode::kOverloaded;
  error.retry_after_ms = 1500;
  error.text = "tracker busy";
  out.push_back(error);
  return out;
}

/// Tracker messages with typical values.
inline std::vector<Message> SampleTrackerMessages() {
  std::vector<Message> out;
  JoinSwarm swarm;
  swarm.content = 42;
  swarm.rendition = 2;
  swarm.position = 1'700'000'123;
  swarm.profile = SampleProfile();
  swarm.session_token = Ramp(24, 99);
  out.push_back(swarm);
  SwarmJoined joined;
  joined.peer = 918'273;
  joined.announce_interval_ms = 20'000;
  out.push_back(joined);
  Announce announce;
  announce.peer = 918'273;
  announce.content = 42;
  announce.rendition = 1;
  announce.position = 1'700'000'140;
  announce.buffer_ms = 14'250;
  announce.uploaded_bytes = 3'456'789'012;
  announce.downloaded_p2p_bytes = 987'654'321;
  announce.downloaded_cdn_bytes = 123'456'789;
  announce.wanted_peers = 20;
  out.push_back(announce);
  PeerList list;
  list.content = 42;
  list.rendition = 1;
  for (PeerId id : {7u, 300u, 70'000u}) {
    PeerDescriptor peer;
    peer.peer = id;
    peer.profile = SampleProfile();
    peer.profile.isp = static_cast<IspId>(id % 5000);
    peer.rendition = 1;
    peer.position = 1'700'000'100 + id;
    list.peers.push_back(peer);
  }
  out.push_back(list);
  Leave leave;
  leave.peer = 918'273;
  out.push_back(leave);
  return out;
}

/// Signaling messages with typical values.
inline std::vector<Message> SampleSignalingMessages() {
  std::vector<Message> out;
  SignalOffer offer;
  offer.from = 918'273;
  offer.to = 7;
  offer.session_id = 0x0123456789ABCDEFull;
  const std::string sdp = "v=0\r\no=- 4611731400430051336 2 IN IP4 127.0.0.1\r\n";
  offer.sdp.assign(sdp.begin(), sdp.end());
  out.push_back(offer);
  SignalAnswer answer;
  answer.from = 7;
  answer.to = 918'273;
  answer.session_id = 0x0123456789ABCDEFull;
  answer.sdp = offer.sdp;
  out.push_back(answer);
  IceCandidate ice;
  ice.from = 7;
  ice.to = 918'273;
  ice.session_id = 0x0123456789ABCDEFull;
  const std::string candidate = "candidate:1 1 udp 2122260223 192.0.2.7 54400 typ host";
  ice.candidate.assign(candidate.begin(), candidate.end());
  out.push_back(ice);
  return out;
}

/// Peer-to-peer messages with typical values.
inline std::vector<Message> SamplePeerMessages() {
  std::vector<Message> out;
  Handshake hello;
  hello.version = kProtocolVersion;
  hello.peer = 918'273;
  hello.content = 42;
  hello.rendition = 1;
  out.push_back(hello);
  Have have;
  have.key = {1, 1'700'000'141};
  out.push_back(have);
  HaveRange range;
  range.rendition = 1;
  range.first_seq = 1'700'000'100;
  range.count = 41;
  out.push_back(range);
  Bitfield bitfield;
  bitfield.rendition = 2;
  bitfield.first_seq = 1'700'000'096;
  bitfield.bits = {0xFF, 0x0F, 0xA5, 0x01};
  out.push_back(bitfield);
  Request request;
  request.key = {1, 1'700'000'141};
  request.offset_bytes = 65'536;
  request.length_bytes = 65'536;
  request.deadline_ms = 7'250;
  out.push_back(request);
  Data data;
  data.key = {1, 1'700'000'141};
  data.offset_bytes = 65'536;
  data.segment_size_bytes = 1'250'000;
  data.payload = Ramp(40, 3);
  out.push_back(data);
  Cancel cancel;
  cancel.key = {1, 1'700'000'141};
  cancel.offset_bytes = 131'072;
  cancel.length_bytes = 65'536;
  out.push_back(cancel);
  Reject reject;
  reject.key = {1, 1'700'000'142};
  reject.offset_bytes = 0;
  reject.length_bytes = 65'536;
  reject.reason = Reason::kRateBudget;
  out.push_back(reject);
  out.push_back(Choke());
  out.push_back(Unchoke());
  out.push_back(Keepalive());
  return out;
}

/// One message of every type with typical values.
inline std::vector<Message> SampleMessages() {
  std::vector<Message> out;
  for (auto group : {SampleDistributorMessages, SampleTrackerMessages, SampleSignalingMessages,
                     SamplePeerMessages}) {
    for (Message& m : group()) out.push_back(std::move(m));
  }
  return out;
}

}  // namespace testing
}  // namespace protocol
}  // namespace cdnmesh
