// Counters of one client's mesh activity, for its host's records.
#pragma once

#include <cstdint>

namespace cdnmesh {

/// What a client did in the mesh.
struct ClientStats {
  std::int64_t connections_opened = 0;  ///< channels opened, as offerer or answerer
  std::int64_t connect_failures = 0;    ///< set-ups that ended without a channel
  std::int64_t offers_declined = 0;     ///< our offers the other side (or signaling) refused
  int max_connections = 0;              ///< most channels open at once
  std::int64_t peer_lists = 0;          ///< tracker answers received
  std::int64_t service_errors = 0;      ///< ServiceError messages received
  std::int64_t messages_sent = 0;       ///< protocol messages sent (services and peers)
  std::int64_t messages_received = 0;   ///< protocol messages received
  std::int64_t rejected_messages = 0;   ///< peer messages dropped (no open channel, malformed)
  std::int64_t peers_banned = 0;        ///< peers banned for bad segment bytes (OnPeerMisbehaved)
};

}  // namespace cdnmesh
