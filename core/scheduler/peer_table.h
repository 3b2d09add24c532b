// The viewer's connected peers: what each has announced, how fast it has been, how busy it is.
#pragma once

#include <cstdint>
#include <vector>

#include "core/common/random.h"
#include "core/common/time.h"
#include "core/common/types.h"
#include "core/scheduler/segment_window.h"

namespace cdnmesh {

/// What the scheduler knows of one connected peer.
struct PeerState {
  PeerId id = kInvalidPeer;
  std::vector<SegmentWindow> haves;  ///< per rendition index (grown on demand)
  double throughput_bps = 0;         ///< EWMA of completed transfers from this peer
  int active_transfers = 0;          ///< our downloads from it in flight
  int consecutive_failures = 0;      ///< failures since the last success
  TimeUs busy_until_us = 0;          ///< it refused for lack of capacity: not asked before
  std::int64_t bytes_received = 0;   ///< total bytes downloaded from it

  /// True if the peer announced `key`.
  bool Has(SegmentKey key) const {
    return key.rendition < haves.size() && haves[key.rendition].Test(key.seq);
  }
};

/// Connected peers, by id, in connection order. Sized for tens of peers; lookups are O(1).
class PeerTable {
 public:
  /// Adds a peer with `initial_throughput_bps`; returns false if already present.
  bool Add(PeerId id, double initial_throughput_bps);
  /// Removes a peer; returns false if unknown.
  bool Remove(PeerId id);
  /// The peer, or nullptr.
  PeerState* Find(PeerId id);
  const PeerState* Find(PeerId id) const;
  /// Records that `id` has `key`; returns false if the peer is unknown.
  bool SetHave(PeerId id, SegmentKey key);
  /// All peers in connection order.
  const std::vector<PeerState>& peers() const { return peers_; }
  std::vector<PeerState>& peers() { return peers_; }
  /// Number of connected peers.
  int size() const { return static_cast<int>(peers_.size()); }

  /// Picks a peer holding `key` with a free slot (active < `per_peer_limit`) and not busy at
  /// `now_us`, at random with probability proportional to throughput / (1 + consecutive
  /// failures). Returns nullptr when none qualifies.
  PeerState* ChooseHolder(SegmentKey key, int per_peer_limit, TimeUs now_us, Rng& rng);
  /// Forgets that `id` has `key` (it refused or failed to serve it).
  void ClearHave(PeerId id, SegmentKey key);
  /// True if any connected peer announced `key`.
  bool AnyHolder(SegmentKey key) const;

 private:
  std::vector<PeerState> peers_;
  // Ids in the order of peers_: a viewer has a few dozen peers at most, and a linear scan of
  // a dense array beats hashing at that size.
  std::vector<PeerId> ids_;
};

}  // namespace cdnmesh
