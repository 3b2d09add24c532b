// A client's counters as one flat JS object (scheduler delivery, QoS, mesh), for hosts' stats.
#pragma once

#include <emscripten/val.h>

#include "core/client/client.h"

namespace cdnmesh::wasm {

/// {cdnBytes, p2pBytes, uploadedBytes, ..., stallCount, stallTimeUs, startupDelayUs,
/// playerState, connectionsOpen, peersBanned, ...}; names are the C++ fields in camelCase.
emscripten::val StatsToJs(const Client& client);

}  // namespace cdnmesh::wasm
