#include "core/scheduler/peer_table.h"

namespace cdnmesh {

bool PeerTable::Add(PeerId id, double initial_throughput_bps) {
  if (index_.count(id)) return false;
  index_.emplace(id, peers_.size());
  PeerState state;
  state.id = id;
  state.throughput_bps = initial_throughput_bps;
  peers_.push_back(std::move(state));
  return true;
}

bool PeerTable::Remove(PeerId id) {
  auto it = index_.find(id);
  if (it == index_.end()) return false;
  const std::size_t pos = it->second;
  index_.erase(it);
  // Erase keeps connection order (peers are few; order matters for deterministic fan-out).
  peers_.erase(peers_.begin() + static_cast<std::ptrdiff_t>(pos));
  for (std::size_t i = pos; i < peers_.size(); ++i) index_[peers_[i].id] = i;
  return true;
}

PeerState* PeerTable::Find(PeerId id) {
  auto it = index_.find(id);
  return it == index_.end() ? nullptr : &peers_[it->second];
}

const PeerState* PeerTable::Find(PeerId id) const {
  auto it = index_.find(id);
  return it == index_.end() ? nullptr : &peers_[it->second];
}

bool PeerTable::SetHave(PeerId id, SegmentKey key) {
  PeerState* peer = Find(id);
  if (peer == nullptr) return false;
  if (peer->haves.size() <= key.rendition) peer->haves.resize(key.rendition + 1u);
  peer->haves[key.rendition].Set(key.seq);
  return true;
}

PeerState* PeerTable::ChooseHolder(SegmentKey key, int per_peer_limit, TimeUs now_us, Rng& rng) {
  double total_weight = 0;
  for (const PeerState& p : peers_) {
    if (p.active_transfers < per_peer_limit && p.busy_until_us <= now_us && p.Has(key)) {
      total_weight += p.throughput_bps / (1.0 + p.consecutive_failures);
    }
  }
  if (total_weight <= 0) return nullptr;
  double pick = rng.UniformDouble() * total_weight;
  PeerState* last = nullptr;
  for (PeerState& p : peers_) {
    if (p.active_transfers < per_peer_limit && p.busy_until_us <= now_us && p.Has(key)) {
      last = &p;
      pick -= p.throughput_bps / (1.0 + p.consecutive_failures);
      if (pick < 0) return &p;
    }
  }
  return last;  // rounding left a sliver of weight
}

void PeerTable::ClearHave(PeerId id, SegmentKey key) {
  PeerState* peer = Find(id);
  if (peer != nullptr && key.rendition < peer->haves.size())
    peer->haves[key.rendition].Clear(key.seq);
}

bool PeerTable::AnyHolder(SegmentKey key) const {
  for (const PeerState& p : peers_) {
    if (p.Has(key)) return true;
  }
  return false;
}

}  // namespace cdnmesh
