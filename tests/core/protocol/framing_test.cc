#include "core/protocol/framing.h"

#include <gtest/gtest.h>

#include <vector>

#include "core/common/random.h"
#include "core/protocol/codec.h"
#include "core/protocol/limits.h"
#include "tests/core/protocol/extreme_messages.h"
#include "tests/core/protocol/sample_messages.h"

namespace cdnmesh {
namespace protocol {
namespace {

using testing::SampleMessages;

std::vector<std::uint8_t> EncodeAll(const std::vector<Message>& messages) {
  std::vector<std::uint8_t> out;
  for (const Message& m : messages) EXPECT_TRUE(EncodeMessage(m, out).ok());
  return out;
}

TEST(FramingTest, SplitterNeedsTheWholeHeaderThenTheWholePayload) {
  const std::vector<std::uint8_t> frame = {0x31, 0x02, 0x02, 0x05, 0x99};  // Have + 1 extra byte
  struct Case {
    std::size_t size;
    bool complete;
    std::size_t frame_bytes;
  };
  const Case cases[] = {{0, false, 0}, {1, false, 0}, {2, false, 4},
                        {3, false, 4}, {4, true, 4},  {5, true, 4}};
  for (const Case& c : cases) {
    const Result<FrameSplit> split = SplitFrame(frame.data(), c.size);
    ASSERT_TRUE(split.ok()) << c.size;
    EXPECT_EQ(split.value().complete, c.complete) << c.size;
    EXPECT_EQ(split.value().frame_bytes, c.frame_bytes) << c.size;
  }
}

TEST(FramingTest, SplitterWaitsForAMultiByteLength) {
  const std::vector<std::uint8_t> header = {0x35, 0x80, 0x80, 0x01};  // 16384-byte payload
  for (std::size_t size = 1; size < header.size(); ++size) {
    const Result<FrameSplit> split = SplitFrame(header.data(), size);
    ASSERT_TRUE(split.ok());
    EXPECT_EQ(split.value().frame_bytes, 0u) << size;
  }
  const Result<FrameSplit> split = SplitFrame(header.data(), header.size());
  ASSERT_TRUE(split.ok());
  EXPECT_FALSE(split.value().complete);
  EXPECT_EQ(split.value().header_bytes, 4u);
  EXPECT_EQ(split.value().frame_bytes, 4u + 16384u);
}

TEST(FramingTest, SplitterRejectsOversizedAndMalformedLengths) {
  // At the limit, one past it, a 4-byte length (>= 2^21) seen before it ends, non-canonical.
  const std::size_t limit = kMaxFramePayloadBytes;
  const std::vector<std::uint8_t> at_limit = {
      0x35, static_cast<std::uint8_t>((limit & 0x7F) | 0x80),
      static_cast<std::uint8_t>(((limit >> 7) & 0x7F) | 0x80),
      static_cast<std::uint8_t>(limit >> 14)};
  ASSERT_TRUE(SplitFrame(at_limit.data(), at_limit.size()).ok());
  EXPECT_EQ(SplitFrame(at_limit.data(), at_limit.size()).value().frame_bytes, 4 + limit);
  std::vector<std::uint8_t> over = at_limit;
  over[1] = static_cast<std::uint8_t>(over[1] + 1);
  EXPECT_FALSE(SplitFrame(over.data(), over.size()).ok());
  const std::vector<std::uint8_t> four = {0x35, 0x80, 0x80, 0x80};
  const Result<FrameSplit> long_length = SplitFrame(four.data(), four.size());
  ASSERT_FALSE(long_length.ok());
  EXPECT_NE(long_length.error().message.find("oversized length"), std::string::npos);
  const std::vector<std::uint8_t> padded = {0x31, 0x84, 0x00, 1, 2, 3, 4};
  EXPECT_FALSE(SplitFrame(padded.data(), padded.size()).ok());
}

TEST(FramingTest, ReassemblerYieldsMessagesFedOneByteAtATime) {
  const std::vector<Message> messages = SampleMessages();
  const std::vector<std::uint8_t> stream = EncodeAll(messages);
  FrameReassembler reassembler;
  std::vector<Message> received;
  for (std::uint8_t byte : stream) {
    reassembler.Append(&byte, 1);
    Result<std::optional<Message>> next = reassembler.Next();
    ASSERT_TRUE(next.ok()) << next.error().message;
    if (next.value().has_value()) received.push_back(*next.value());
    EXPECT_FALSE(reassembler.Next().value().has_value());  // one byte completes one frame at most
  }
  EXPECT_EQ(received, messages);
  EXPECT_EQ(reassembler.pending_bytes(), 0u);
}

TEST(FramingTest, ReassemblerHandlesRandomChunksAndLargeFrames) {
  std::vector<Message> messages = SampleMessages();
  for (const Message& m : testing::ExtremeMessages()) messages.push_back(m);
  const std::vector<std::uint8_t> stream = EncodeAll(messages);
  Rng rng(3);
  FrameReassembler reassembler;
  std::vector<Message> received;
  for (std::size_t pos = 0; pos < stream.size();) {
    const std::size_t chunk =
        std::min<std::size_t>(1 + rng.UniformIndex(40000), stream.size() - pos);
    reassembler.Append(stream.data() + pos, chunk);
    pos += chunk;
    for (;;) {
      Result<std::optional<Message>> next = reassembler.Next();
      ASSERT_TRUE(next.ok()) << next.error().message;
      if (!next.value().has_value()) break;
      received.push_back(std::move(*next.value()));
    }
    EXPECT_LT(reassembler.pending_bytes(), kMaxFrameBytes);
  }
  EXPECT_EQ(received, messages);
}

TEST(FramingTest, ReassemblerErrorsAreFinal) {
  std::vector<std::uint8_t> stream = EncodeAll({Choke()});
  const std::vector<std::uint8_t> bad = {0x77, 0x00};  // unknown type
  stream.insert(stream.end(), bad.begin(), bad.end());
  stream.push_back(0x39);  // an Unchoke that never gets out
  stream.push_back(0x00);
  FrameReassembler reassembler;
  reassembler.Append(stream.data(), stream.size());
  Result<std::optional<Message>> first = reassembler.Next();
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(first.value(), std::optional<Message>(Choke()));
  for (int i = 0; i < 2; ++i) {
    Result<std::optional<Message>> next = reassembler.Next();
    ASSERT_FALSE(next.ok());
    EXPECT_EQ(next.error().message, "frame: unknown message type 119");
  }
}

TEST(FramingTest, ReassemblerRejectsAnOversizedHeaderWithoutWaitingForItsPayload) {
  FrameReassembler reassembler;
  const std::vector<std::uint8_t> header = {0x35, 0xFF, 0xFF, 0xFF};
  reassembler.Append(header.data(), header.size());
  EXPECT_FALSE(reassembler.Next().ok());
}

}  // namespace
}  // namespace protocol
}  // namespace cdnmesh
