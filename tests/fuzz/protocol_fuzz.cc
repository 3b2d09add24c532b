// libFuzzer target for the protocol decoder. Properties checked on every input:
//  - decoding never crashes or reads out of bounds (ASan/UBSan);
//  - an accepted frame re-encodes to exactly the input bytes (the encoding is canonical) and
//    decodes again to an equal message;
//  - the stream reassembler, fed the input in two chunks, agrees with the one-shot decoder.
// Any violation traps. Seeds: tests/fuzz/seeds/protocol_fuzz/ (written by seeds_test.cc).
#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "core/protocol/codec.h"
#include "core/protocol/framing.h"

namespace {

using cdnmesh::Result;
using cdnmesh::protocol::DecodeMessage;
using cdnmesh::protocol::EncodeMessage;
using cdnmesh::protocol::FrameReassembler;
using cdnmesh::protocol::Message;

void Check(bool condition) {
  if (!condition) __builtin_trap();
}

void CheckOneShot(const std::uint8_t* data, std::size_t size, const Result<Message>& decoded) {
  if (!decoded.ok()) {
    Check(!decoded.error().message.empty());
    return;
  }
  std::vector<std::uint8_t> encoded;
  Check(EncodeMessage(decoded.value(), encoded).ok());
  Check(encoded == std::vector<std::uint8_t>(data, data + size));
  const Result<Message> again = DecodeMessage(encoded);
  Check(again.ok() && again.value() == decoded.value());
}

// Feeds the input in two chunks (split where its first byte says) and drains every message.
void CheckStream(const std::uint8_t* data, std::size_t size, const Result<Message>& decoded) {
  FrameReassembler reassembler;
  const std::size_t cut = size == 0 ? 0 : data[0] % (size + 1);
  std::vector<Message> messages;
  bool failed = false;
  for (std::size_t part = 0; part < 2 && !failed; ++part) {
    const std::size_t begin = part == 0 ? 0 : cut;
    const std::size_t end = part == 0 ? cut : size;
    reassembler.Append(data + begin, end - begin);
    for (;;) {
      Result<std::optional<Message>> next = reassembler.Next();
      if (!next.ok()) {
        failed = true;
        break;
      }
      if (!next.value().has_value()) break;
      std::vector<std::uint8_t> encoded;
      Check(EncodeMessage(*next.value(), encoded).ok());
      messages.push_back(std::move(*next.value()));
    }
  }
  if (decoded.ok()) {  // the whole input is one frame: the stream yields exactly it
    Check(!failed && messages.size() == 1 && messages[0] == decoded.value());
    Check(reassembler.pending_bytes() == 0);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const Result<Message> decoded = DecodeMessage(data, size);
  CheckOneShot(data, size, decoded);
  CheckStream(data, size, decoded);
  return 0;
}
