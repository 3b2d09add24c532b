#include "core/client/client_action.h"

namespace cdnmesh {

const char* ClientActionTypeName(ClientActionType type) {
  switch (type) {
    case ClientActionType::kSend:
      return "send";
    case ClientActionType::kOpenSignaling:
      return "open_signaling";
    case ClientActionType::kConnect:
      return "connect";
    case ClientActionType::kDisconnect:
      return "disconnect";
    case ClientActionType::kFetchFromCdn:
      return "fetch_cdn";
    case ClientActionType::kFetchFromPeer:
      return "fetch_peer";
    case ClientActionType::kCancelFetch:
      return "cancel_fetch";
    case ClientActionType::kServeUpload:
      return "serve_upload";
    case ClientActionType::kStopUpload:
      return "stop_upload";
    case ClientActionType::kReloadPlaylist:
      return "reload_playlist";
    case ClientActionType::kSegmentReady:
      return "segment_ready";
  }
  return "unknown";
}

}  // namespace cdnmesh
