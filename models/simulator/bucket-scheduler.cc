#include "models/simulator/bucket-scheduler.h"

#include <ns3/event-impl.h>

namespace cdnmesh {
namespace {

QueuedEvent ToQueued(const ns3::Scheduler::Event& event) {
  return QueuedEvent{event.key.m_ts, event.key.m_uid, event.key.m_context, event.impl};
}

ns3::Scheduler::Event ToEvent(const QueuedEvent& queued) {
  ns3::Scheduler::Event event;
  event.impl = static_cast<ns3::EventImpl*>(queued.payload);
  event.key.m_ts = queued.ts;
  event.key.m_uid = queued.uid;
  event.key.m_context = queued.context;
  return event;
}

}  // namespace

ns3::TypeId BucketScheduler::GetTypeId() {
  static const ns3::TypeId tid = ns3::TypeId("cdnmesh::BucketScheduler")
                                     .SetParent<ns3::Scheduler>()
                                     .SetGroupName("cdnmesh")
                                     .AddConstructor<BucketScheduler>();
  return tid;
}

void BucketScheduler::Insert(const Event& event) { queue_.Insert(ToQueued(event)); }

ns3::Scheduler::Event BucketScheduler::PeekNext() const { return ToEvent(queue_.Peek()); }

ns3::Scheduler::Event BucketScheduler::RemoveNext() { return ToEvent(queue_.PopNext()); }

void BucketScheduler::Remove(const Event& event) {
  queue_.Remove(event.key.m_ts, event.key.m_uid);
}

}  // namespace cdnmesh
