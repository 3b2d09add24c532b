// GET /metrics: the services' counters and gauges in the Prometheus text format (0.0.4), every
// name prefixed cdnmesh_services_ and carrying its unit (_total, _bytes).
#pragma once

#include <cstdint>
#include <string>

#include "services/dispatch.h"

namespace cdnmesh::services {

/// What the socket host counts (the dispatch and core objects count the rest).
struct HostCounters {
  std::uint64_t http_requests = 0;         ///< HTTP requests read (upgrades included)
  std::uint64_t http_refused = 0;          ///< answered 4xx/5xx (bad request, size, route)
  std::uint64_t connections_accepted = 0;  ///< TCP connections accepted
  std::uint64_t connections_open = 0;      ///< TCP connections open now
  std::uint64_t tracker_open = 0;          ///< tracker WebSockets open now
  std::uint64_t signaling_open = 0;        ///< signaling WebSockets open now
  std::uint64_t ws_messages_in = 0;        ///< WebSocket messages received
  std::uint64_t ws_messages_out = 0;       ///< WebSocket messages sent
  std::uint64_t bytes_in = 0;              ///< HTTP bodies and WebSocket payloads received
  std::uint64_t bytes_out = 0;             ///< HTTP bodies and WebSocket payloads sent
  std::uint64_t rate_limited = 0;          ///< messages answered kOverloaded by a rate limit
  std::uint64_t closed_for_abuse = 0;      ///< connections closed (flood, slow reader, garbage)
  std::uint64_t idle_closed = 0;           ///< connections closed by a timeout
};

/// The metrics page.
std::string RenderMetrics(const ServiceDispatch& dispatch, const HostCounters& host);

}  // namespace cdnmesh::services
