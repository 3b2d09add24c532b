#include "core/scheduler/action.h"

namespace cdnmesh {

const char* ActionTypeName(ActionType type) {
  switch (type) {
    case ActionType::kFetchFromCdn:
      return "fetch_cdn";
    case ActionType::kFetchFromPeer:
      return "fetch_peer";
    case ActionType::kCancel:
      return "cancel";
    case ActionType::kSendHave:
      return "send_have";
    case ActionType::kAcceptUpload:
      return "accept_upload";
    case ActionType::kRejectUpload:
      return "reject_upload";
    case ActionType::kAbortUpload:
      return "abort_upload";
    case ActionType::kAnnounce:
      return "announce";
    case ActionType::kSegmentReady:
      return "segment_ready";
  }
  return "unknown";
}

}  // namespace cdnmesh
