// The viewer's downloads in flight, CDN and peer. Sized for a handful of concurrent transfers.
#pragma once

#include <cstdint>
#include <vector>

#include "core/common/time.h"
#include "core/common/types.h"
#include "core/scheduler/action.h"

namespace cdnmesh {

/// One download in flight.
struct Transfer {
  TransferId id = 0;
  SegmentKey key;
  PeerId peer = kInvalidPeer;  ///< kInvalidPeer for the CDN
  std::int64_t size_bytes = 0;
  std::int64_t bytes_received = 0;  ///< as last reported by the host (prefix included)
  /// A CDN transfer that continues a cancelled peer download: the bytes that one received,
  /// which count as peer bytes (cdn_resumes_peer_prefix).
  std::int64_t prefix_bytes = 0;
  TimeUs started_us = 0;
  TimeUs last_progress_us = 0;  ///< start, or the last report that brought new bytes
  bool seeding = false;          ///< a CDN fetch made to seed the swarm
  bool size_known = false;       ///< the host reported the real size (from the response)
  bool relay_announced = false;  ///< announced to peers while still arriving (relaying)
  /// Peer transfers under deadline admission: the uploader accepted to finish by then
  /// (kNever: no promise).
  TimeUs promised_by_us = kNever;

  /// True while an uploader that admits by deadline is sending and its promise still runs.
  bool PromiseHolds(TimeUs now_us) const {
    return promised_by_us != kNever && bytes_received > 0 && now_us < promised_by_us;
  }

  /// True for a CDN transfer.
  bool from_cdn() const { return peer == kInvalidPeer; }
};

/// Downloads in flight, with per-source counts. Linear scans over a few entries.
class TransferTable {
 public:
  /// Registers a new transfer and returns it.
  Transfer& Start(TransferId id, SegmentKey key, PeerId peer, std::int64_t size_bytes,
                  TimeUs now_us);
  /// The transfer with `id`, or nullptr.
  Transfer* Find(TransferId id);
  /// Removes and returns the transfer with `id`; `id` must exist.
  Transfer Take(TransferId id);
  /// First transfer for segment `seq` (any rendition), or nullptr; `skip` excludes one id.
  const Transfer* FindBySeq(SegmentSeq seq, TransferId skip = 0) const;
  /// The CDN transfer for segment `seq`, or nullptr.
  const Transfer* FindCdnBySeq(SegmentSeq seq) const;
  /// Number of transfers for `seq` (2 while racing).
  int CountBySeq(SegmentSeq seq) const;
  /// All transfers in start order.
  const std::vector<Transfer>& all() const { return transfers_; }
  /// CDN transfers in flight.
  int cdn_count() const { return cdn_count_; }
  /// Peer transfers in flight.
  int p2p_count() const { return static_cast<int>(transfers_.size()) - cdn_count_; }

 private:
  std::vector<Transfer> transfers_;
  int cdn_count_ = 0;
};

}  // namespace cdnmesh
