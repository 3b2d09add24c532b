#include "models/simulator/bucket-queue.h"

#include <algorithm>
#include <cassert>

namespace cdnmesh {
namespace {

// std's heap functions keep the greatest element on top; "greater" here is "runs later". A type
// of its own (not a function pointer) so that the heap functions inline it.
struct RunsAfterOrder {
  bool operator()(const QueuedEvent& a, const QueuedEvent& b) const { return RunsBefore(b, a); }
};
constexpr RunsAfterOrder RunsAfter;

void HeapPush(std::vector<QueuedEvent>& heap, const QueuedEvent& event) {
  heap.push_back(event);
  std::push_heap(heap.begin(), heap.end(), RunsAfter);
}

QueuedEvent HeapPop(std::vector<QueuedEvent>& heap) {
  std::pop_heap(heap.begin(), heap.end(), RunsAfter);
  const QueuedEvent next = heap.back();
  heap.pop_back();
  return next;
}

// Erases the event with `ts` and `payload` from an unordered vector; false if absent.
bool EraseUnordered(std::vector<QueuedEvent>& events, std::uint64_t ts, const void* payload) {
  const auto it = std::find_if(events.begin(), events.end(), [&](const QueuedEvent& e) {
    return e.ts == ts && e.payload == payload;
  });
  if (it == events.end()) return false;
  *it = events.back();
  events.pop_back();
  return true;
}

}  // namespace

BucketQueue::BucketQueue(int width_log2, int bucket_count_log2)
    : width_log2_(std::clamp(width_log2, 0, 40)),
      mask_((std::uint64_t{1} << std::clamp(bucket_count_log2, 6, 24)) - 1),
      ring_(mask_ + 1, kNoChunk),
      occupied_((mask_ + 1) / 64, 0) {}

void BucketQueue::Insert(const QueuedEvent& event) {
  ++size_;
  Place(event);
}

const QueuedEvent& BucketQueue::Peek() {
  assert(size_ > 0);
  if (current_.empty()) Advance();
  return current_.front();
}

QueuedEvent BucketQueue::PopNext() {
  assert(size_ > 0);
  if (current_.empty()) Advance();
  --size_;
  return HeapPop(current_);
}

bool BucketQueue::Remove(std::uint64_t ts, const void* payload) {
  const std::uint64_t bucket = BucketOf(ts);
  bool removed = false;
  if (bucket <= current_bucket_ || bucket > RingEnd()) {
    std::vector<QueuedEvent>& heap = bucket <= current_bucket_ ? current_ : overflow_;
    removed = EraseUnordered(heap, ts, payload);
    if (removed) std::make_heap(heap.begin(), heap.end(), RunsAfter);
  } else {
    removed = RemoveFromSlot(bucket & mask_, ts, payload);
  }
  if (removed) --size_;
  return removed;
}

void BucketQueue::Place(const QueuedEvent& event) {
  const std::uint64_t bucket = BucketOf(event.ts);
  if (bucket <= current_bucket_) {
    HeapPush(current_, event);
  } else if (bucket <= RingEnd()) {
    PushToSlot(bucket & mask_, event);
  } else {
    HeapPush(overflow_, event);
  }
}

void BucketQueue::Advance() {
  assert(current_.empty() && size_ > 0);
  current_bucket_ = ring_size_ > 0 ? NextOccupiedBucket() : BucketOf(overflow_.front().ts);
  if (ring_[current_bucket_ & mask_] != kNoChunk) LoadSlot(current_bucket_ & mask_);
  while (!overflow_.empty() && BucketOf(overflow_.front().ts) <= RingEnd()) {
    Place(HeapPop(overflow_));
  }
}

std::uint64_t BucketQueue::NextOccupiedBucket() const {
  assert(ring_size_ > 0);
  const std::uint64_t count = mask_ + 1;
  // Scan the ring one 64-slot word at a time from the slot after the current bucket. Every
  // occupied slot is within `count` buckets ahead, so the first bit found is the answer.
  for (std::uint64_t ahead = 1; ahead <= count + 63;) {
    const std::uint64_t slot = (current_bucket_ + ahead) & mask_;
    const std::uint64_t bits = occupied_[slot >> 6] >> (slot & 63);
    if (bits != 0) return current_bucket_ + ahead + static_cast<std::uint64_t>(__builtin_ctzll(bits));
    ahead += 64 - (slot & 63);
  }
  assert(false && "ring_size_ > 0 but no slot is occupied");
  return current_bucket_ + 1;
}

void BucketQueue::PushToSlot(std::uint64_t slot, const QueuedEvent& event) {
  std::uint32_t head = ring_[slot];
  if (head == kNoChunk) SetOccupied(slot, true);
  if (head == kNoChunk || ChunkAt(head).count == kChunkEvents) {
    head = NewChunk(head);
    ring_[slot] = head;
  }
  Chunk& chunk = ChunkAt(head);
  chunk.events[chunk.count++] = event;
  ++ring_size_;
}

void BucketQueue::LoadSlot(std::uint64_t slot) {
  assert(current_.empty());
  for (std::uint32_t id = ring_[slot]; id != kNoChunk;) {
    const Chunk& chunk = ChunkAt(id);
    current_.insert(current_.end(), chunk.events, chunk.events + chunk.count);
    const std::uint32_t next = chunk.next;
    FreeChunk(id);
    id = next;
  }
  ring_[slot] = kNoChunk;
  SetOccupied(slot, false);
  ring_size_ -= current_.size();
  std::make_heap(current_.begin(), current_.end(), RunsAfter);
}

// The removed event's place takes the last event of the head chunk (the one partly full).
bool BucketQueue::RemoveFromSlot(std::uint64_t slot, std::uint64_t ts, const void* payload) {
  for (std::uint32_t id = ring_[slot]; id != kNoChunk; id = ChunkAt(id).next) {
    Chunk& chunk = ChunkAt(id);
    for (std::uint32_t i = 0; i < chunk.count; ++i) {
      if (chunk.events[i].ts != ts || chunk.events[i].payload != payload) continue;
      Chunk& head = ChunkAt(ring_[slot]);
      chunk.events[i] = head.events[--head.count];
      if (head.count == 0) {
        const std::uint32_t emptied = ring_[slot];
        ring_[slot] = head.next;
        FreeChunk(emptied);
        if (ring_[slot] == kNoChunk) SetOccupied(slot, false);
      }
      --ring_size_;
      return true;
    }
  }
  return false;
}

void BucketQueue::SetOccupied(std::uint64_t slot, bool occupied) {
  const std::uint64_t bit = std::uint64_t{1} << (slot & 63);
  if (occupied) {
    occupied_[slot >> 6] |= bit;
  } else {
    occupied_[slot >> 6] &= ~bit;
  }
}

std::uint32_t BucketQueue::NewChunk(std::uint32_t next) {
  if (free_chunk_ == kNoChunk) {
    const std::uint32_t per_block = 1u << kChunksPerBlockLog2;
    const auto first = static_cast<std::uint32_t>(blocks_.size() << kChunksPerBlockLog2);
    blocks_.push_back(std::make_unique<Chunk[]>(per_block));
    for (std::uint32_t i = per_block; i-- > 0;) FreeChunk(first + i);
  }
  const std::uint32_t id = free_chunk_;
  Chunk& chunk = ChunkAt(id);
  free_chunk_ = chunk.next;
  chunk.count = 0;
  chunk.next = next;
  return id;
}

void BucketQueue::FreeChunk(std::uint32_t chunk) {
  ChunkAt(chunk).next = free_chunk_;
  free_chunk_ = chunk;
}

}  // namespace cdnmesh
