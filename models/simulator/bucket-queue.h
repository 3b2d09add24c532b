// The pending events of a discrete-event run, in exactly the order of a heap on (time stamp,
// uid); inserting or popping a near-future event costs the same however many are pending.
//
// Time is cut into buckets of 2^width_log2 time steps. The events of the current bucket (and of
// any earlier one, when an event is inserted behind the bucket last loaded) sit in a small heap;
// those of the next 2^bucket_count_log2 buckets are appended, unsorted, to that bucket's chain
// of fixed-size chunks and only heapified when their bucket comes up; later ones wait in an
// overflow heap and move into the ring as it advances. Near-future events (the bulk of a run: message latencies,
// transfer completions, timers) therefore touch a few cache lines each, where one heap over
// millions of pending events costs a cache miss per level. Pure C++ (no ns-3):
// bucket-scheduler.h adapts it to ns-3's Scheduler.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

namespace cdnmesh {

/// One pending event: when, its place in scheduling order (ties of `ts` run in (uid, sub)
/// order), and what the owner of the queue stores with it.
struct QueuedEvent {
  std::uint64_t ts = 0;   ///< time stamp in the simulator's time steps
  std::uint64_t uid = 0;  ///< scheduling order; 64 bits, so it never wraps within a run
  std::uint32_t context = 0;
  /// 0 for an event in its own place; k > 0 for one placed where an event scheduled right after
  /// `uid` would have been, the k-th such place taken (BucketScheduler::TakePlace).
  std::uint32_t sub = 0;
  void* payload = nullptr;  ///< unique to its event among the queued ones
};

/// True when `a` runs before `b`: earlier time stamp, or the same one and an earlier place.
inline bool RunsBefore(const QueuedEvent& a, const QueuedEvent& b) {
  return a.ts < b.ts || (a.ts == b.ts && (a.uid < b.uid || (a.uid == b.uid && a.sub < b.sub)));
}

/// A bucketed calendar of events (see the top of this file).
class BucketQueue {
 public:
  /// 2^20 ns = 1.05 ms per bucket ...
  static constexpr int kDefaultWidthLog2 = 20;
  /// ... and 8 192 buckets: events up to ~8.6 s ahead skip the overflow heap.
  static constexpr int kDefaultBucketCountLog2 = 13;

  /// `width_log2` in [0, 40]; `bucket_count_log2` in [6, 24] (at least one 64-bit word of
  /// occupancy bits). Out-of-range values are clamped.
  explicit BucketQueue(int width_log2 = kDefaultWidthLog2,
                       int bucket_count_log2 = kDefaultBucketCountLog2);

  void Insert(const QueuedEvent& event);
  bool empty() const { return size_ == 0; }
  std::size_t size() const { return size_; }
  /// The event that runs next; the queue must not be empty. May load the next bucket.
  const QueuedEvent& Peek();
  /// Removes and returns the event that runs next; the queue must not be empty.
  QueuedEvent PopNext();
  /// Removes the event with this time stamp and payload; false if it is not queued. Linear in
  /// the events of its bucket (or of the overflow heap).
  bool Remove(std::uint64_t ts, const void* payload);

 private:
  /// Ring events live in fixed-size chunks from a pool the queue owns: no allocation per event
  /// and none of the fragmentation thousands of growing vectors cause. A slot is a chain of
  /// chunks, its head chunk the only one partly full.
  static constexpr std::uint32_t kChunkEvents = 32;
  static constexpr std::uint32_t kNoChunk = 0xFFFFFFFFu;
  static constexpr int kChunksPerBlockLog2 = 10;  ///< the pool grows 1 024 chunks (~1 MB) at a time
  struct Chunk {
    QueuedEvent events[kChunkEvents];
    std::uint32_t count = 0;
    std::uint32_t next = kNoChunk;
  };

  std::uint64_t BucketOf(std::uint64_t ts) const { return ts >> width_log2_; }
  std::uint64_t RingEnd() const { return current_bucket_ + mask_ + 1; }
  /// Files `event` by its bucket: the current heap, a ring slot or the overflow heap.
  void Place(const QueuedEvent& event);
  /// With the current heap empty and events queued: moves to the next bucket holding any and
  /// loads it, then pulls the overflow events the advanced ring now covers.
  void Advance();
  /// The first bucket after the current one whose ring slot is occupied (the ring is not empty).
  std::uint64_t NextOccupiedBucket() const;
  void PushToSlot(std::uint64_t slot, const QueuedEvent& event);
  /// Moves every event of `slot` into the (empty) current heap.
  void LoadSlot(std::uint64_t slot);
  bool RemoveFromSlot(std::uint64_t slot, std::uint64_t ts, const void* payload);
  void SetOccupied(std::uint64_t slot, bool occupied);
  Chunk& ChunkAt(std::uint32_t chunk) {
    return blocks_[chunk >> kChunksPerBlockLog2][chunk & ((1u << kChunksPerBlockLog2) - 1)];
  }
  std::uint32_t NewChunk(std::uint32_t next);
  void FreeChunk(std::uint32_t chunk);

  int width_log2_;
  std::uint64_t mask_;                 ///< bucket count - 1
  std::uint64_t current_bucket_ = 0;   ///< the bucket last loaded into current_
  std::vector<QueuedEvent> current_;   ///< heap of the events of buckets <= current_bucket_
  /// Bucket b in (current_bucket_, RingEnd()] is the chunk chain at ring_[b & mask_], unsorted.
  std::vector<std::uint32_t> ring_;
  std::vector<std::uint64_t> occupied_;  ///< one bit per ring slot: holds events
  std::size_t ring_size_ = 0;            ///< events in the ring
  std::vector<std::unique_ptr<Chunk[]>> blocks_;  ///< the chunk pool
  std::uint32_t free_chunk_ = kNoChunk;           ///< free chunks, linked through Chunk::next
  std::vector<QueuedEvent> overflow_;    ///< heap of the events past RingEnd()
  std::size_t size_ = 0;
};

}  // namespace cdnmesh
