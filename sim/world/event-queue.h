// The ns-3 event scheduler a run uses. Every one of them runs events in the same order (time
// stamp, then the order they were scheduled in), so results never depend on the choice; speed
// and memory do (README "Scale benchmark" compares them).
#pragma once

#include <optional>
#include <string>

#include "sim/config/enum-names.h"

namespace cdnmesh {

enum class EventQueueKind {
  kBucket,         ///< cdnmesh's bucketed calendar (models/simulator/bucket-queue.h); default
  kPriorityQueue,  ///< ns-3's PriorityQueueScheduler (a binary heap, std::priority_queue)
  kHeap,           ///< ns-3's HeapScheduler (its own binary heap)
  kMap,            ///< ns-3's MapScheduler (std::map)
  kCalendar,       ///< ns-3's CalendarScheduler (Brown's calendar queue)
};

/// bucket, priority-queue, heap, map, calendar.
const NameTable<EventQueueKind>& EventQueueNames();
/// The kind named `name`, or nullopt.
std::optional<EventQueueKind> ParseEventQueue(const std::string& name);
/// Makes `kind` the scheduler of ns-3's simulator (before a run schedules anything).
void UseEventQueue(EventQueueKind kind);

}  // namespace cdnmesh
