#include "client/wasm/wasm_stats.h"

namespace cdnmesh::wasm {
namespace {

using emscripten::val;

const char* PlayerStateName(PlayerState state) {
  switch (state) {
    case PlayerState::kIdle:
      return "idle";
    case PlayerState::kStartup:
      return "startup";
    case PlayerState::kPlaying:
      return "playing";
    case PlayerState::kStalled:
      return "stalled";
    case PlayerState::kEnded:
      return "ended";
  }
  return "idle";
}

void SetNumber(val& out, const char* name, std::int64_t value) {
  out.set(name, static_cast<double>(value));
}

void AddSchedulerStats(val& out, const SchedulerStats& s) {
  SetNumber(out, "cdnBytes", s.cdn_bytes);
  SetNumber(out, "p2pBytes", s.p2p_bytes);
  SetNumber(out, "wastedBytes", s.wasted_bytes);
  SetNumber(out, "uploadedBytes", s.uploaded_bytes);
  SetNumber(out, "cdnRequests", s.cdn_requests);
  SetNumber(out, "p2pRequests", s.p2p_requests);
  SetNumber(out, "p2pFailures", s.p2p_failures);
  SetNumber(out, "p2pBusyRefusals", s.p2p_busy_refusals);
  SetNumber(out, "p2pTimeouts", s.p2p_timeouts);
  SetNumber(out, "cdnFailures", s.cdn_failures);
  SetNumber(out, "bufferFallbacks", s.buffer_fallbacks);
  SetNumber(out, "urgentCdnFetches", s.urgent_cdn_fetches);
  SetNumber(out, "seedingFetches", s.seeding_fetches);
  SetNumber(out, "uploadsAccepted", s.uploads_accepted);
  SetNumber(out, "uploadsRejected", s.uploads_rejected);
  SetNumber(out, "relayedUploads", s.relayed_uploads);
  SetNumber(out, "decisions", s.decisions);
}

void AddQos(val& out, const QosRecord& q) {
  SetNumber(out, "stallCount", q.stall_count);
  SetNumber(out, "stallTimeUs", q.stall_time_us);
  SetNumber(out, "playedUs", q.played_us);
  SetNumber(out, "startupDelayUs", q.startup_delay_us());
  SetNumber(out, "bitrateSwitches", q.bitrate_switches);
  SetNumber(out, "liveResyncs", q.live_resyncs);
}

void AddClientStats(val& out, const ClientStats& c) {
  SetNumber(out, "connectionsOpened", c.connections_opened);
  SetNumber(out, "connectFailures", c.connect_failures);
  SetNumber(out, "offersDeclined", c.offers_declined);
  SetNumber(out, "maxConnections", c.max_connections);
  SetNumber(out, "peerLists", c.peer_lists);
  SetNumber(out, "serviceErrors", c.service_errors);
  SetNumber(out, "messagesSent", c.messages_sent);
  SetNumber(out, "messagesReceived", c.messages_received);
  SetNumber(out, "rejectedMessages", c.rejected_messages);
  SetNumber(out, "peersBanned", c.peers_banned);
}

}  // namespace

val StatsToJs(const Client& client) {
  val out = val::object();
  AddSchedulerStats(out, client.scheduler().stats());
  AddQos(out, client.scheduler().player().qos());
  AddClientStats(out, client.stats());
  const Playback& player = client.scheduler().player();
  out.set("playerState", std::string(PlayerStateName(player.state())));
  SetNumber(out, "playheadUs", player.playhead_media_us());
  SetNumber(out, "playheadSeq", player.playhead_seq());
  SetNumber(out, "bufferAheadUs", player.BufferAheadUs());
  out.set("connectionsOpen", client.connections().open_count());
  out.set("rendition", client.scheduler().current_rendition());
  SetNumber(out, "uplinkEstimateBps", client.uplink_estimate_bps());
  SetNumber(out, "urgentWindowUs", client.config().scheduler.urgent_window_us);
  return out;
}

}  // namespace cdnmesh::wasm
