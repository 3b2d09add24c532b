// Counters a scheduler keeps about its own decisions; read by metrics.
#pragma once

#include <cstdint>

namespace cdnmesh {

/// Per-viewer delivery counters. Bytes count completed transfers only; aborted ones are wasted.
struct SchedulerStats {
  std::int64_t cdn_bytes = 0;          ///< segment bytes completed from the CDN
  std::int64_t p2p_bytes = 0;          ///< segment bytes completed from peers
  std::int64_t wasted_bytes = 0;       ///< bytes of cancelled, failed or duplicate transfers
  std::int64_t uploaded_bytes = 0;     ///< bytes accepted for upload to peers
  std::int64_t cdn_requests = 0;       ///< CDN transfers started
  std::int64_t p2p_requests = 0;       ///< peer transfers started
  std::int64_t p2p_failures = 0;       ///< peer transfers failed (not held, lost, errors, timeouts)
  std::int64_t p2p_busy_refusals = 0;  ///< peer requests refused for lack of upload capacity
  std::int64_t p2p_timeouts = 0;       ///< peer transfers that got no bytes in time
  std::int64_t cdn_failures = 0;       ///< CDN transfers failed or timed out
  std::int64_t buffer_fallbacks = 0;   ///< CDN fetches forced by the minimum-buffer rule
  std::int64_t urgent_cdn_fetches = 0;  ///< CDN fetches because a segment became urgent
  std::int64_t seeding_fetches = 0;     ///< CDN fetches made to seed the swarm
  std::int64_t uploads_accepted = 0;    ///< upload requests served
  std::int64_t uploads_rejected = 0;    ///< upload requests refused
  std::int64_t relayed_uploads = 0;     ///< uploads accepted while the segment was arriving
  std::int64_t decisions = 0;           ///< planning passes run
  /// Peer bytes of downloads cancelled for the CDN that the CDN fetch continued (part of
  /// p2p_bytes once the segment completes; cdn_resumes_peer_prefix).
  std::int64_t resumed_bytes = 0;
};

}  // namespace cdnmesh
