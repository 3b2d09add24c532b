// ns-3's Scheduler interface over a BucketQueue: runs events in exactly the order of ns-3's own
// schedulers (time stamp, then uid), at a cost per event that stays flat as the number of pending
// events grows (bucket-queue.h). Selected with ObjectFactory::SetTypeId(GetTypeId()).
//
// ns-3.37 numbers events with a 32-bit uid, which wraps after 2^32 schedules (a million viewers
// for ten minutes schedule about twice that). The uid only orders events of one time stamp, in
// scheduling order; this scheduler extends it to 64 bits as events arrive (every insertion comes
// with the next uid), so ties run in scheduling order across a wrap too, where ns-3's own
// schedulers would run the events scheduled after it first.
//
// Places. A model that would cancel a timer and schedule it anew at every change can instead
// take the place the new event would have had (TakePlace), keep the pending event while it
// fires no later than wanted, and when that one fires early schedule the real one in the place
// taken (OrderNextAt). Events of one time stamp then run in the order re-scheduling would have
// given, so results stay byte-identical, without a cancelled event per change. ns-3 sees an
// event in a taken place with the uid of that place, which keeps Simulator::IsExpired right for
// every pending event; only an event in a taken place that already ran can still look pending
// until the time stamp moves on, so a model must not ask about such an event.
#pragma once

#include <ns3/scheduler.h>

#include <cstdint>

#include "models/simulator/bucket-queue.h"

namespace cdnmesh {

/// A place among the events of one time stamp: after every event scheduled before it was
/// taken, before every event scheduled after.
struct EventPlace {
  std::uint64_t uid = 0;
  std::uint32_t sub = 0;
};

class BucketScheduler : public ns3::Scheduler {
 public:
  static ns3::TypeId GetTypeId();
  BucketScheduler();
  ~BucketScheduler() override;
  /// The scheduler of the running simulation if it is a BucketScheduler, else null (places are
  /// then not available: re-schedule instead).
  static BucketScheduler* Active();

  /// The place an event scheduled now would take among the events of its time stamp.
  EventPlace TakePlace();
  /// Puts the next inserted event (the very next ns3::Simulator::Schedule) in `place`.
  void OrderNextAt(EventPlace place);

  void Insert(const Event& event) override;
  bool IsEmpty() const override { return queue_.empty(); }
  Event PeekNext() const override;
  Event RemoveNext() override;
  /// Removes a queued event (ns-3's Simulator::Remove); an event not queued is left alone.
  void Remove(const Event& event) override;

 private:
  /// `uid` extended by the wraps seen so far.
  std::uint64_t ExtendUid(std::uint32_t uid);

  std::uint32_t last_uid_ = 0;
  std::uint64_t wrapped_uids_ = 0;  ///< 2^32 per wrap
  std::uint64_t last_inserted_uid_ = 0;
  std::uint32_t places_since_insert_ = 0;
  bool next_has_place_ = false;
  EventPlace next_place_;
  mutable BucketQueue queue_;  // PeekNext may load the next bucket: no change anyone can see
};

}  // namespace cdnmesh
