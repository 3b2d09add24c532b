// Conversions between core's values and plain JavaScript values (embind's emscripten::val):
// bytes <-> Uint8Array, messages -> descriptive objects, client actions -> action objects.
// Integers that may exceed 32 bits (times, transfer and upload ids) cross as JS numbers
// (exact below 2^53); 64-bit session ids cross as decimal strings.
#pragma once

#include <emscripten/val.h>

#include <cstdint>
#include <string>
#include <vector>

#include "core/client/client_action.h"
#include "core/protocol/message.h"

namespace cdnmesh::wasm {

/// Copies a JS Uint8Array (or array of numbers) into a byte vector.
std::vector<std::uint8_t> BytesFromJs(const emscripten::val& bytes);
/// A new Uint8Array holding a copy of `bytes` (independent of the wasm heap).
emscripten::val BytesToJs(const std::vector<std::uint8_t>& bytes);
/// The frame encoding `message`, as a Uint8Array (null if the message does not validate).
emscripten::val FrameToJs(const protocol::Message& message);
/// "distributor", "tracker", "signaling" or "peer".
const char* EndpointKindName(EndpointKind kind);
/// The endpoint kind a name designates; false for an unknown name.
bool EndpointKindFromName(const std::string& name, EndpointKind* kind);
/// A message as a JS object: {type: "SignalOffer", ...the fields a host needs}.
emscripten::val DescribeMessage(const protocol::Message& message);
/// A client action as a JS object: {type: "fetch_cdn", transfer, rendition, seq, ...}.
emscripten::val ActionToJs(const ClientAction& action);
/// Lower-case hex of bytes.
std::string HexOf(const std::vector<std::uint8_t>& bytes);

}  // namespace cdnmesh::wasm
