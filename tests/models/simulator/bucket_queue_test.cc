// BucketQueue against a plain binary heap on (time stamp, uid): the same operations must pop
// the same events in the same order, whatever the mix of near, far and tied time stamps.
#include "models/simulator/bucket-queue.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <queue>
#include <random>
#include <unordered_set>
#include <vector>

namespace cdnmesh {
namespace {

struct RunsLater {
  bool operator()(const QueuedEvent& a, const QueuedEvent& b) const { return RunsBefore(b, a); }
};
using ReferenceHeap = std::priority_queue<QueuedEvent, std::vector<QueuedEvent>, RunsLater>;

void* Payload(std::uint64_t uid) { return reinterpret_cast<void*>(std::uintptr_t{uid} * 8); }

QueuedEvent Event(std::uint64_t ts, std::uint64_t uid) {
  return QueuedEvent{ts, uid, static_cast<std::uint32_t>(uid % 7), 0, Payload(uid)};
}

void ExpectSame(const QueuedEvent& got, const QueuedEvent& want) {
  EXPECT_EQ(got.ts, want.ts);
  EXPECT_EQ(got.uid, want.uid);
  EXPECT_EQ(got.context, want.context);
  EXPECT_EQ(got.payload, want.payload);
}

TEST(BucketQueueTest, PopsInTimeThenUidOrder) {
  BucketQueue queue(/*width_log2=*/4, /*bucket_count_log2=*/6);  // 16-step buckets, 64 of them
  queue.Insert(Event(100, 5));
  queue.Insert(Event(3, 9));
  queue.Insert(Event(100, 2));     // same time, smaller uid: runs first
  queue.Insert(Event(50'000, 1));  // past the ring: overflow
  queue.Insert(Event(17, 4));
  EXPECT_EQ(queue.size(), 5u);
  const std::vector<std::uint32_t> order = {9, 4, 2, 5, 1};
  for (const std::uint32_t uid : order) {
    ASSERT_FALSE(queue.empty());
    EXPECT_EQ(queue.Peek().uid, uid);
    EXPECT_EQ(queue.PopNext().uid, uid);
  }
  EXPECT_TRUE(queue.empty());
}

// Inserting behind the bucket last loaded (an event for "now" after Peek looked ahead) must
// still run before everything later.
TEST(BucketQueueTest, InsertBehindThePeekedBucketRunsFirst) {
  BucketQueue queue(4, 6);
  queue.Insert(Event(10, 1));
  queue.Insert(Event(900, 2));
  EXPECT_EQ(queue.PopNext().uid, 1u);
  EXPECT_EQ(queue.Peek().uid, 2u);  // loads bucket 900 / 16
  queue.Insert(Event(11, 3));       // bucket 0 < the loaded one
  queue.Insert(Event(900, 4));
  EXPECT_EQ(queue.PopNext().uid, 3u);
  EXPECT_EQ(queue.PopNext().uid, 2u);
  EXPECT_EQ(queue.PopNext().uid, 4u);
}

TEST(BucketQueueTest, RemoveTakesOutExactlyThatEvent) {
  BucketQueue queue(4, 6);
  for (std::uint32_t uid = 0; uid < 200; ++uid) queue.Insert(Event(20 + uid * 37 % 3000, uid));
  EXPECT_TRUE(queue.Remove(20 + 5 * 37 % 3000, Payload(5)));     // in the ring
  EXPECT_TRUE(queue.Remove(20 + 150 * 37 % 3000, Payload(150)));
  EXPECT_FALSE(queue.Remove(20 + 5 * 37 % 3000, Payload(5)));    // already gone
  EXPECT_FALSE(queue.Remove(20, Payload(77)));                   // no such event
  EXPECT_EQ(queue.size(), 198u);
  std::uint64_t last_ts = 0;
  std::size_t popped = 0;
  while (!queue.empty()) {
    const QueuedEvent e = queue.PopNext();
    EXPECT_NE(e.uid, 5u);
    EXPECT_NE(e.uid, 150u);
    EXPECT_GE(e.ts, last_ts);
    last_ts = e.ts;
    ++popped;
  }
  EXPECT_EQ(popped, 198u);
}

// One bucket holding several chunks' worth: removal from a full chunk behind the head one.
TEST(BucketQueueTest, CrowdedBucketKeepsEveryEventThroughRemovals) {
  BucketQueue queue(10, 6);  // 1 024-step buckets
  for (std::uint32_t uid = 0; uid < 100; ++uid) queue.Insert(Event(5000 + uid % 9, uid));
  EXPECT_TRUE(queue.Remove(5000, Payload(0)));   // the first event, in the oldest chunk
  EXPECT_TRUE(queue.Remove(5000 + 99 % 9, Payload(99)));  // the last one, in the head chunk
  EXPECT_TRUE(queue.Remove(5000 + 40 % 9, Payload(40)));
  std::vector<QueuedEvent> popped;
  while (!queue.empty()) popped.push_back(queue.PopNext());
  ASSERT_EQ(popped.size(), 97u);
  for (std::size_t i = 1; i < popped.size(); ++i) {
    EXPECT_TRUE(RunsBefore(popped[i - 1], popped[i])) << i;
  }
  for (const QueuedEvent& e : popped) {
    EXPECT_NE(e.uid, 0u);
    EXPECT_NE(e.uid, 99u);
    EXPECT_NE(e.uid, 40u);
  }
}

// A simulation-like random mix: inserts at the current time, shortly after, across the ring,
// far past it and many ties; pops interleaved; occasional removals of queued events.
void RunAgainstReference(int width_log2, int bucket_count_log2, std::uint32_t seed) {
  std::mt19937_64 rng(seed);
  BucketQueue queue(width_log2, bucket_count_log2);
  ReferenceHeap reference;
  std::vector<QueuedEvent> removable;  // inserted, maybe still queued
  std::unordered_set<std::uint64_t> removed;
  std::uint64_t now = 0;
  std::uint64_t uid = 4;
  const std::uint64_t ring_span = std::uint64_t{1} << (width_log2 + bucket_count_log2);
  auto is_removed = [&](std::uint64_t u) { return removed.count(u) > 0; };
  for (int step = 0; step < 60'000; ++step) {
    const int what = static_cast<int>(rng() % 10);
    if (what < 5 || reference.empty()) {
      std::uint64_t delay = 0;
      switch (rng() % 5) {
        case 0: delay = 0; break;
        case 1: delay = rng() % 64; break;
        case 2: delay = rng() % ring_span; break;
        case 3: delay = ring_span + rng() % (4 * ring_span); break;
        default: delay = (rng() % 4) * 16; break;  // ties on a few time stamps
      }
      const QueuedEvent e = Event(now + delay, uid++);
      queue.Insert(e);
      reference.push(e);
      if (rng() % 8 == 0) removable.push_back(e);
    } else if (what < 9) {
      while (!reference.empty() && is_removed(reference.top().uid)) reference.pop();
      if (reference.empty()) continue;
      ASSERT_FALSE(queue.empty());
      ExpectSame(queue.Peek(), reference.top());
      const QueuedEvent got = queue.PopNext();
      ExpectSame(got, reference.top());
      ASSERT_EQ(got.uid, reference.top().uid) << "step " << step;
      now = got.ts;
      reference.pop();
    } else if (!removable.empty()) {
      const QueuedEvent e = removable[rng() % removable.size()];
      const bool queued = e.ts >= now && !is_removed(e.uid);
      const bool was_removed = queue.Remove(e.ts, e.payload);
      if (was_removed) removed.insert(e.uid);
      if (!queued) {
        EXPECT_FALSE(was_removed);
      }
    }
  }
  while (!reference.empty()) {
    if (is_removed(reference.top().uid)) {
      reference.pop();
      continue;
    }
    ASSERT_FALSE(queue.empty());
    ExpectSame(queue.PopNext(), reference.top());
    reference.pop();
  }
  EXPECT_TRUE(queue.empty());
}

TEST(BucketQueueTest, MatchesABinaryHeapOnARandomMix) {
  RunAgainstReference(4, 6, 1);
  RunAgainstReference(0, 6, 2);     // one time step per bucket
  RunAgainstReference(10, 8, 3);    // wide buckets: many events per bucket
  RunAgainstReference(20, 13, 4);   // the default geometry
}

}  // namespace
}  // namespace cdnmesh
