// What every connection of the server shares: the dispatch, the settings, the counters and the
// registry of live connections (for relaying to a peer's signaling socket and for shutdown).
// Everything runs on the one io_context thread, so nothing here is locked.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <unordered_map>
#include <vector>

#include "core/common/time.h"
#include "services/dispatch.h"
#include "services/metrics.h"
#include "services/options.h"

namespace cdnmesh::services {

class WsSession;

/// A connection the server can ask to close (graceful shutdown).
class Closable {
 public:
  virtual ~Closable() = default;
  /// Stops reading, closes the socket (a WebSocket with "going away").
  virtual void Shutdown() = 0;
};

/// Shared state of one server. Owned by Server; sessions hold a reference.
struct ServerContext {
  ServerOptions options;
  std::vector<std::uint8_t> publisher_key;  ///< for the dev-token endpoint
  std::unique_ptr<ServiceDispatch> dispatch;
  HostCounters counters;
  bool stopping = false;
  std::uint64_t next_connection = 1;
  std::unordered_map<std::uint64_t, std::weak_ptr<Closable>> live;  ///< by connection serial
  std::unordered_map<PeerId, std::weak_ptr<WsSession>> signaling;   ///< open signaling sockets
  std::function<void()> on_idle;  ///< called when `live` empties while stopping
};

/// Wall-clock now in unix microseconds: publisher tokens expire in unix seconds.
TimeUs UnixNowUs();

/// Registers a live connection; returns its serial.
std::uint64_t RegisterConnection(ServerContext& ctx, std::weak_ptr<Closable> connection);
/// Forgets a connection (from its destructor).
void UnregisterConnection(ServerContext& ctx, std::uint64_t serial);

}  // namespace cdnmesh::services
