// Why a request was refused or a transfer aborted: one vocabulary for the scheduler's
// decisions, the peer protocol's Reject and the metrics.
#pragma once

#include <cstdint>

namespace cdnmesh {

/// Why something was refused or aborted. Values are wire codes (Reject.reason): never renumber.
enum class Reason : std::uint8_t {
  kNone,
  kTimeout,         ///< no bytes within the timeout
  kBufferFallback,  ///< the minimum-buffer rule moved the segment to the CDN
  kTooSlow,         ///< the transfer would not finish before the segment is needed
  kDuplicate,       ///< another transfer for the same segment finished first
  kNotHeld,         ///< upload: the segment is not (or no longer) in the cache
  kNoSlot,          ///< upload: all upload slots busy
  kRateBudget,      ///< upload: the upload rate budget is spent
  kDataCap,         ///< upload: the session data cap would be exceeded
  kDeviceClass,     ///< upload: this device does not upload (mobile on cellular)
  kP2pDisabled,     ///< upload: P2P is switched off
  kSessionEnded,    ///< the viewer left
  kNotConnected,    ///< upload: the requester has no open channel with this viewer
  kInvalidRequest,  ///< upload: the byte range lies outside the segment
  kPreempted,       ///< a later segment's download made way for an urgent CDN fetch
};
/// Number of Reason values (the protocol decoder rejects values >= this).
inline constexpr int kReasonCount = 15;

/// Short lower-case name of a reason ("timeout", "buffer_fallback", ...).
const char* ReasonName(Reason reason);

}  // namespace cdnmesh
