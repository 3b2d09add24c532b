#include "sim/world/event-queue.h"

#include <ns3/calendar-scheduler.h>
#include <ns3/heap-scheduler.h>
#include <ns3/map-scheduler.h>
#include <ns3/object-factory.h>
#include <ns3/priority-queue-scheduler.h>
#include <ns3/simulator.h>

#include "models/simulator/bucket-scheduler.h"

namespace cdnmesh {

const NameTable<EventQueueKind>& EventQueueNames() {
  static const NameTable<EventQueueKind> names = {{"bucket", EventQueueKind::kBucket},
                                                  {"priority-queue", EventQueueKind::kPriorityQueue},
                                                  {"heap", EventQueueKind::kHeap},
                                                  {"map", EventQueueKind::kMap},
                                                  {"calendar", EventQueueKind::kCalendar}};
  return names;
}

std::optional<EventQueueKind> ParseEventQueue(const std::string& name) {
  for (const auto& [text, kind] : EventQueueNames()) {
    if (text == name) return kind;
  }
  return std::nullopt;
}

namespace {

ns3::TypeId SchedulerTypeId(EventQueueKind kind) {
  switch (kind) {
    case EventQueueKind::kPriorityQueue: return ns3::PriorityQueueScheduler::GetTypeId();
    case EventQueueKind::kHeap: return ns3::HeapScheduler::GetTypeId();
    case EventQueueKind::kMap: return ns3::MapScheduler::GetTypeId();
    case EventQueueKind::kCalendar: return ns3::CalendarScheduler::GetTypeId();
    case EventQueueKind::kBucket: break;
  }
  return BucketScheduler::GetTypeId();
}

}  // namespace

void UseEventQueue(EventQueueKind kind) {
  ns3::ObjectFactory factory;
  factory.SetTypeId(SchedulerTypeId(kind));
  ns3::Simulator::SetScheduler(factory);
}

}  // namespace cdnmesh
