#include "core/protocol/wire.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <vector>

#include "core/common/types.h"

namespace cdnmesh {
namespace protocol {
namespace {

std::vector<std::uint8_t> VarintBytes(std::uint64_t value) {
  std::vector<std::uint8_t> out;
  WireWriter(out).VarU64(value);
  return out;
}

TEST(WireTest, VarintsAtEveryLengthBoundary) {
  struct Case {
    std::uint64_t value;
    std::vector<std::uint8_t> bytes;
  };
  const Case cases[] = {
      {0, {0x00}},
      {1, {0x01}},
      {127, {0x7F}},
      {128, {0x80, 0x01}},
      {16383, {0xFF, 0x7F}},
      {16384, {0x80, 0x80, 0x01}},
      {0xFFFFFFFFull, {0xFF, 0xFF, 0xFF, 0xFF, 0x0F}},
      {1ull << 63, {0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01}},
      {std::numeric_limits<std::uint64_t>::max(),
       {0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01}},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(VarintBytes(c.value), c.bytes) << c.value;
    EXPECT_EQ(VarintSize(c.value), c.bytes.size()) << c.value;
    const VarintParse parse = ParseVarint(c.bytes.data(), c.bytes.size());
    EXPECT_EQ(parse.status, VarintStatus::kOk) << c.value;
    EXPECT_EQ(parse.value, c.value);
    EXPECT_EQ(parse.bytes, c.bytes.size());
  }
}

TEST(WireTest, MalformedVarints) {
  struct Case {
    std::vector<std::uint8_t> bytes;
    std::size_t max_bytes;
    VarintStatus status;
  };
  const Case cases[] = {
      {{}, kMaxVarintBytes, VarintStatus::kTruncated},
      {{0x80}, kMaxVarintBytes, VarintStatus::kTruncated},
      {{0x80, 0x00}, kMaxVarintBytes, VarintStatus::kNonCanonical},
      {{0xFF, 0x80, 0x00}, kMaxVarintBytes, VarintStatus::kNonCanonical},
      {{0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x02},
       kMaxVarintBytes,
       VarintStatus::kTooLong},
      {{0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01},
       kMaxVarintBytes,
       VarintStatus::kTooLong},
      {{0x80, 0x80, 0x01}, 2, VarintStatus::kTooLong},
      {{0x80, 0x01}, 2, VarintStatus::kOk},
      {{0x80}, 2, VarintStatus::kTruncated},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(ParseVarint(c.bytes.data(), c.bytes.size(), c.max_bytes).status, c.status)
        << c.bytes.size() << " bytes, max " << c.max_bytes;
  }
}

TEST(WireTest, ZigzagMapsSmallMagnitudesToSmallCodes) {
  constexpr std::int64_t kMin = std::numeric_limits<std::int64_t>::min();
  constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max();
  EXPECT_EQ(ZigzagEncode(0), 0u);
  EXPECT_EQ(ZigzagEncode(-1), 1u);
  EXPECT_EQ(ZigzagEncode(1), 2u);
  EXPECT_EQ(ZigzagEncode(-2), 3u);
  EXPECT_EQ(ZigzagEncode(kMax), std::numeric_limits<std::uint64_t>::max() - 1);
  EXPECT_EQ(ZigzagEncode(kMin), std::numeric_limits<std::uint64_t>::max());
  for (std::int64_t v : {kMin, kMin + 1, std::int64_t{-300}, std::int64_t{-1}, std::int64_t{0},
                         std::int64_t{1}, std::int64_t{300}, kMax - 1, kMax}) {
    EXPECT_EQ(ZigzagDecode(ZigzagEncode(v)), v);
  }
}

TEST(WireTest, FixedWidthIntegersAreLittleEndian) {
  std::vector<std::uint8_t> out;
  WireWriter writer(out);
  writer.FixedI32(-2);
  writer.FixedU64(0x0102030405060708ull);
  EXPECT_EQ(out, (std::vector<std::uint8_t>{0xFE, 0xFF, 0xFF, 0xFF, 0x08, 0x07, 0x06, 0x05, 0x04,
                                            0x03, 0x02, 0x01}));
  WireReader reader(out.data(), out.size(), "Test");
  EXPECT_EQ(reader.FixedI32("a"), -2);
  EXPECT_EQ(reader.FixedU64("b"), 0x0102030405060708ull);
  reader.ExpectEnd();
  EXPECT_TRUE(reader.ok());
}

TEST(WireTest, ReaderFailureIsStickyAndKeepsTheFirstReason) {
  const std::vector<std::uint8_t> bytes = {0x05, 'a', 'b'};
  WireReader reader(bytes.data(), bytes.size(), "Test");
  EXPECT_EQ(reader.String("name", 16), "");
  EXPECT_FALSE(reader.ok());
  EXPECT_EQ(reader.error(), "Test.name: truncated: needs 5 bytes, 2 left");
  EXPECT_EQ(reader.U8("next"), 0);  // no read after a failure
  EXPECT_EQ(reader.error(), "Test.name: truncated: needs 5 bytes, 2 left");
}

TEST(WireTest, ReaderChecksLengthsAndCountsBeforeAllocating) {
  const std::vector<std::uint8_t> huge = {0xFF, 0xFF, 0xFF, 0xFF, 0x0F};  // 2^32 - 1
  WireReader bytes(huge.data(), huge.size(), "Test");
  EXPECT_TRUE(bytes.Bytes("blob", std::numeric_limits<std::size_t>::max()).empty());
  EXPECT_EQ(bytes.error(), "Test.blob: truncated: needs 4294967295 bytes, 0 left");
  WireReader count(huge.data(), huge.size(), "Test");
  EXPECT_EQ(count.Count("items", 1u << 20, 1), 0u);
  EXPECT_EQ(count.error(), "Test.items: limit exceeded: 4294967295 elements (max 1048576)");
  const std::vector<std::uint8_t> three = {0x03, 0x00, 0x00};
  WireReader tight(three.data(), three.size(), "Test");
  EXPECT_EQ(tight.Count("items", 10, 2), 0u);  // 3 elements of >= 2 bytes need 6
  EXPECT_EQ(tight.error(), "Test.items: truncated: needs 6 bytes, 2 left");
}

TEST(WireTest, ListElementsAreNamedInErrors) {
  const std::vector<std::uint8_t> bytes = {0x01, 0x07};
  WireReader reader(bytes.data(), bytes.size(), "Test");
  reader.BeginElement("items", 3);
  reader.U8("a");
  reader.Enum<NatType>("kind", kNatTypeCount);
  EXPECT_EQ(reader.error(), "Test.items[3].kind: invalid enum value 7");
}

}  // namespace
}  // namespace protocol
}  // namespace cdnmesh
