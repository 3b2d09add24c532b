#include "core/common/reason.h"

namespace cdnmesh {

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
    case Reason::kNotConnected:
      return "not_connected";
    case Reason::kInvalidRequest:
      return "invalid_request";
    case Reason::kPreempted:
      return "preempted";
  }
  return "unknown";
}

}  // namespace cdnmesh
