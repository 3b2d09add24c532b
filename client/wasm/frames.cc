#include "client/wasm/frames.h"

#include <cstdlib>

#include "client/wasm/js_values.h"
#include "core/common/sha256.h"
#include "core/protocol/codec.h"

namespace cdnmesh::wasm {
namespace {

using emscripten::val;

std::uint64_t ParseU64(const std::string& decimal) {
  return std::strtoull(decimal.c_str(), nullptr, 10);
}

template <typename T>
T Option(const val& options, const char* key, T fallback) {
  const val v = options[key];
  return v.isUndefined() || v.isNull() ? fallback : v.as<T>();
}

}  // namespace

val DecodeFrame(val frame) {
  Result<protocol::Message> message = protocol::DecodeMessage(BytesFromJs(frame));
  if (message.ok()) return DescribeMessage(message.value());
  val out = val::object();
  out.set("error", message.error().message);
  return out;
}

val ReencodeFrame(val frame) {
  Result<protocol::Message> message = protocol::DecodeMessage(BytesFromJs(frame));
  return message.ok() ? FrameToJs(message.value()) : val::null();
}

val EncodeSignalOffer(double from, double to, std::string session_id, val sdp) {
  protocol::SignalOffer offer;
  offer.from = static_cast<PeerId>(from);
  offer.to = static_cast<PeerId>(to);
  offer.session_id = ParseU64(session_id);
  offer.sdp = BytesFromJs(sdp);
  return FrameToJs(offer);
}

val EncodeSignalAnswer(double from, double to, std::string session_id, val sdp, bool accepted) {
  protocol::SignalAnswer answer;
  answer.from = static_cast<PeerId>(from);
  answer.to = static_cast<PeerId>(to);
  answer.session_id = ParseU64(session_id);
  answer.sdp = BytesFromJs(sdp);
  answer.accepted = accepted;
  return FrameToJs(answer);
}

val EncodeData(int rendition, double seq, double offset_bytes, double segment_size_bytes,
               val payload) {
  protocol::Data data;
  data.key = SegmentKey{static_cast<RenditionIndex>(rendition), static_cast<SegmentSeq>(seq)};
  data.offset_bytes = static_cast<std::uint32_t>(offset_bytes);
  data.segment_size_bytes = static_cast<std::uint32_t>(segment_size_bytes);
  data.payload = BytesFromJs(payload);
  return FrameToJs(data);
}

val EncodeHave(int rendition, double seq) {
  protocol::Have have;
  have.key = SegmentKey{static_cast<RenditionIndex>(rendition), static_cast<SegmentSeq>(seq)};
  return FrameToJs(have);
}

val EncodeConfigResponse(val options) {
  protocol::ConfigResponse response;
  response.tracker_url = Option<std::string>(options, "trackerUrl", "");
  response.signaling_url = Option<std::string>(options, "signalingUrl", "");
  if (!options["sessionToken"].isUndefined()) {
    response.session_token = BytesFromJs(options["sessionToken"]);
  }
  ClientConfig& c = *response.config;
  c.scheduler.cdn_seeding_enabled =
      Option<bool>(options, "cdnSeeding", c.scheduler.cdn_seeding_enabled);
  c.scheduler.p2p_enabled = Option<bool>(options, "p2p", c.scheduler.p2p_enabled);
  auto us = [&](const char* key, DurationUs fallback) {
    return static_cast<DurationUs>(Option<double>(options, key, static_cast<double>(fallback)));
  };
  c.scheduler.urgent_window_us = us("urgentWindowUs", c.scheduler.urgent_window_us);
  c.scheduler.p2p_window_us = us("p2pWindowUs", c.scheduler.p2p_window_us);
  c.scheduler.min_buffer_us = us("minBufferUs", c.scheduler.min_buffer_us);
  c.scheduler.announce_interval_us = us("announceIntervalUs", c.scheduler.announce_interval_us);
  c.max_connections = Option<int>(options, "maxConnections", c.max_connections);
  return FrameToJs(response);
}

val EncodeSwarmJoined(double peer, double announce_interval_ms) {
  protocol::SwarmJoined joined;
  joined.peer = static_cast<PeerId>(peer);
  joined.announce_interval_ms = static_cast<std::uint32_t>(announce_interval_ms);
  return FrameToJs(joined);
}

val EncodePeerList(double content, int rendition, val peers, double swarm_size) {
  protocol::PeerList list;
  list.content = static_cast<ContentId>(content);
  list.rendition = static_cast<RenditionIndex>(rendition);
  const unsigned n = peers["length"].as<unsigned>();
  for (unsigned i = 0; i < n; ++i) {
    protocol::PeerDescriptor& d = list.peers.emplace_back();
    d.peer = static_cast<PeerId>(peers[i].as<double>());
    d.rendition = list.rendition;
  }
  list.swarm_size = static_cast<std::uint32_t>(swarm_size);
  return FrameToJs(list);
}

val EncodeServiceError(int code, std::string text) {
  protocol::ServiceError error;
  error.code = static_cast<protocol::ServiceErrorCode>(code);
  error.text = std::move(text);
  return FrameToJs(error);
}

std::string Sha256HexOf(val bytes) {
  const std::vector<std::uint8_t> data = BytesFromJs(bytes);
  return Sha256Hex(Sha256Of(data.data(), data.size()));
}

}  // namespace cdnmesh::wasm
