// Encoding and decoding of whole frames. A frame is [type: u8][payload length: LEB128][payload];
// see wire.h for the field encodings and limits.h for the bounds. Decoding never reads outside
// the given buffer, never allocates more than the bytes present, and returns an Error naming the
// message, field and reason for anything it refuses. Encodings are canonical: decoding accepts
// exactly the bytes that encoding produces, so Encode(Decode(bytes)) == bytes.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "core/common/result.h"
#include "core/protocol/message.h"

namespace cdnmesh {
namespace protocol {

/// Checks sizes, counts, enum values and ranges; the error reads "<Message>.<field>: <reason>".
Status ValidateMessage(const Message& message);

/// Appends one frame holding `message` to `out`. Fails, leaving `out` unchanged, when
/// ValidateMessage does.
Status EncodeMessage(const Message& message, std::vector<std::uint8_t>& out);

/// Decodes the frame that occupies exactly data[0, size) (bytes after it are an error).
Result<Message> DecodeMessage(const std::uint8_t* data, std::size_t size);
/// Decodes the frame that occupies exactly `frame`.
Result<Message> DecodeMessage(const std::vector<std::uint8_t>& frame);
/// Decodes a frame's payload (the bytes after the header) as a message of type `type_code`.
Result<Message> DecodePayload(std::uint8_t type_code, const std::uint8_t* payload,
                              std::size_t size);

}  // namespace protocol
}  // namespace cdnmesh
