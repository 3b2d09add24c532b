// What a service object answers: messages addressed to connected clients by peer id.
#pragma once

#include <vector>

#include "core/common/types.h"
#include "core/protocol/limits.h"
#include "core/protocol/message.h"

namespace cdnmesh {

/// One message a service sends to the client connected as `to`.
struct Outgoing {
  PeerId to = kInvalidPeer;
  protocol::Message message;
};

/// The messages a service produced for one input, in order.
using OutgoingList = std::vector<Outgoing>;

}  // namespace cdnmesh
