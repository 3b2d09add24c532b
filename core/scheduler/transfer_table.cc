#include "core/scheduler/transfer_table.h"

#include <cassert>

namespace cdnmesh {

Transfer& TransferTable::Start(TransferId id, SegmentKey key, PeerId peer, std::int64_t size_bytes,
                               TimeUs now_us) {
  Transfer t;
  t.id = id;
  t.key = key;
  t.peer = peer;
  t.size_bytes = size_bytes;
  t.started_us = now_us;
  t.last_progress_us = now_us;
  if (t.from_cdn()) ++cdn_count_;
  transfers_.push_back(t);
  return transfers_.back();
}

Transfer* TransferTable::Find(TransferId id) {
  for (Transfer& t : transfers_) {
    if (t.id == id) return &t;
  }
  return nullptr;
}

Transfer TransferTable::Take(TransferId id) {
  for (auto it = transfers_.begin(); it != transfers_.end(); ++it) {
    if (it->id == id) {
      Transfer t = *it;
      transfers_.erase(it);
      if (t.from_cdn()) --cdn_count_;
      return t;
    }
  }
  assert(false && "TransferTable::Take of an unknown id");
  return {};
}

const Transfer* TransferTable::FindBySeq(SegmentSeq seq, TransferId skip) const {
  for (const Transfer& t : transfers_) {
    if (t.key.seq == seq && t.id != skip) return &t;
  }
  return nullptr;
}

const Transfer* TransferTable::FindCdnBySeq(SegmentSeq seq) const {
  for (const Transfer& t : transfers_) {
    if (t.key.seq == seq && t.from_cdn()) return &t;
  }
  return nullptr;
}

int TransferTable::CountBySeq(SegmentSeq seq) const {
  int n = 0;
  for (const Transfer& t : transfers_) n += t.key.seq == seq;
  return n;
}

}  // namespace cdnmesh
