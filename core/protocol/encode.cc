// Encoding of every message: one Write overload per message, fields in wire order. The decoder
// (decode.cc) reads them back in the same order.
#include <cstddef>
#include <string>
#include <variant>

#include "core/config/client_knobs.h"
#include "core/protocol/codec.h"
#include "core/protocol/limits.h"
#include "core/protocol/wire.h"

namespace cdnmesh {
namespace protocol {
namespace {

void WriteKey(WireWriter& w, const SegmentKey& key) {
  w.VarU64(key.rendition);
  w.VarI64(key.seq);
}

void WriteProfile(WireWriter& w, const PeerProfile& p) {
  w.VarU64(p.isp);
  w.FixedI32(p.location.latitude_e7);
  w.FixedI32(p.location.longitude_e7);
  w.U8(static_cast<std::uint8_t>(p.device));
  w.U8(static_cast<std::uint8_t>(p.nat));
  w.VarU64(p.upload_capacity_bps);
}

void Write(WireWriter& w, const JoinRequest& m) {
  w.VarU64(m.content);
  WriteProfile(w, m.profile);
  w.VarU64(m.download_capacity_bps);
  w.String(m.client_version);
  w.Bytes(m.auth_token);
}

// Each knob in the order of client_knobs.h: integers zigzag varints, doubles their IEEE bits.
struct KnobWriter {
  WireWriter& w;
  void operator()(const char*, bool value) { w.Bool(value); }
  void operator()(const char*, double value) { w.FixedU64(DoubleBits(value)); }
  void operator()(const char*, AbrKind value) { w.U8(static_cast<std::uint8_t>(value)); }
  void operator()(const char*, std::int64_t value) { w.VarI64(value); }
  void operator()(const char*, int value) { w.VarI64(value); }
};

void Write(WireWriter& w, const ConfigResponse& m) {
  w.String(m.tracker_url);
  w.String(m.signaling_url);
  w.Bytes(m.session_token);
  VisitClientKnobs(*m.config, KnobWriter{w});
}

void Write(WireWriter& w, const ServiceError& m) {
  w.U8(static_cast<std::uint8_t>(m.code));
  w.VarU64(m.retry_after_ms);
  w.String(m.text);
}

void Write(WireWriter& w, const JoinSwarm& m) {
  w.VarU64(m.content);
  w.VarU64(m.rendition);
  w.VarI64(m.position);
  WriteProfile(w, m.profile);
  w.Bytes(m.session_token);
}

void Write(WireWriter& w, const SwarmJoined& m) {
  w.VarU64(m.peer);
  w.VarU64(m.announce_interval_ms);
}

void Write(WireWriter& w, const Announce& m) {
  w.VarU64(m.peer);
  w.VarU64(m.content);
  w.VarU64(m.rendition);
  w.VarI64(m.position);
  w.VarU64(m.buffer_ms);
  w.VarU64(m.uploaded_bytes);
  w.VarU64(m.downloaded_p2p_bytes);
  w.VarU64(m.downloaded_cdn_bytes);
  w.VarU64(m.wanted_peers);
  w.VarU64(m.upload_capacity_bps);
}

void Write(WireWriter& w, const PeerList& m) {
  w.VarU64(m.content);
  w.VarU64(m.rendition);
  w.VarU64(m.peers.size());
  for (const PeerDescriptor& peer : m.peers) {
    w.VarU64(peer.peer);
    WriteProfile(w, peer.profile);
    w.VarU64(peer.rendition);
    w.VarI64(peer.position);
  }
  w.VarU64(m.swarm_size);
}

void Write(WireWriter& w, const Leave& m) { w.VarU64(m.peer); }

// Offer, answer and candidate share one layout.
template <typename M>
void WriteRelay(WireWriter& w, const M& m, const std::vector<std::uint8_t>& blob) {
  w.VarU64(m.from);
  w.VarU64(m.to);
  w.FixedU64(m.session_id);
  w.Bytes(blob);
}

void Write(WireWriter& w, const SignalOffer& m) { WriteRelay(w, m, m.sdp); }
void Write(WireWriter& w, const SignalAnswer& m) {
  WriteRelay(w, m, m.sdp);
  w.Bool(m.accepted);
}
void Write(WireWriter& w, const IceCandidate& m) { WriteRelay(w, m, m.candidate); }

void Write(WireWriter& w, const Handshake& m) {
  w.VarU64(m.version);
  w.VarU64(m.peer);
  w.VarU64(m.content);
  w.VarU64(m.rendition);
}

void Write(WireWriter& w, const Have& m) { WriteKey(w, m.key); }

void Write(WireWriter& w, const HaveRange& m) {
  w.VarU64(m.rendition);
  w.VarI64(m.first_seq);
  w.VarU64(m.count);
}

void Write(WireWriter& w, const Bitfield& m) {
  w.VarU64(m.rendition);
  w.VarI64(m.first_seq);
  w.Bytes(m.bits);
}

// Request, Cancel and Reject share one layout; Request adds a deadline, Reject a reason.
template <typename M>
void WriteRange(WireWriter& w, const M& m) {
  WriteKey(w, m.key);
  w.VarU64(m.offset_bytes);
  w.VarU64(m.length_bytes);
}

void Write(WireWriter& w, const Request& m) {
  WriteRange(w, m);
  w.VarU64(m.deadline_ms);
}
void Write(WireWriter& w, const Cancel& m) { WriteRange(w, m); }

void Write(WireWriter& w, const Reject& m) {
  WriteRange(w, m);
  w.U8(static_cast<std::uint8_t>(m.reason));
}

void Write(WireWriter& w, const Data& m) {
  WriteKey(w, m.key);
  w.VarU64(m.offset_bytes);
  w.VarU64(m.segment_size_bytes);
  w.Bytes(m.payload);
}

void Write(WireWriter&, const Choke&) {}
void Write(WireWriter&, const Unchoke&) {}
void Write(WireWriter&, const Keepalive&) {}

}  // namespace

Status EncodeMessage(const Message& message, std::vector<std::uint8_t>& out) {
  Status valid = ValidateMessage(message);
  if (!valid.ok()) return valid;
  const std::size_t start = out.size();
  out.push_back(static_cast<std::uint8_t>(MessageTypeOf(message)));
  const std::size_t payload_start = out.size();
  WireWriter writer(out);
  std::visit([&writer](const auto& m) { Write(writer, m); }, message);
  const std::size_t payload_bytes = out.size() - payload_start;
  if (payload_bytes > kMaxFramePayloadBytes) {  // unreachable when limits.h is consistent
    out.resize(start);
    return Error{std::string(MessageTypeName(MessageTypeOf(message))) + ": frame too large"};
  }
  // The length goes before the payload; its size is known only now (at most 3 bytes).
  std::uint8_t length[kMaxVarintBytes];
  const std::size_t length_bytes = EncodeVarint(payload_bytes, length);
  out.insert(out.begin() + static_cast<std::ptrdiff_t>(payload_start), length,
             length + length_bytes);
  return {};
}

}  // namespace protocol
}  // namespace cdnmesh
