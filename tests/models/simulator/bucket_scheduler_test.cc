// BucketScheduler inside ns-3's simulator: a cascade of events that schedule others (now, soon,
// far ahead, on tied time stamps), with cancellations and removals, runs in exactly the order
// ns-3's own PriorityQueueScheduler gives it.
#include "models/simulator/bucket-scheduler.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <random>
#include <vector>

#include <ns3/event-id.h>
#include <ns3/nstime.h>
#include <ns3/object-factory.h>
#include <ns3/ptr.h>
#include <ns3/simulator.h>

namespace cdnmesh {
namespace {

struct Fired {
  std::int64_t time_ns;
  int id;
  bool operator==(const Fired& o) const { return time_ns == o.time_ns && id == o.id; }
};

class Cascade {
 public:
  explicit Cascade(std::uint32_t seed) : rng_(seed) {}
  void Start() {
    for (int i = 0; i < 50; ++i) Spawn();
  }
  std::vector<Fired> fired;

 private:
  void Spawn() {
    if (next_id_ >= 20'000) return;
    const int id = next_id_++;
    std::int64_t delay_ns = 0;
    switch (rng_() % 6) {
      case 0: delay_ns = 0; break;                                    // ScheduleNow-like
      case 1: delay_ns = static_cast<std::int64_t>(rng_() % 1000); break;
      case 2: delay_ns = static_cast<std::int64_t>(rng_() % 50'000'000); break;    // 50 ms
      case 3: delay_ns = static_cast<std::int64_t>(rng_() % 30'000'000'000); break;  // 30 s
      default: delay_ns = static_cast<std::int64_t>(rng_() % 3) * 1'000'000; break;  // ties
    }
    const ns3::EventId event =
        ns3::Simulator::Schedule(ns3::NanoSeconds(delay_ns), &Cascade::Fire, this, id);
    const std::uint64_t fate = rng_() % 10;
    if (fate == 0) {
      ns3::Simulator::Cancel(event);
    } else if (fate == 1) {
      ns3::Simulator::Remove(event);
    }
  }
  void Fire(int id) {
    fired.push_back({ns3::Simulator::Now().GetNanoSeconds(), id});
    const int children = static_cast<int>(rng_() % 4);  // 1.5 on average: the cascade grows
    for (int i = 0; i < children; ++i) Spawn();
  }
  std::mt19937 rng_;
  int next_id_ = 0;
};

std::vector<Fired> RunCascade(const ns3::TypeId& scheduler, std::uint32_t seed) {
  ns3::ObjectFactory factory;
  factory.SetTypeId(scheduler);
  ns3::Simulator::SetScheduler(factory);
  Cascade cascade(seed);
  cascade.Start();
  ns3::Simulator::Run();
  ns3::Simulator::Destroy();
  return cascade.fired;
}

TEST(BucketSchedulerTest, RunsEventsInTheOrderOfNs3sPriorityQueue) {
  for (std::uint32_t seed = 1; seed <= 3; ++seed) {
    const std::vector<Fired> want =
        RunCascade(ns3::TypeId::LookupByName("ns3::PriorityQueueScheduler"), seed);
    const std::vector<Fired> got = RunCascade(BucketScheduler::GetTypeId(), seed);
    ASSERT_GT(want.size(), 1000u);
    ASSERT_EQ(got.size(), want.size()) << "seed " << seed;
    for (std::size_t i = 0; i < want.size(); ++i) {
      ASSERT_EQ(got[i], want[i]) << "seed " << seed << ", event " << i;
    }
  }
}

TEST(BucketSchedulerTest, StopAndResumeKeepThePendingEvents) {
  ns3::ObjectFactory factory;
  factory.SetTypeId(BucketScheduler::GetTypeId());
  ns3::Simulator::SetScheduler(factory);
  int runs = 0;
  ns3::Simulator::Schedule(ns3::Seconds(20), [&runs] { ++runs; });
  ns3::Simulator::Schedule(ns3::MilliSeconds(3), [&runs] { ++runs; });
  EXPECT_FALSE(ns3::Simulator::IsFinished());
  EXPECT_EQ(ns3::Simulator::GetDelayLeft(ns3::Simulator::Schedule(ns3::Seconds(1), [] {})),
            ns3::Seconds(1));
  ns3::Simulator::Stop(ns3::Seconds(10));
  ns3::Simulator::Run();
  EXPECT_EQ(runs, 1);  // the 20 s event is still pending
  EXPECT_EQ(ns3::Simulator::Now(), ns3::Seconds(10));
  ns3::Simulator::Run();
  EXPECT_EQ(runs, 2);
  EXPECT_TRUE(ns3::Simulator::IsFinished());
  ns3::Simulator::Destroy();
}

ns3::Scheduler::Event QueuedAt(std::uint64_t ts_ns, std::uint32_t uid, std::uintptr_t impl) {
  ns3::Scheduler::Event event;
  event.impl = reinterpret_cast<ns3::EventImpl*>(impl * 8);  // never run, only compared
  event.key.m_ts = ts_ns;
  event.key.m_uid = uid;
  event.key.m_context = 0;
  return event;
}

// ns-3.37's 32-bit uid wraps after 2^32 schedules: events of one time stamp must still leave in
// scheduling order across the wrap, where comparing the 32-bit uids puts those after it first.
TEST(BucketSchedulerTest, TiesRunInSchedulingOrderAcrossAUidWrap) {
  const ns3::Ptr<BucketScheduler> scheduler = ns3::CreateObject<BucketScheduler>();
  const std::vector<std::uint32_t> uids = {0xFFFFFFFDu, 0xFFFFFFFEu, 0xFFFFFFFFu, 0u, 1u, 2u};
  for (std::size_t i = 0; i < uids.size(); ++i) scheduler->Insert(QueuedAt(1000, uids[i], i + 1));
  scheduler->Insert(QueuedAt(999, 3u, 7));  // an earlier time stamp still runs first
  scheduler->Remove(QueuedAt(1000, 1u, 5));  // found by its impl after the wrap
  const std::vector<std::uintptr_t> want_impls = {7, 1, 2, 3, 4, 6};
  for (const std::uintptr_t impl : want_impls) {
    ASSERT_FALSE(scheduler->IsEmpty());
    const ns3::Scheduler::Event next = scheduler->RemoveNext();
    EXPECT_EQ(next.impl, reinterpret_cast<ns3::EventImpl*>(impl * 8)) << "impl " << impl;
  }
  EXPECT_TRUE(scheduler->IsEmpty());
}

}  // namespace
}  // namespace cdnmesh
