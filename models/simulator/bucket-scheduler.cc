#include "models/simulator/bucket-scheduler.h"

#include <ns3/event-impl.h>

namespace cdnmesh {
namespace {

ns3::Scheduler::Event ToEvent(const QueuedEvent& queued) {
  ns3::Scheduler::Event event;
  event.impl = static_cast<ns3::EventImpl*>(queued.payload);
  event.key.m_ts = queued.ts;
  event.key.m_uid = static_cast<std::uint32_t>(queued.uid);
  event.key.m_context = queued.context;
  return event;
}

BucketScheduler* active_scheduler = nullptr;  // one simulation runs at a time

}  // namespace

BucketScheduler::BucketScheduler() { active_scheduler = this; }

BucketScheduler::~BucketScheduler() {
  if (active_scheduler == this) active_scheduler = nullptr;
}

BucketScheduler* BucketScheduler::Active() { return active_scheduler; }

EventPlace BucketScheduler::TakePlace() {
  return EventPlace{last_inserted_uid_, ++places_since_insert_};
}

void BucketScheduler::OrderNextAt(EventPlace place) {
  next_place_ = place;
  next_has_place_ = true;
}

ns3::TypeId BucketScheduler::GetTypeId() {
  static const ns3::TypeId tid = ns3::TypeId("cdnmesh::BucketScheduler")
                                     .SetParent<ns3::Scheduler>()
                                     .SetGroupName("cdnmesh")
                                     .AddConstructor<BucketScheduler>();
  return tid;
}

std::uint64_t BucketScheduler::ExtendUid(std::uint32_t uid) {
  // Uids arrive in increasing order modulo 2^32: a step back by more than half the range is a
  // wrap (a smaller one cannot happen, but would not be taken for one).
  if (uid < last_uid_ && last_uid_ - uid > 0x80000000u) wrapped_uids_ += std::uint64_t{1} << 32;
  last_uid_ = uid;
  return wrapped_uids_ | uid;
}

void BucketScheduler::Insert(const Event& event) {
  const std::uint64_t uid = ExtendUid(event.key.m_uid);
  QueuedEvent queued{event.key.m_ts, uid, event.key.m_context, 0, event.impl};
  if (next_has_place_) {
    queued.uid = next_place_.uid;
    queued.sub = next_place_.sub;
    next_has_place_ = false;
  }
  last_inserted_uid_ = uid;
  places_since_insert_ = 0;
  queue_.Insert(queued);
}

ns3::Scheduler::Event BucketScheduler::PeekNext() const { return ToEvent(queue_.Peek()); }

ns3::Scheduler::Event BucketScheduler::RemoveNext() { return ToEvent(queue_.PopNext()); }

void BucketScheduler::Remove(const Event& event) {
  queue_.Remove(event.key.m_ts, event.impl);  // an event's impl is unique among queued ones
}

}  // namespace cdnmesh
