// What the scheduler asks its host to do. A flat struct (no heap) so hot paths stay cheap.
#pragma once

#include <cstdint>

#include "core/common/time.h"
#include "core/common/reason.h"
#include "core/common/types.h"

namespace cdnmesh {

/// Scheduler-assigned id of a download; unique within one Scheduler.
using TransferId = std::uint64_t;
/// Host-assigned id of an upload request from another peer.
using UploadRequestId = std::uint64_t;

enum class ActionType : std::uint8_t {
  kFetchFromCdn,   ///< start download `transfer` of `key` (`size_bytes`) from the CDN; with
                   ///< `offset_bytes` > 0, only the bytes from there on: the first
                   ///< `offset_bytes` are those download `resumes` (a peer download cancelled
                   ///< earlier in the same batch of actions) received, which the host keeps
  kFetchFromPeer,  ///< start download `transfer` of `key` from `peer`
  kCancel,         ///< abort download `transfer` (its bytes so far are wasted)
  kSendHave,       ///< tell `peer` that this viewer now holds `key`
  kAcceptUpload,   ///< serve upload `upload` of `key` (`size_bytes`) to `peer`; with
                   ///< `partial`, the segment is still arriving: send its bytes as they come
  kRejectUpload,   ///< refuse upload `upload` of `key` to `peer`, for `reason`
  kAbortUpload,    ///< stop partial upload `upload` of `key` to `peer`: its source is gone
  kAnnounce,       ///< announce to the tracker: position `key` (current rendition and playhead)
  kSegmentReady,   ///< segment `key` (`size_bytes`) is complete: hand it to the player
};

/// One instruction to the host. Fields not used by `type` are zero.
struct Action {
  ActionType type = ActionType::kCancel;
  Reason reason = Reason::kNone;
  PeerId peer = kInvalidPeer;
  TransferId transfer = 0;
  UploadRequestId upload = 0;
  SegmentKey key;
  std::int64_t size_bytes = 0;
  bool partial = false;  ///< kAcceptUpload: relayed while still arriving
  /// kFetchFromCdn: bytes of the segment already held from download `resumes` (0: none).
  std::int64_t offset_bytes = 0;
  TransferId resumes = 0;  ///< kFetchFromCdn with offset_bytes: the download it continues
  /// kFetchFromPeer: within how long the whole segment is needed (kNever: no deadline).
  DurationUs deadline_us = kNever;
};

/// Short lower-case name of an action type ("fetch_cdn", "fetch_peer", ...).
const char* ActionTypeName(ActionType type);

}  // namespace cdnmesh
