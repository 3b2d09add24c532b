#include "core/client/connection_table.h"

#include <algorithm>
#include <cassert>

namespace cdnmesh {

PeerLink* ConnectionTable::Find(PeerId peer) {
  for (PeerLink& link : links_) {
    if (link.peer == peer) return &link;
  }
  return nullptr;
}

const PeerLink* ConnectionTable::Find(PeerId peer) const {
  return const_cast<ConnectionTable*>(this)->Find(peer);
}

bool ConnectionTable::IsOpen(PeerId peer) const {
  const PeerLink* link = Find(peer);
  return link != nullptr && link->state == LinkState::kOpen;
}

PeerLink& ConnectionTable::Add(PeerId peer, LinkState state, std::uint64_t session_id,
                               TimeUs deadline_us) {
  assert(Find(peer) == nullptr);
  links_.push_back(PeerLink{peer, state, session_id, deadline_us});
  if (state == LinkState::kOpen) ++open_;
  return links_.back();
}

bool ConnectionTable::MarkOpen(PeerId peer) {
  PeerLink* link = Find(peer);
  if (link == nullptr) return false;
  if (link->state != LinkState::kOpen) ++open_;
  link->state = LinkState::kOpen;
  link->deadline_us = kNever;
  return true;
}

bool ConnectionTable::Remove(PeerId peer) {
  auto it = std::find_if(links_.begin(), links_.end(),
                         [peer](const PeerLink& l) { return l.peer == peer; });
  if (it == links_.end()) return false;
  if (it->state == LinkState::kOpen) --open_;
  links_.erase(it);  // keeps creation order (have fan-out and tests rely on a stable order)
  return true;
}

void ConnectionTable::Expire(TimeUs now_us, std::vector<PeerId>* expired) {
  for (std::size_t i = 0; i < links_.size();) {
    if (links_[i].state != LinkState::kOpen && links_[i].deadline_us <= now_us) {
      expired->push_back(links_[i].peer);
      links_.erase(links_.begin() + static_cast<std::ptrdiff_t>(i));
    } else {
      ++i;
    }
  }
}

TimeUs ConnectionTable::NextDeadlineUs() const {
  TimeUs next = kNever;
  for (const PeerLink& link : links_) next = std::min(next, link.deadline_us);
  return next;
}

}  // namespace cdnmesh
