#include "sim/world/event-queue.h"

#include <ns3/object-factory.h>
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

void UseEventQueue(EventQueueKind kind) {
  ns3::ObjectFactory factory;
  switch (kind) {
    case EventQueueKind::kBucket:
      factory.SetTypeId(BucketScheduler::GetTypeId());
      break;
    case EventQueueKind::kPriorityQueue:
      factory.SetTypeId("ns3::PriorityQueueScheduler");
      break;
    case EventQueueKind::kHeap:
      factory.SetTypeId("ns3::HeapScheduler");
      break;
    case EventQueueKind::kMap:
      factory.SetTypeId("ns3::MapScheduler");
      break;
    case EventQueueKind::kCalendar:
      factory.SetTypeId("ns3::CalendarScheduler");
      break;
  }
  ns3::Simulator::SetScheduler(factory);
}

}  // namespace cdnmesh
