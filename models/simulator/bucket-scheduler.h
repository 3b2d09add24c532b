// ns-3's Scheduler interface over a BucketQueue: runs events in exactly the order of ns-3's own
// schedulers (time stamp, then uid), at a cost per event that stays flat as the number of pending
// events grows (bucket-queue.h). Selected with ObjectFactory::SetTypeId(GetTypeId()).
//
// ns-3.37 numbers events with a 32-bit uid, which wraps after 2^32 schedules (a million viewers
// for ten minutes schedule about twice that). The uid only orders events of one time stamp, in
// scheduling order; this scheduler extends it to 64 bits as events arrive (every insertion comes
// with the next uid), so ties run in scheduling order across a wrap too, where ns-3's own
// schedulers would run the events scheduled after it first.
#pragma once

#include <ns3/scheduler.h>

#include <cstdint>

#include "models/simulator/bucket-queue.h"

namespace cdnmesh {

class BucketScheduler : public ns3::Scheduler {
 public:
  static ns3::TypeId GetTypeId();

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
  mutable BucketQueue queue_;  // PeekNext may load the next bucket: no change anyone can see
};

}  // namespace cdnmesh
