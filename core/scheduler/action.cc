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
    case ActionType::kAnnounce:
      return "announce";
  }
  return "unknown";
}

const char* ReasonName(Reason reason) {
  switch (reason) {
    case Reason::kNone:
      return "none";
    case Reason::kTimeout:
      return "timeout";
    case Reason::kBufferFallback:
      return "buffer_fallback";
    case Reason::kTooSlow:
      return "too_slow";
    case Reason::kDuplicate:
      return "duplicate";
    case Reason::kNotHeld:
      return "not_held";
    case Reason::kNoSlot:
      return "no_slot";
    case Reason::kRateBudget:
      return "rate_budget";
    case Reason::kDataCap:
      return "data_cap";
    case Reason::kDeviceClass:
      return "device_class";
    case Reason::kP2pDisabled:
      return "p2p_disabled";
    case Reason::kSessionEnded:
      return "session_ended";
  }
  return "unknown";
}

}  // namespace cdnmesh
