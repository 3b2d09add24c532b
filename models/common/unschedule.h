#pragma once

#include <ns3/simulator.h>

namespace cdnmesh {

/// Takes a pending event out of ns-3's queue. Cancel() would only mark it: the dead entry then
/// stays queued until its time, and a timer re-armed at every re-rate (a flow's completion on a
/// contended link, a viewer's wake-up) fills the queue with millions of them. Removing instead
/// keeps the queue at the live events; the events that run, and their order, are the same.
inline void Unschedule(ns3::EventId& event) {
  if (!event.IsExpired()) ns3::Simulator::Remove(event);
  event = ns3::EventId();
}

}  // namespace cdnmesh
