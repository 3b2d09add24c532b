// Frame codec entry points for JavaScript: decode any frame to a description, and encode the
// frames a host must fill itself (SDP in SignalOffer/SignalAnswer, payload in Data). The
// service-side encoders (ConfigResponse, SwarmJoined, PeerList) serve in-process fake services
// in tests and development; real services are core's own (services/).
#pragma once

#include <emscripten/val.h>

#include <string>

namespace cdnmesh::wasm {

/// {type, ...fields} of the frame that occupies `frame` exactly, or {error}.
emscripten::val DecodeFrame(emscripten::val frame);
/// Decodes and re-encodes (canonical encodings give the same bytes); null if it does not decode.
emscripten::val ReencodeFrame(emscripten::val frame);
/// A SignalOffer frame; `session_id` as a decimal string.
emscripten::val EncodeSignalOffer(double from, double to, std::string session_id,
                                  emscripten::val sdp);
/// A SignalAnswer frame; `session_id` as a decimal string.
emscripten::val EncodeSignalAnswer(double from, double to, std::string session_id,
                                   emscripten::val sdp, bool accepted);
/// A Data frame carrying `payload` at `offset_bytes` of segment (rendition, seq).
emscripten::val EncodeData(int rendition, double seq, double offset_bytes,
                           double segment_size_bytes, emscripten::val payload);
/// A Have frame (tests: a frame that is not Data).
emscripten::val EncodeHave(int rendition, double seq);
/// A ConfigResponse with the built-in ClientConfig and these overrides: {trackerUrl,
/// signalingUrl, sessionToken (Uint8Array), cdnSeeding, p2p, urgentWindowUs, p2pWindowUs,
/// minBufferUs, announceIntervalUs, maxConnections}.
emscripten::val EncodeConfigResponse(emscripten::val options);
/// A SwarmJoined frame.
emscripten::val EncodeSwarmJoined(double peer, double announce_interval_ms);
/// A PeerList frame listing `peers` (an array of ids), all open NAT.
emscripten::val EncodePeerList(double content, int rendition, emscripten::val peers,
                               double swarm_size);
/// A ServiceError frame.
emscripten::val EncodeServiceError(int code, std::string text);
/// Lower-case hex SHA-256 of `bytes` (core/common/sha256.h).
std::string Sha256HexOf(emscripten::val bytes);

}  // namespace cdnmesh::wasm
