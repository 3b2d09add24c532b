// The client's peer connections in every stage: offered (our offer is out), answered (we accepted
// an offer), connecting (ICE and DTLS running) and open. The cap counts every stage, so a client
// never holds more set-ups and channels together than it may open.
#pragma once

#include <cstdint>
#include <vector>

#include "core/common/time.h"
#include "core/common/types.h"

namespace cdnmesh {

/// Stage of one connection.
enum class LinkState : std::uint8_t {
  kOffered,     ///< our SignalOffer is out; waiting for the answer
  kAnswered,    ///< we accepted the peer's offer; waiting for the channel to open
  kConnecting,  ///< the answer accepted our offer; ICE and DTLS run
  kOpen,        ///< the data channel is open
};

/// One connection with a peer.
struct PeerLink {
  PeerId peer = kInvalidPeer;
  LinkState state = LinkState::kOffered;
  std::uint64_t session_id = 0;  ///< the offer's session id
  TimeUs deadline_us = kNever;   ///< set-up given up at this time (kNever once open)
  NatType nat = NatType::kOpen;  ///< the peer's NAT as its PeerList entry gave it (for ICE)
};

/// The links of one client, in creation order. Sized for tens of links: linear scans.
class ConnectionTable {
 public:
  /// The link with `peer`, or nullptr.
  PeerLink* Find(PeerId peer);
  const PeerLink* Find(PeerId peer) const;
  /// True when the channel with `peer` is open.
  bool IsOpen(PeerId peer) const;
  /// Adds a link; `peer` must not have one.
  PeerLink& Add(PeerId peer, LinkState state, std::uint64_t session_id, TimeUs deadline_us);
  /// Marks the link with `peer` open; false if there is none.
  bool MarkOpen(PeerId peer);
  /// Removes the link with `peer`; false if there was none.
  bool Remove(PeerId peer);
  /// Removes the set-ups whose deadline is at or before `now_us` and appends their peers.
  void Expire(TimeUs now_us, std::vector<PeerId>* expired);
  /// The earliest set-up deadline, or kNever.
  TimeUs NextDeadlineUs() const;
  /// Every link.
  const std::vector<PeerLink>& links() const { return links_; }
  /// Links in every stage.
  int size() const { return static_cast<int>(links_.size()); }
  /// Open channels.
  int open_count() const { return open_; }

 private:
  std::vector<PeerLink> links_;
  int open_ = 0;
};

}  // namespace cdnmesh
