// The simulator's name for a viewer's client configuration (core's ClientConfig).
#pragma once

#include "core/config/client_config.h"

namespace cdnmesh {

/// A viewer's client configuration; the distributor may hand viewers different ones.
using PeerConfig = ClientConfig;

}  // namespace cdnmesh
