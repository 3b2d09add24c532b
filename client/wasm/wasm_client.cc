#include "client/wasm/wasm_client.h"

#include <cmath>

#include "client/wasm/js_values.h"
#include "client/wasm/wasm_stats.h"
#include "core/protocol/codec.h"

namespace cdnmesh::wasm {
namespace {

using emscripten::val;

TimeUs Us(double us) { return static_cast<TimeUs>(std::llround(us)); }

template <typename T>
T Get(const val& object, const char* key, T fallback) {
  const val v = object[key];
  return v.isUndefined() || v.isNull() ? fallback : v.as<T>();
}

StreamConfig StreamFromJs(const val& js) {
  StreamConfig config;
  config.content = Get<unsigned>(js, "content", 0);
  config.ladder.clear();
  const val ladder = js["ladderBps"];
  const unsigned rungs = ladder.isUndefined() ? 0 : ladder["length"].as<unsigned>();
  for (unsigned i = 0; i < rungs; ++i) {
    config.ladder.push_back(Rendition{static_cast<std::int64_t>(ladder[i].as<double>()), 0});
  }
  config.segment_duration_us = Us(Get<double>(js, "segmentDurationUs", 4e6));
  config.size_jitter_ratio = 0.0;  // sizes come from the fetches, not from a model
  config.live = Get<bool>(js, "live", true);
  config.playlist_window_segments = Get<int>(js, "playlistWindowSegments", 10);
  config.vod_segment_count = static_cast<SegmentSeq>(Get<double>(js, "vodSegmentCount", 0));
  return config;
}

ClientIdentity IdentityFromJs(const val& js, ContentId content) {
  ClientIdentity identity;
  identity.content = content;
  identity.profile.isp = static_cast<IspId>(Get<unsigned>(js, "isp", 0));
  identity.profile.device =
      static_cast<DeviceClass>(Get<unsigned>(js, "device", 0) % kDeviceClassCount);
  identity.profile.nat = static_cast<NatType>(Get<unsigned>(js, "nat", 0) % kNatTypeCount);
  identity.profile.location.latitude_e7 =
      static_cast<std::int32_t>(std::llround(Get<double>(js, "latitudeDeg", 0) * 1e7));
  identity.profile.location.longitude_e7 =
      static_cast<std::int32_t>(std::llround(Get<double>(js, "longitudeDeg", 0) * 1e7));
  identity.seed = static_cast<std::uint64_t>(Get<double>(js, "seed", 1));
  const std::string token = Get<std::string>(js, "authToken", "");
  identity.auth_token.assign(token.begin(), token.end());
  const double guess = Get<double>(js, "uploadGuessBps", -1);
  if (guess >= 0) identity.upload_guess_bps = static_cast<std::int64_t>(guess);
  identity.client_version = Get<std::string>(js, "clientVersion", "cdnmesh-wasm/1");
  identity.playback = PlaybackSource::kReported;  // a real (or headless) player reports
  return identity;
}

}  // namespace

std::string WasmClient::ValidateStream(val stream) {
  const Status status = ValidateStreamConfig(StreamFromJs(stream));
  return status.message();
}

WasmClient::WasmClient(val stream, val identity)
    : stream_(std::make_unique<Stream>(StreamFromJs(stream))),
      client_(std::make_unique<Client>(*stream_,
                                       IdentityFromJs(identity, stream_->config().content))) {}

void WasmClient::Start(double now_us, double vod_start_seq) {
  client_->Start(Us(now_us), static_cast<SegmentSeq>(vod_start_seq));
}

void WasmClient::Stop(double now_us) { client_->Stop(Us(now_us)); }

val WasmClient::OnServiceFrame(double now_us, std::string from, val frame) {
  EndpointKind kind;
  val out = val::object();
  if (!EndpointKindFromName(from, &kind) || kind == EndpointKind::kPeer) {
    out.set("error", std::string("unknown service ") + from);
    return out;
  }
  Result<protocol::Message> message = protocol::DecodeMessage(BytesFromJs(frame));
  if (!message.ok()) {
    out.set("error", message.error().message);
    return out;
  }
  out = DescribeMessage(message.value());
  client_->OnMessage(Us(now_us), Endpoint::Service(kind), message.value());
  return out;
}

val WasmClient::OnPeerBytes(double now_us, double peer_number, val bytes) {
  const auto peer = static_cast<PeerId>(peer_number);
  val out = val::object();
  val data = val::array();
  out.set("messages", data);
  auto channel = channels_.find(peer);
  if (channel == channels_.end()) return out;  // no open channel: nothing could arrive
  const std::vector<std::uint8_t> chunk = BytesFromJs(bytes);
  channel->second.Append(chunk.data(), chunk.size());
  for (;;) {
    Result<std::optional<protocol::Message>> next = channel->second.Next();
    if (!next.ok()) {
      out.set("error", next.error().message);
      channels_.erase(channel);
      client_->OnChannelClosed(Us(now_us), peer);
      return out;
    }
    if (!next.value().has_value()) return out;
    const protocol::Message& message = *next.value();
    if (std::holds_alternative<protocol::Data>(message)) {
      data.call<void>("push", DescribeMessage(message));
    } else {
      client_->OnMessage(Us(now_us), Endpoint::Peer(peer), message);
    }
  }
}

void WasmClient::OnChannelOpen(double now_us, double peer) {
  channels_[static_cast<PeerId>(peer)] = protocol::FrameReassembler();
  client_->OnChannelOpen(Us(now_us), static_cast<PeerId>(peer));
}

void WasmClient::OnChannelClosed(double now_us, double peer) {
  channels_.erase(static_cast<PeerId>(peer));
  client_->OnChannelClosed(Us(now_us), static_cast<PeerId>(peer));
}

void WasmClient::OnConnectFailed(double now_us, double peer) {
  client_->OnConnectFailed(Us(now_us), static_cast<PeerId>(peer));
}

void WasmClient::OnTransferProgress(double now_us, double transfer, double bytes, double total) {
  client_->OnTransferProgress(Us(now_us), static_cast<TransferId>(transfer),
                              static_cast<std::int64_t>(bytes), static_cast<std::int64_t>(total));
}

void WasmClient::OnTransferDone(double now_us, double transfer, double size_bytes) {
  client_->OnTransferDone(Us(now_us), static_cast<TransferId>(transfer),
                          static_cast<std::int64_t>(size_bytes));
}

void WasmClient::OnTransferFailed(double now_us, double transfer, double bytes) {
  client_->OnTransferFailed(Us(now_us), static_cast<TransferId>(transfer),
                            static_cast<std::int64_t>(bytes));
}

void WasmClient::OnUploadDone(double now_us, double upload, double bytes_sent) {
  client_->OnUploadDone(Us(now_us), static_cast<UploadRequestId>(upload),
                        static_cast<std::int64_t>(bytes_sent));
}

void WasmClient::OnPlayback(double now_us, double playhead_us, val buffered, bool playing,
                            bool ended) {
  PlaybackReport report;
  report.playhead_media_us = Us(playhead_us);
  const unsigned n = buffered["length"].as<unsigned>();
  for (unsigned i = 0; i + 1 < n; i += 2) {
    report.buffered.push_back(
        MediaRange{Us(buffered[i].as<double>()), Us(buffered[i + 1].as<double>())});
  }
  report.playing = playing;
  report.ended = ended;
  client_->OnPlayback(Us(now_us), report);
}

void WasmClient::OnPlaylist(double now_us, double first_seq, double end_seq, bool ended) {
  client_->OnPlaylist(Us(now_us), Playlist{static_cast<SegmentSeq>(first_seq),
                                           static_cast<SegmentSeq>(end_seq), ended});
}

void WasmClient::OnTick(double now_us) { client_->OnTick(Us(now_us)); }

void WasmClient::OnPeerMisbehaved(double now_us, double peer) {
  channels_.erase(static_cast<PeerId>(peer));
  client_->OnPeerMisbehaved(Us(now_us), static_cast<PeerId>(peer));
}

void WasmClient::OnPlayerWants(double now_us, int rendition, double seq) {
  client_->OnPlayerWants(
      Us(now_us), SegmentKey{static_cast<RenditionIndex>(rendition), static_cast<SegmentSeq>(seq)});
}

val WasmClient::DrainActions() {
  client_->DrainActions(&scratch_);
  val out = val::array();
  for (const ClientAction& action : scratch_) out.call<void>("push", ActionToJs(action));
  scratch_.clear();
  return out;
}

double WasmClient::NextWakeUpUs() const {
  const TimeUs next = client_->NextWakeUpUs();
  return next == kNever ? -1.0 : static_cast<double>(next);
}

val WasmClient::Stats() const { return StatsToJs(*client_); }

double WasmClient::PeerIdOrMinusOne() const {
  return client_->id() == kInvalidPeer ? -1.0 : static_cast<double>(client_->id());
}

std::string WasmClient::SessionTokenHex() const { return HexOf(client_->session_token()); }

}  // namespace cdnmesh::wasm
