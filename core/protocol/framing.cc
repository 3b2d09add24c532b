#include "core/protocol/framing.h"

#include <string>
#include <utility>

#include "core/protocol/codec.h"
#include "core/protocol/limits.h"
#include "core/protocol/wire.h"

namespace cdnmesh {
namespace protocol {

Result<FrameSplit> SplitFrame(const std::uint8_t* data, std::size_t size) {
  FrameSplit split;
  if (size < 2) return split;  // type byte and at least one length byte
  // A canonical length below 2^21 takes at most 3 bytes: a 4th byte means it is oversized.
  const VarintParse length = ParseVarint(data + 1, size - 1, kMaxFrameHeaderBytes - 1);
  switch (length.status) {
    case VarintStatus::kOk:
      break;
    case VarintStatus::kTruncated:
      return split;
    case VarintStatus::kTooLong:
      return Error{"frame: oversized length (limit " + std::to_string(kMaxFramePayloadBytes) +
                   " bytes)"};
    case VarintStatus::kNonCanonical:
      return Error{"frame: non-canonical varint length"};
  }
  if (length.value > kMaxFramePayloadBytes) {
    return Error{"frame: oversized length " + std::to_string(length.value) + " (limit " +
                 std::to_string(kMaxFramePayloadBytes) + " bytes)"};
  }
  split.header_bytes = 1 + length.bytes;
  split.frame_bytes = split.header_bytes + static_cast<std::size_t>(length.value);
  split.complete = size >= split.frame_bytes;
  return split;
}

void FrameReassembler::Append(const std::uint8_t* data, std::size_t size) {
  if (read_pos_ > 0) {  // drop what was consumed: at most one partial frame moves
    buffer_.erase(buffer_.begin(), buffer_.begin() + static_cast<std::ptrdiff_t>(read_pos_));
    read_pos_ = 0;
  }
  buffer_.insert(buffer_.end(), data, data + size);
}

Result<std::optional<Message>> FrameReassembler::Next() {
  if (!error_.empty()) return Error{error_};
  const std::uint8_t* start = buffer_.data() + read_pos_;
  Result<FrameSplit> split = SplitFrame(start, pending_bytes());
  if (!split.ok()) {
    error_ = split.error().message;
    return split.error();
  }
  if (!split.value().complete) return std::optional<Message>();
  Result<Message> message = DecodeMessage(start, split.value().frame_bytes);
  if (!message.ok()) {
    error_ = message.error().message;
    return message.error();
  }
  read_pos_ += split.value().frame_bytes;
  return std::optional<Message>(std::move(message).value());
}

}  // namespace protocol
}  // namespace cdnmesh
