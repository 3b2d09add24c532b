#include "core/config/client_config.h"

#include <string>

namespace cdnmesh {
namespace {

Status Prefixed(const char* prefix, const Status& status) {
  if (status.ok()) return status;
  return Error{std::string(prefix) + status.message()};
}

}  // namespace

Status ValidateClientConfig(const ClientConfig& c) {
  Status status = Prefixed("scheduler.", ValidateSchedulerConfig(c.scheduler));
  if (status.ok()) status = Prefixed("player.", ValidatePlayerConfig(c.player));
  if (status.ok()) status = Prefixed("throughput_abr.", ValidateThroughputAbrConfig(c.throughput_abr));
  if (status.ok()) status = Prefixed("buffer_abr.", ValidateBufferAbrConfig(c.buffer_abr));
  if (!status.ok()) return status;
  if (static_cast<int>(c.abr) >= kAbrKindCount) return Error{"abr: unknown policy"};
  if (c.max_connections < 0) return Error{"max_connections: must be >= 0"};
  if (c.connect_timeout_us <= 0) return Error{"connect_timeout_us: must be > 0"};
  if (c.playlist_reload_interval_us <= 0) return Error{"playlist_reload_interval_us: must be > 0"};
  return {};
}

}  // namespace cdnmesh
