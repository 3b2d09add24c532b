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

// Runs `harness` on `scheduler` until no event is left: its Start() schedules the first ones.
template <typename Harness>
void RunToEnd(const ns3::TypeId& scheduler, Harness& harness) {
  ns3::ObjectFactory factory;
  factory.SetTypeId(scheduler);
  ns3::Simulator::SetScheduler(factory);
  harness.Start();
  ns3::Simulator::Run();
  ns3::Simulator::Destroy();
}

std::vector<Fired> RunCascade(const ns3::TypeId& scheduler, std::uint32_t seed) {
  Cascade cascade(seed);
  RunToEnd(scheduler, cascade);
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

// Timers moved many times, on a grid of microseconds so that many fire together with each other
// and with plain events. The eager way cancels and re-schedules at every move; the kept way
// (bucket scheduler only) keeps a pending timer that fires no later than wanted, takes the place
// re-scheduling would have given, and re-arms there when the kept one fires early. Both must run
// the same handlers in the same order, including plain events cancelled by a timer that fires in
// a taken place (ns-3 must still see them as pending).
class MovingTimers {
 public:
  MovingTimers(bool keep_pending, std::uint32_t seed) : keep_pending_(keep_pending), rng_(seed) {}
  void Start() {
    for (int i = 0; i < 30; ++i) ScheduleStir();
  }
  std::vector<Fired> fired;
  int early_fires = 0;

 private:
  static constexpr int kTimers = 40;
  static constexpr std::int64_t kNeverNs = -1;
  struct Timer {
    std::int64_t due_ns = kNeverNs;
    std::int64_t check_ns = kNeverNs;  ///< the pending event's time, kNeverNs if none
    ns3::EventId event;
    EventPlace place;
  };

  static std::int64_t NowNs() { return ns3::Simulator::Now().GetNanoSeconds(); }
  std::int64_t GridDelayNs(int steps) { return static_cast<std::int64_t>(rng_() % steps) * 1000; }

  void ScheduleStir() {
    if (stirs_ >= 3000) return;
    ++stirs_;
    ns3::Simulator::Schedule(ns3::NanoSeconds(GridDelayNs(60)), &MovingTimers::Stir, this);
  }
  void Stir() {
    fired.push_back({NowNs(), -1});
    const int moves = 1 + static_cast<int>(rng_() % 6);
    for (int m = 0; m < moves; ++m) {
      const int i = static_cast<int>(rng_() % kTimers);
      Move(i, rng_() % 10 == 0 ? kNeverNs : NowNs() + GridDelayNs(40));
    }
    if (rng_() % 3 != 0) {
      noise_.push_back(ns3::Simulator::Schedule(ns3::NanoSeconds(GridDelayNs(30)),
                                                &MovingTimers::Noise, this,
                                                static_cast<int>(noise_.size())));
    }
    ScheduleStir();
    if (rng_() % 2 == 0) ScheduleStir();
  }
  void Move(int i, std::int64_t due_ns) {
    Timer& t = timers_[i];
    t.due_ns = due_ns;
    BucketScheduler* queue = keep_pending_ ? BucketScheduler::Active() : nullptr;
    if (queue != nullptr) {
      t.place = queue->TakePlace();
      const bool fires_first =
          t.check_ns != kNeverNs && (due_ns == kNeverNs || t.check_ns < due_ns);
      if (fires_first) return;
    }
    Arm(i, queue);
  }
  void Arm(int i, BucketScheduler* queue) {
    Timer& t = timers_[i];
    if (t.check_ns != kNeverNs) t.event.Cancel();
    t.check_ns = t.due_ns;
    if (t.due_ns == kNeverNs) return;
    if (queue != nullptr) queue->OrderNextAt(t.place);
    t.event = ns3::Simulator::Schedule(ns3::NanoSeconds(t.due_ns - NowNs()), &MovingTimers::Fire,
                                       this, i);
  }
  void Fire(int i) {
    Timer& t = timers_[i];
    t.check_ns = kNeverNs;
    if (t.due_ns != NowNs()) {  // kept, and fired before the time it was moved to
      ++early_fires;
      Arm(i, BucketScheduler::Active());
      return;
    }
    t.due_ns = kNeverNs;
    fired.push_back({NowNs(), i});
    // Cancel a plain event: one of this very time stamp, queued after this timer, must still be
    // cancellable (and so not run) when the timer ran in a taken place.
    if (!noise_.empty()) noise_[rng_() % noise_.size()].Cancel();
  }
  void Noise(int n) { fired.push_back({NowNs(), 1000 + n}); }

  bool keep_pending_;
  std::mt19937 rng_;
  int stirs_ = 0;
  Timer timers_[kTimers];
  std::vector<ns3::EventId> noise_;
};

std::vector<Fired> RunMovingTimers(const ns3::TypeId& scheduler, bool keep_pending,
                                   std::uint32_t seed, int* early_fires) {
  MovingTimers timers(keep_pending, seed);
  RunToEnd(scheduler, timers);
  *early_fires = timers.early_fires;
  return timers.fired;
}

TEST(BucketSchedulerTest, TimersKeptInTakenPlacesRunAsIfReScheduled) {
  for (std::uint32_t seed = 1; seed <= 3; ++seed) {
    int eager_early = 0;
    int kept_early = 0;
    const std::vector<Fired> want = RunMovingTimers(
        ns3::TypeId::LookupByName("ns3::PriorityQueueScheduler"), false, seed, &eager_early);
    const std::vector<Fired> got =
        RunMovingTimers(BucketScheduler::GetTypeId(), true, seed, &kept_early);
    EXPECT_EQ(eager_early, 0);
    ASSERT_GT(kept_early, 100) << "seed " << seed << ": the kept path was hardly taken";
    ASSERT_GT(want.size(), 3000u);
    ASSERT_EQ(got.size(), want.size()) << "seed " << seed;
    for (std::size_t i = 0; i < want.size(); ++i) {
      ASSERT_EQ(got[i], want[i]) << "seed " << seed << ", handler " << i;
    }
  }
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
