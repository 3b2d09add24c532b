// The network a scenario runs on, at its fidelity: the flow model (with its TCP correction when
// transport.slow_start is on) or the packet level. One place for the world and the flow-model fit.
#pragma once

#include <memory>

#include "models/network/transport.h"
#include "sim/config/scenario-config.h"

namespace cdnmesh {

/// The transport `config` asks for (network.fidelity, transport.*, network.packet.*).
std::unique_ptr<Transport> MakeTransport(const ScenarioConfig& config);

}  // namespace cdnmesh
