// Frame boundaries in a byte stream (TCP, or a data channel that may split or join messages).
// A frame is [type: u8][payload length: canonical LEB128, <= kMaxFramePayloadBytes][payload].
// The splitter looks at lengths only; the type is checked when the frame is decoded.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/common/result.h"
#include "core/protocol/message.h"

namespace cdnmesh {
namespace protocol {

/// What the start of a buffer holds.
struct FrameSplit {
  bool complete = false;         ///< a whole frame is present at the start of the buffer
  std::size_t frame_bytes = 0;   ///< its total size once the header is complete; 0 before that
  std::size_t header_bytes = 0;  ///< type and length bytes once the header is complete
};

/// Looks for the first frame in data[0, size). An error (oversized length, malformed length)
/// means the stream cannot be resynchronised: the host should close it.
Result<FrameSplit> SplitFrame(const std::uint8_t* data, std::size_t size);

/// Reassembles messages from stream chunks: Append what arrives, then call Next until it returns
/// no message. Holds at most one incomplete frame between calls (< kMaxFrameBytes) plus the
/// chunk last appended.
class FrameReassembler {
 public:
  /// Copies `size` received bytes into the buffer.
  void Append(const std::uint8_t* data, std::size_t size);
  /// The next whole message; nullopt when more bytes are needed. After an error (bad header or
  /// undecodable frame) every later call returns the same error: close the stream.
  Result<std::optional<Message>> Next();
  /// Bytes received and not yet returned as messages.
  std::size_t pending_bytes() const { return buffer_.size() - read_pos_; }

 private:
  std::vector<std::uint8_t> buffer_;
  std::size_t read_pos_ = 0;
  std::string error_;
};

}  // namespace protocol
}  // namespace cdnmesh
