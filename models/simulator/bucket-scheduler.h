// ns-3's Scheduler interface over a BucketQueue: runs events in exactly the order of ns-3's own
// schedulers (time stamp, then uid), at a cost per event that stays flat as the number of pending
// events grows (bucket-queue.h). Selected with ObjectFactory::SetTypeId(GetTypeId()).
#pragma once

#include <ns3/scheduler.h>

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
  mutable BucketQueue queue_;  // PeekNext may load the next bucket: no change anyone can see
};

}  // namespace cdnmesh
