// What the client asks its host to do, and whom it talks to. The host carries each action out
// (a socket write, a fetch(), a data-channel send, or their simulated counterparts) and reports
// what happens back as inputs.
#pragma once

#include <cstdint>

#include "core/common/types.h"
#include "core/protocol/limits.h"
#include "core/protocol/message.h"
#include "core/scheduler/action.h"

namespace cdnmesh {

/// The services and peers a client exchanges messages with.
enum class EndpointKind : std::uint8_t { kDistributor, kTracker, kSignaling, kPeer };

/// A message's origin or destination: a service, or a peer by id.
struct Endpoint {
  EndpointKind kind = EndpointKind::kPeer;
  PeerId peer = kInvalidPeer;  ///< for kPeer
  /// The peer `id` (over its data channel).
  static Endpoint Peer(PeerId id) { return Endpoint{EndpointKind::kPeer, id}; }
  /// A service.
  static Endpoint Service(EndpointKind kind) { return Endpoint{kind, kInvalidPeer}; }
  friend bool operator==(const Endpoint& a, const Endpoint& b) {
    return a.kind == b.kind && a.peer == b.peer;
  }
};

enum class ClientActionType : std::uint8_t {
  kSend,            ///< send `message` to `to`
  kOpenSignaling,   ///< open the signaling connection as `peer` with Client::session_token()
  kConnect,         ///< run ICE + DTLS with `peer` (behind `peer_nat`); report the outcome
  kDisconnect,      ///< close the data channel with `peer` (or give up connecting)
  kFetchFromCdn,    ///< GET segment `key` from the CDN as download `transfer`; with
                    ///< `offset_bytes` > 0, GET bytes from there on (an HTTP range) and keep
                    ///< the first `offset_bytes` of download `resumes`, cancelled earlier in
                    ///< the same batch; progress and completion count from the segment's start
  kFetchFromPeer,   ///< send `message` (a Request) to `peer`; its Data are download `transfer`
  kCancelFetch,     ///< forget download `transfer`; with `notify_peer`, also send `message`
  kServeUpload,     ///< stream bytes [offset, offset + length) of `key` to `peer` as `upload`;
                    ///< with `partial`, the segment is still arriving: send bytes as they come
  kStopUpload,      ///< stop streaming upload `upload`
  kReloadPlaylist,  ///< load the (live) playlist and report it with OnPlaylist
  kSegmentReady,    ///< segment `key` (`size_bytes`) is complete: hand its bytes to the player
};

/// One instruction to the host. Fields not used by `type` are left default.
struct ClientAction {
  ClientActionType type = ClientActionType::kSend;
  Endpoint to;                   ///< kSend
  PeerId peer = kInvalidPeer;    ///< peer actions
  TransferId transfer = 0;       ///< downloads
  UploadRequestId upload = 0;    ///< uploads
  SegmentKey key;                ///< fetches and uploads
  std::uint32_t offset_bytes = 0;
  std::uint32_t length_bytes = 0;
  std::int64_t size_bytes = 0;   ///< kFetchFromCdn: expected size; kServeUpload: segment size
  protocol::Message message;     ///< kSend, kFetchFromPeer, kCancelFetch
  bool notify_peer = false;      ///< kCancelFetch: send `message` (a Cancel) to `peer`
  bool partial = false;          ///< kServeUpload: relay a segment still arriving
  TransferId resumes = 0;        ///< kFetchFromCdn with offset_bytes: the download it continues
  NatType peer_nat = NatType::kOpen;  ///< kConnect: the peer's NAT as the tracker listed it
};

/// Short lower-case name of an action type ("send", "fetch_cdn", ...).
const char* ClientActionTypeName(ClientActionType type);

}  // namespace cdnmesh
