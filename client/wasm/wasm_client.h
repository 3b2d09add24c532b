// core's Client behind a JavaScript-friendly surface (bound with embind in bindings.cc): built
// from plain JS objects (the stream description and the viewer's identity), fed inputs with
// times in integer microseconds (performance.now() * 1000, rounded), drained of actions as
// plain JS objects. Peer channels are byte streams: each has a FrameReassembler here, so the
// host passes channel messages as they arrive and gets back the Data frames it must route.
#pragma once

#include <emscripten/val.h>

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/client/client.h"
#include "core/protocol/framing.h"

namespace cdnmesh::wasm {

/// One viewer's client and its peers' frame reassemblers. Not thread-safe (one JS thread).
class WasmClient {
 public:
  /// `stream`: {content, ladderBps: [..], segmentDurationUs, live, playlistWindowSegments,
  /// vodSegmentCount}; `identity`: {isp, device, nat, latitudeDeg, longitudeDeg, seed,
  /// authToken (string), uploadGuessBps, clientVersion}. Check both with Validate first.
  WasmClient(emscripten::val stream, emscripten::val identity);

  /// "" when `stream` describes a valid stream, else the error ("field: reason").
  static std::string ValidateStream(emscripten::val stream);

  void Start(double now_us, double vod_start_seq);
  void Stop(double now_us);
  /// A frame from a service ("distributor", "tracker", "signaling"): decoded and delivered.
  /// Returns the message's description, or {error} if it did not decode.
  emscripten::val OnServiceFrame(double now_us, std::string from, emscripten::val frame);
  /// Bytes from `peer`'s channel. Returns {messages: [descriptions of Data frames, which the
  /// client does not take: the host routes them], error?}; on error the channel is unusable
  /// (the client already counts it closed; the host closes it).
  emscripten::val OnPeerBytes(double now_us, double peer, emscripten::val bytes);
  void OnChannelOpen(double now_us, double peer);
  void OnChannelClosed(double now_us, double peer);
  void OnConnectFailed(double now_us, double peer);
  void OnTransferProgress(double now_us, double transfer, double bytes, double total_bytes);
  void OnTransferDone(double now_us, double transfer, double size_bytes);
  void OnTransferFailed(double now_us, double transfer, double bytes);
  void OnUploadDone(double now_us, double upload, double bytes_sent);
  /// `buffered`: flat [start0, end0, start1, end1, ...] media microseconds.
  void OnPlayback(double now_us, double playhead_us, emscripten::val buffered, bool playing,
                  bool ended);
  void OnPlaylist(double now_us, double first_seq, double end_seq, bool ended);
  void OnTick(double now_us);
  void OnPeerMisbehaved(double now_us, double peer);
  void OnPlayerWants(double now_us, int rendition, double seq);

  /// The pending actions as an array of JS objects (js_values.h ActionToJs).
  emscripten::val DrainActions();
  /// The next wake-up in microseconds, or -1 for never.
  double NextWakeUpUs() const;
  /// Counters: scheduler delivery stats, QoS, mesh stats, player state.
  emscripten::val Stats() const;
  /// The tracker-assigned id, or -1 before SwarmJoined.
  double PeerIdOrMinusOne() const;
  /// The distributor's session token as lower-case hex (for the signaling URL).
  std::string SessionTokenHex() const;
  /// The rendition the client fetches.
  int CurrentRendition() const { return client_->scheduler().current_rendition(); }

 private:
  std::unique_ptr<Stream> stream_;
  std::unique_ptr<Client> client_;
  std::map<PeerId, protocol::FrameReassembler> channels_;
  std::vector<ClientAction> scratch_;
};

}  // namespace cdnmesh::wasm
