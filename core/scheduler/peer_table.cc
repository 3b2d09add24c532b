#include "core/scheduler/peer_table.h"

namespace cdnmesh {

namespace {

// Position of `id` in `ids`, or ids.size().
std::size_t PositionOf(const std::vector<PeerId>& ids, PeerId id) {
  std::size_t pos = 0;
  while (pos < ids.size() && ids[pos] != id) ++pos;
  return pos;
}

}  // namespace

bool PeerTable::Add(PeerId id, double initial_throughput_bps) {
  if (PositionOf(ids_, id) != ids_.size()) return false;
  ids_.push_back(id);
  PeerState state;
  state.id = id;
  state.throughput_bps = initial_throughput_bps;
  peers_.push_back(std::move(state));
  return true;
}

bool PeerTable::Remove(PeerId id) {
  const std::size_t pos = PositionOf(ids_, id);
  if (pos == ids_.size()) return false;
  // Erase keeps connection order (peers are few; order matters for deterministic fan-out).
  ids_.erase(ids_.begin() + static_cast<std::ptrdiff_t>(pos));
  peers_.erase(peers_.begin() + static_cast<std::ptrdiff_t>(pos));
  return true;
}

PeerState* PeerTable::Find(PeerId id) {
  const std::size_t pos = PositionOf(ids_, id);
  return pos == ids_.size() ? nullptr : &peers_[pos];
}

const PeerState* PeerTable::Find(PeerId id) const {
  const std::size_t pos = PositionOf(ids_, id);
  return pos == ids_.size() ? nullptr : &peers_[pos];
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
