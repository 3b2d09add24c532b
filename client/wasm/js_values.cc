#include "client/wasm/js_values.h"

#include <emscripten/val.h>

#include <string>

#include "core/protocol/codec.h"

namespace cdnmesh::wasm {

using emscripten::val;

std::vector<std::uint8_t> BytesFromJs(const val& bytes) {
  const auto size = bytes["length"].as<unsigned>();
  std::vector<std::uint8_t> out(size);
  if (size > 0) val(emscripten::typed_memory_view(size, out.data())).call<void>("set", bytes);
  return out;
}

val BytesToJs(const std::vector<std::uint8_t>& bytes) {
  // Uint8Array.slice copies: the view must not outlive the vector (or a heap growth).
  return val(emscripten::typed_memory_view(bytes.size(), bytes.data())).call<val>("slice");
}

val FrameToJs(const protocol::Message& message) {
  std::vector<std::uint8_t> frame;
  if (!protocol::EncodeMessage(message, frame).ok()) return val::null();
  return BytesToJs(frame);
}

const char* EndpointKindName(EndpointKind kind) {
  switch (kind) {
    case EndpointKind::kDistributor:
      return "distributor";
    case EndpointKind::kTracker:
      return "tracker";
    case EndpointKind::kSignaling:
      return "signaling";
    case EndpointKind::kPeer:
      return "peer";
  }
  return "peer";
}

bool EndpointKindFromName(const std::string& name, EndpointKind* kind) {
  for (const EndpointKind k : {EndpointKind::kDistributor, EndpointKind::kTracker,
                               EndpointKind::kSignaling, EndpointKind::kPeer}) {
    if (name == EndpointKindName(k)) {
      *kind = k;
      return true;
    }
  }
  return false;
}

std::string HexOf(const std::vector<std::uint8_t>& bytes) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  for (const std::uint8_t b : bytes) {
    hex.push_back(kHex[b >> 4]);
    hex.push_back(kHex[b & 0xF]);
  }
  return hex;
}

namespace {

void SetKey(val& out, SegmentKey key) {
  out.set("rendition", key.rendition);
  out.set("seq", static_cast<double>(key.seq));
}

void DescribeFields(val& out, const protocol::Message& message) {
  using namespace protocol;
  if (const auto* m = std::get_if<SignalOffer>(&message)) {
    out.set("from", m->from);
    out.set("to", m->to);
    out.set("sessionId", std::to_string(m->session_id));
    out.set("sdp", BytesToJs(m->sdp));
    return;
  }
  if (const auto* m = std::get_if<SignalAnswer>(&message)) {
    out.set("from", m->from);
    out.set("to", m->to);
    out.set("sessionId", std::to_string(m->session_id));
    out.set("sdp", BytesToJs(m->sdp));
    out.set("accepted", m->accepted);
    return;
  }
  if (const auto* m = std::get_if<Data>(&message)) {
    SetKey(out, m->key);
    out.set("offsetBytes", m->offset_bytes);
    out.set("segmentSizeBytes", m->segment_size_bytes);
    out.set("payload", BytesToJs(m->payload));
    return;
  }
  if (const auto* m = std::get_if<Request>(&message)) {
    SetKey(out, m->key);
    out.set("offsetBytes", m->offset_bytes);
    out.set("lengthBytes", m->length_bytes);
    return;
  }
  if (const auto* m = std::get_if<Cancel>(&message)) {
    SetKey(out, m->key);
    out.set("offsetBytes", m->offset_bytes);
    return;
  }
  if (const auto* m = std::get_if<Have>(&message)) {
    SetKey(out, m->key);
    return;
  }
  if (const auto* m = std::get_if<Handshake>(&message)) {
    out.set("peer", m->peer);
    out.set("content", m->content);
    return;
  }
  if (const auto* m = std::get_if<ConfigResponse>(&message)) {
    out.set("trackerUrl", m->tracker_url);
    out.set("signalingUrl", m->signaling_url);
    return;
  }
  if (const auto* m = std::get_if<ServiceError>(&message)) {
    out.set("code", static_cast<int>(m->code));
    out.set("retryAfterMs", m->retry_after_ms);
    out.set("text", m->text);
    return;
  }
  if (const auto* m = std::get_if<SwarmJoined>(&message)) {
    out.set("peer", m->peer);
    return;
  }
  if (const auto* m = std::get_if<PeerList>(&message)) {
    val peers = val::array();
    for (const PeerDescriptor& p : m->peers) peers.call<void>("push", p.peer);
    out.set("peers", peers);
    out.set("swarmSize", m->swarm_size);
  }
}

}  // namespace

val DescribeMessage(const protocol::Message& message) {
  val out = val::object();
  out.set("type", std::string(protocol::MessageTypeName(protocol::MessageTypeOf(message))));
  DescribeFields(out, message);
  return out;
}

val ActionToJs(const ClientAction& a) {
  val out = val::object();
  out.set("type", std::string(ClientActionTypeName(a.type)));
  switch (a.type) {
    case ClientActionType::kSend:
      out.set("to", std::string(EndpointKindName(a.to.kind)));
      out.set("peer", a.to.peer);
      out.set("message", DescribeMessage(a.message));
      out.set("frame", FrameToJs(a.message));
      break;
    case ClientActionType::kOpenSignaling:
    case ClientActionType::kDisconnect:
      out.set("peer", a.peer);
      break;
    case ClientActionType::kConnect:
      out.set("peer", a.peer);
      out.set("peerNat", static_cast<int>(a.peer_nat));
      break;
    case ClientActionType::kFetchFromCdn:
    case ClientActionType::kFetchFromPeer:
      out.set("peer", a.peer);
      out.set("transfer", static_cast<double>(a.transfer));
      SetKey(out, a.key);
      out.set("sizeBytes", static_cast<double>(a.size_bytes));
      if (a.type == ClientActionType::kFetchFromPeer) out.set("frame", FrameToJs(a.message));
      if (a.type == ClientActionType::kFetchFromCdn) {
        out.set("offsetBytes", a.offset_bytes);
        out.set("resumes", static_cast<double>(a.resumes));
      }
      break;
    case ClientActionType::kCancelFetch:
      out.set("peer", a.peer);
      out.set("transfer", static_cast<double>(a.transfer));
      SetKey(out, a.key);
      out.set("notifyPeer", a.notify_peer);
      if (a.notify_peer) out.set("frame", FrameToJs(a.message));
      break;
    case ClientActionType::kServeUpload:
      out.set("peer", a.peer);
      out.set("upload", static_cast<double>(a.upload));
      SetKey(out, a.key);
      out.set("offsetBytes", a.offset_bytes);
      out.set("lengthBytes", a.length_bytes);
      out.set("sizeBytes", static_cast<double>(a.size_bytes));
      out.set("partial", a.partial);
      break;
    case ClientActionType::kStopUpload:
      out.set("peer", a.peer);
      out.set("upload", static_cast<double>(a.upload));
      break;
    case ClientActionType::kReloadPlaylist:
      break;
    case ClientActionType::kSegmentReady:
      SetKey(out, a.key);
      out.set("sizeBytes", static_cast<double>(a.size_bytes));
      break;
  }
  return out;
}

}  // namespace cdnmesh::wasm
