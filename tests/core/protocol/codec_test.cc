#include "core/protocol/codec.h"

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include "core/protocol/framing.h"
#include "core/protocol/limits.h"
#include "tests/core/protocol/extreme_messages.h"
#include "tests/core/protocol/sample_messages.h"

namespace cdnmesh {
namespace protocol {
namespace {

using testing::ExtremeMessages;
using testing::RawFrame;
using testing::SampleMessages;

std::vector<std::uint8_t> Encode(const Message& message) {
  std::vector<std::uint8_t> out;
  const Status status = EncodeMessage(message, out);
  EXPECT_TRUE(status.ok()) << status.message();
  return out;
}

std::string Name(const Message& message) {
  return std::string(MessageTypeName(MessageTypeOf(message)));
}

void ExpectRoundTrip(const Message& message) {
  const std::vector<std::uint8_t> bytes = Encode(message);
  const Result<Message> decoded = DecodeMessage(bytes);
  ASSERT_TRUE(decoded.ok()) << Name(message) << ": " << decoded.error().message;
  EXPECT_TRUE(decoded.value() == message) << Name(message);
  EXPECT_FALSE(decoded.value() != message) << Name(message);
  EXPECT_EQ(Encode(decoded.value()), bytes) << Name(message) << ": encoding is not canonical";
}

TEST(CodecTest, SamplesCoverEveryMessageType) {
  std::set<MessageType> types;
  for (const Message& m : SampleMessages()) types.insert(MessageTypeOf(m));
  EXPECT_EQ(types.size(), kMessageTypeCount);
  std::set<MessageType> extreme_types;
  for (const Message& m : ExtremeMessages()) extreme_types.insert(MessageTypeOf(m));
  EXPECT_GE(extreme_types.size(), kMessageTypeCount - 3);  // Choke, Unchoke, Keepalive: no fields
}

TEST(CodecTest, EverySampleRoundTrips) {
  for (const Message& m : SampleMessages()) ExpectRoundTrip(m);
}

TEST(CodecTest, EveryExtremeRoundTrips) {
  for (const Message& m : ExtremeMessages()) ExpectRoundTrip(m);
}

TEST(CodecTest, ChangingAnyFieldBreaksEquality) {
  const std::vector<Message> samples = SampleMessages();
  for (std::size_t i = 0; i < samples.size(); ++i) {
    for (std::size_t j = 0; j < samples.size(); ++j) {
      EXPECT_EQ(samples[i] == samples[j], i == j) << i << " vs " << j;
    }
  }
  Announce a = std::get<Announce>(samples[5]);
  Announce b = a;
  b.downloaded_cdn_bytes += 1;
  EXPECT_NE(a, b);
  PeerList list = std::get<PeerList>(samples[6]);
  PeerList other = list;
  other.peers[2].profile.nat = NatType::kOpen;
  EXPECT_NE(list, other);
}

TEST(CodecTest, WireFormatIsPinned) {
  Have have;
  have.key = {2, -3};  // zigzag(-3) = 5
  EXPECT_EQ(Encode(have), (std::vector<std::uint8_t>{0x31, 0x02, 0x02, 0x05}));
  EXPECT_EQ(Encode(Keepalive()), (std::vector<std::uint8_t>{0x3A, 0x00}));
  Request request;
  request.key = {1, 300};  // zigzag(300) = 600 = 0xD8 0x04
  request.offset_bytes = 128;
  request.length_bytes = 16384;
  request.deadline_ms = 300;  // 0xAC 0x02
  EXPECT_EQ(Encode(request), (std::vector<std::uint8_t>{0x34, 0x0A, 0x01, 0xD8, 0x04, 0x80, 0x01,
                                                        0x80, 0x80, 0x01, 0xAC, 0x02}));
  IceCandidate ice;
  ice.from = 1;
  ice.to = 2;
  ice.session_id = 0x0807060504030201ull;
  ice.candidate = {'a'};
  EXPECT_EQ(Encode(ice), (std::vector<std::uint8_t>{0x22, 0x0C, 0x01, 0x02, 0x01, 0x02, 0x03, 0x04,
                                                    0x05, 0x06, 0x07, 0x08, 0x01, 'a'}));
}

TEST(CodecTest, EncodeAppendsAfterExistingBytes) {
  std::vector<std::uint8_t> out = {0xEE};
  ASSERT_TRUE(EncodeMessage(Choke(), out).ok());
  ASSERT_TRUE(EncodeMessage(Unchoke(), out).ok());
  EXPECT_EQ(out, (std::vector<std::uint8_t>{0xEE, 0x38, 0x00, 0x39, 0x00}));
}

TEST(CodecTest, EveryStrictPrefixOfAFrameIsTruncated) {
  std::vector<Message> messages = SampleMessages();
  for (const Message& m : ExtremeMessages()) messages.push_back(m);
  for (const Message& m : messages) {
    const std::vector<std::uint8_t> bytes = Encode(m);
    for (std::size_t n = 0; n < bytes.size(); ++n) {
      const Result<Message> decoded = DecodeMessage(bytes.data(), n);
      ASSERT_FALSE(decoded.ok()) << Name(m) << " prefix " << n;
      ASSERT_NE(decoded.error().message.find("truncated"), std::string::npos)
          << Name(m) << " prefix " << n << ": " << decoded.error().message;
    }
  }
}

TEST(CodecTest, EveryStrictPrefixOfAPayloadIsTruncatedAtAField) {
  std::vector<Message> messages = SampleMessages();
  for (const Message& m : ExtremeMessages()) messages.push_back(m);
  for (const Message& m : messages) {
    const std::vector<std::uint8_t> bytes = Encode(m);
    const std::size_t header = SplitFrame(bytes.data(), bytes.size()).value().header_bytes;
    const std::uint8_t* payload = bytes.data() + header;
    const std::size_t payload_size = bytes.size() - header;
    for (std::size_t n = 0; n < payload_size; ++n) {
      const Result<Message> decoded = DecodePayload(bytes[0], payload, n);
      ASSERT_FALSE(decoded.ok()) << Name(m) << " payload prefix " << n;
      const std::string& error = decoded.error().message;
      ASSERT_EQ(error.rfind(Name(m) + ".", 0), 0u) << error;
      ASSERT_NE(error.find("truncated"), std::string::npos) << error;
    }
  }
}

TEST(CodecTest, UnknownTypesAreRejected) {
  int unknown = 0;
  for (int code = 0; code < 256; ++code) {
    const auto type = static_cast<std::uint8_t>(code);
    if (IsKnownMessageType(type)) continue;
    ++unknown;
    const Result<Message> decoded = DecodeMessage(RawFrame(type, {}));
    ASSERT_FALSE(decoded.ok());
    EXPECT_EQ(decoded.error().message, "frame: unknown message type " + std::to_string(code));
  }
  EXPECT_EQ(unknown, 256 - static_cast<int>(kMessageTypeCount));
}

TEST(CodecTest, TrailingBytesAfterTheFrameAreRejected) {
  std::vector<std::uint8_t> bytes = Encode(SampleMessages()[0]);
  bytes.push_back(0x00);
  const Result<Message> decoded = DecodeMessage(bytes);
  ASSERT_FALSE(decoded.ok());
  EXPECT_NE(decoded.error().message.find("trailing bytes: 1"), std::string::npos);
}

TEST(CodecTest, TrailingBytesInsideThePayloadAreRejected) {
  // Have with one byte more than its fields inside the declared length.
  const Result<Message> decoded = DecodeMessage(RawFrame(0x31, {0x01, 0x02, 0x00}));
  ASSERT_FALSE(decoded.ok());
  EXPECT_EQ(decoded.error().message, "Have.end: trailing bytes: 1 after the last field");
  EXPECT_FALSE(DecodeMessage(RawFrame(0x38, {0x00})).ok());  // Choke carries nothing
}

TEST(CodecTest, VarintOverflowIsRejected) {
  struct Case {
    std::vector<std::uint8_t> payload;  // of a Leave (one u32 varint)
    const char* error;
  };
  const Case cases[] = {
      {{0xFF, 0xFF, 0xFF, 0xFF, 0x0F}, nullptr},  // 2^32 - 1: fits
      {{0x80, 0x80, 0x80, 0x80, 0x10},
       "Leave.peer: value 4294967296 out of range (max 4294967295)"},
      {{0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x02},
       "Leave.peer: varint too long (over 64 bits)"},
      {{0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x81, 0x01},
       "Leave.peer: varint too long (over 64 bits)"},
      {{0x80, 0x00}, "Leave.peer: non-canonical varint"},
      {{0xFF, 0x80}, "Leave.peer: truncated inside a varint"},
  };
  for (const Case& c : cases) {
    const Result<Message> decoded = DecodeMessage(RawFrame(0x14, c.payload));
    if (c.error == nullptr) {
      ASSERT_TRUE(decoded.ok()) << decoded.error().message;
      EXPECT_EQ(std::get<Leave>(decoded.value()).peer, 0xFFFFFFFFu);
    } else {
      ASSERT_FALSE(decoded.ok());
      EXPECT_EQ(decoded.error().message, c.error);
    }
  }
}

TEST(CodecTest, SixtyFourBitVarintAtTheLimitIsAccepted) {
  Announce announce;
  announce.uploaded_bytes = testing::kU64Max;
  std::vector<std::uint8_t> bytes = Encode(announce);
  ASSERT_TRUE(DecodeMessage(bytes).ok());
}

TEST(CodecTest, ErrorsNameTheMessageTheFieldAndTheListElement) {
  PeerList list = std::get<PeerList>(SampleMessages()[6]);
  std::vector<std::uint8_t> bytes = Encode(list);
  // Second descriptor's NAT byte: header(2) content(1) rendition(1) count(1), then the first
  // descriptor: peer(1) isp(1) lat(4) lon(4) device(1) nat(1) upload(4) rendition(1)
  // position(5), then the second: peer(2) isp(2) lat(4) lon(4) device(1) -> nat.
  const std::size_t nat_index = 2 + 1 + 1 + 1 + 22 + 2 + 2 + 4 + 4 + 1;
  ASSERT_EQ(bytes[nat_index], static_cast<std::uint8_t>(NatType::kPortRestricted));
  bytes[nat_index] = 9;
  const Result<Message> decoded = DecodeMessage(bytes);
  ASSERT_FALSE(decoded.ok());
  EXPECT_EQ(decoded.error().message, "PeerList.peers[1].profile.nat: invalid enum value 9");
}

}  // namespace
}  // namespace protocol
}  // namespace cdnmesh
