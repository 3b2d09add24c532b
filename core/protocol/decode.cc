// Decoding of every message: one Read overload per message, fields in the order encode.cc
// writes them. Reads are bounds-checked by WireReader; semantic checks are in validate.cc.
#include <string>
#include <utility>
#include <variant>

#include "core/config/client_knobs.h"
#include "core/protocol/codec.h"
#include "core/protocol/framing.h"
#include "core/protocol/limits.h"
#include "core/protocol/wire.h"

namespace cdnmesh {
namespace protocol {
namespace {

// Smallest encoding of a PeerDescriptor: one byte per varint and enum, eight for the location.
constexpr std::size_t kMinPeerDescriptorBytes = 15;

void ReadKey(WireReader& r, SegmentKey& key) {
  key.rendition = r.VarU16("key.rendition");
  key.seq = r.VarI64("key.seq");
}

void ReadProfile(WireReader& r, PeerProfile& p) {
  p.isp = r.VarU16("profile.isp");
  p.location.latitude_e7 = r.FixedI32("profile.location.latitude_e7");
  p.location.longitude_e7 = r.FixedI32("profile.location.longitude_e7");
  p.device = r.Enum<DeviceClass>("profile.device", kDeviceClassCount);
  p.nat = r.Enum<NatType>("profile.nat", kNatTypeCount);
  p.upload_capacity_bps = r.VarU64("profile.upload_capacity_bps");
}

void Read(WireReader& r, JoinRequest& m) {
  m.content = r.VarU32("content");
  ReadProfile(r, m.profile);
  m.download_capacity_bps = r.VarU64("download_capacity_bps");
  m.client_version = r.String("client_version", kMaxClientVersionBytes);
  m.auth_token = r.Bytes("auth_token", kMaxAuthTokenBytes);
}

// Each knob in the order of client_knobs.h, named in errors by its knob path.
struct KnobReader {
  WireReader& r;
  void operator()(const char* name, bool& value) { value = r.Bool(name); }
  void operator()(const char* name, double& value) { value = BitsDouble(r.FixedU64(name)); }
  void operator()(const char* name, AbrKind& value) { value = r.Enum<AbrKind>(name, kAbrKindCount); }
  void operator()(const char* name, std::int64_t& value) { value = r.VarI64(name); }
  void operator()(const char* name, int& value) {
    const std::int64_t wide = r.VarI64(name);
    if (wide < INT32_MIN || wide > INT32_MAX) r.Fail(name, "does not fit 32 bits");
    value = static_cast<int>(wide);
  }
};

void Read(WireReader& r, ConfigResponse& m) {
  m.tracker_url = r.String("tracker_url", kMaxUrlBytes);
  m.signaling_url = r.String("signaling_url", kMaxUrlBytes);
  m.session_token = r.Bytes("session_token", kMaxSessionTokenBytes);
  VisitClientKnobs(*m.config, KnobReader{r});
}

void Read(WireReader& r, ServiceError& m) {
  m.code = r.Enum<ServiceErrorCode>("code", kServiceErrorCodeCount);
  m.retry_after_ms = r.VarU32("retry_after_ms");
  m.text = r.String("text", kMaxErrorTextBytes);
}

void Read(WireReader& r, JoinSwarm& m) {
  m.content = r.VarU32("content");
  m.rendition = r.VarU16("rendition");
  m.position = r.VarI64("position");
  ReadProfile(r, m.profile);
  m.session_token = r.Bytes("session_token", kMaxSessionTokenBytes);
}

void Read(WireReader& r, SwarmJoined& m) {
  m.peer = r.VarU32("peer");
  m.announce_interval_ms = r.VarU32("announce_interval_ms");
}

void Read(WireReader& r, Announce& m) {
  m.peer = r.VarU32("peer");
  m.content = r.VarU32("content");
  m.rendition = r.VarU16("rendition");
  m.position = r.VarI64("position");
  m.buffer_ms = r.VarU32("buffer_ms");
  m.uploaded_bytes = r.VarU64("uploaded_bytes");
  m.downloaded_p2p_bytes = r.VarU64("downloaded_p2p_bytes");
  m.downloaded_cdn_bytes = r.VarU64("downloaded_cdn_bytes");
  m.wanted_peers = r.VarU16("wanted_peers");
  m.upload_capacity_bps = r.VarU64("upload_capacity_bps");
}

void Read(WireReader& r, PeerList& m) {
  m.content = r.VarU32("content");
  m.rendition = r.VarU16("rendition");
  const std::size_t count = r.Count("peers", kMaxPeersPerList, kMinPeerDescriptorBytes);
  m.peers.reserve(count);  // bounded by the limit and by the bytes present
  for (std::size_t i = 0; i < count && r.ok(); ++i) {
    r.BeginElement("peers", i);
    PeerDescriptor& peer = m.peers.emplace_back();
    peer.peer = r.VarU32("peer");
    ReadProfile(r, peer.profile);
    peer.rendition = r.VarU16("rendition");
    peer.position = r.VarI64("position");
    r.EndElement();
  }
  m.swarm_size = r.VarU32("swarm_size");
}

void Read(WireReader& r, Leave& m) { m.peer = r.VarU32("peer"); }

// Offer, answer and candidate share one layout.
template <typename M>
void ReadRelay(WireReader& r, M& m, std::vector<std::uint8_t>& blob, const char* blob_field,
               std::size_t max_blob_bytes) {
  m.from = r.VarU32("from");
  m.to = r.VarU32("to");
  m.session_id = r.FixedU64("session_id");
  blob = r.Bytes(blob_field, max_blob_bytes);
}

void Read(WireReader& r, SignalOffer& m) { ReadRelay(r, m, m.sdp, "sdp", kMaxSdpBytes); }
void Read(WireReader& r, SignalAnswer& m) {
  ReadRelay(r, m, m.sdp, "sdp", kMaxSdpBytes);
  m.accepted = r.Bool("accepted");
}
void Read(WireReader& r, IceCandidate& m) {
  ReadRelay(r, m, m.candidate, "candidate", kMaxIceCandidateBytes);
}

void Read(WireReader& r, Handshake& m) {
  m.version = r.VarU16("version");
  m.peer = r.VarU32("peer");
  m.content = r.VarU32("content");
  m.rendition = r.VarU16("rendition");
}

void Read(WireReader& r, Have& m) { ReadKey(r, m.key); }

void Read(WireReader& r, HaveRange& m) {
  m.rendition = r.VarU16("rendition");
  m.first_seq = r.VarI64("first_seq");
  m.count = r.VarU32("count");
}

void Read(WireReader& r, Bitfield& m) {
  m.rendition = r.VarU16("rendition");
  m.first_seq = r.VarI64("first_seq");
  m.bits = r.Bytes("bits", kMaxBitfieldBytes);
}

// Request, Cancel and Reject share one layout; Request adds a deadline, Reject a reason.
template <typename M>
void ReadRange(WireReader& r, M& m) {
  ReadKey(r, m.key);
  m.offset_bytes = r.VarU32("offset_bytes");
  m.length_bytes = r.VarU32("length_bytes");
}

void Read(WireReader& r, Request& m) {
  ReadRange(r, m);
  m.deadline_ms = r.VarU32("deadline_ms");
}
void Read(WireReader& r, Cancel& m) { ReadRange(r, m); }

void Read(WireReader& r, Reject& m) {
  ReadRange(r, m);
  m.reason = r.Enum<Reason>("reason", kReasonCount);
}

void Read(WireReader& r, Data& m) {
  ReadKey(r, m.key);
  m.offset_bytes = r.VarU32("offset_bytes");
  m.segment_size_bytes = r.VarU32("segment_size_bytes");
  m.payload = r.Bytes("payload", kMaxDataPayloadBytes);
}

void Read(WireReader&, Choke&) {}
void Read(WireReader&, Unchoke&) {}
void Read(WireReader&, Keepalive&) {}

}  // namespace

Result<Message> DecodePayload(std::uint8_t type_code, const std::uint8_t* payload,
                              std::size_t size) {
  if (!IsKnownMessageType(type_code)) {
    return Error{"frame: unknown message type " + std::to_string(type_code)};
  }
  const auto type = static_cast<MessageType>(type_code);
  Message message = MakeMessage(type);
  WireReader reader(payload, size, MessageTypeName(type));
  std::visit([&reader](auto& m) { Read(reader, m); }, message);
  reader.ExpectEnd();
  if (!reader.ok()) return Error{reader.error()};
  Status valid = ValidateMessage(message);
  if (!valid.ok()) return Error{valid.message()};
  return message;
}

Result<Message> DecodeMessage(const std::uint8_t* data, std::size_t size) {
  if (size >= 1 && !IsKnownMessageType(data[0])) {
    return Error{"frame: unknown message type " + std::to_string(data[0])};
  }
  Result<FrameSplit> split = SplitFrame(data, size);
  if (!split.ok()) return split.error();
  const FrameSplit& frame = split.value();
  if (!frame.complete) {
    if (frame.frame_bytes == 0) return Error{"frame: truncated in the header"};
    return Error{"frame: truncated: needs " + std::to_string(frame.frame_bytes) + " bytes, " +
                 std::to_string(size) + " present"};
  }
  if (size > frame.frame_bytes) {
    return Error{"frame: trailing bytes: " + std::to_string(size - frame.frame_bytes) +
                 " after a " + std::to_string(frame.frame_bytes) + "-byte frame"};
  }
  return DecodePayload(data[0], data + frame.header_bytes, frame.frame_bytes - frame.header_bytes);
}

Result<Message> DecodeMessage(const std::vector<std::uint8_t>& frame) {
  return DecodeMessage(frame.data(), frame.size());
}

}  // namespace protocol
}  // namespace cdnmesh
