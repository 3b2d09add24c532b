// Decoding never allocates on the word of a length or count field: it allocates only after
// checking that the bytes are present, so memory stays within a small factor of the input.
// This binary replaces the global operator new to record the largest request.
#include <gtest/gtest.h>

#include <cstdlib>
#include <new>
#include <vector>

#include "core/protocol/codec.h"
#include "core/protocol/framing.h"
#include "tests/core/protocol/extreme_messages.h"
#include "tests/core/protocol/sample_messages.h"

namespace {

bool g_tracking = false;
std::size_t g_largest_bytes = 0;

}  // namespace

// GCC pairs the malloc inside the replaced operator new with the free inside the replaced
// operator delete and warns; the pairing is correct by construction.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"
#endif

void* operator new(std::size_t size) {
  if (g_tracking && size > g_largest_bytes) g_largest_bytes = size;
  if (void* p = std::malloc(size == 0 ? 1 : size)) return p;
  throw std::bad_alloc();
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }

namespace cdnmesh {
namespace protocol {
namespace {

using testing::RawFrame;

// Largest single allocation made while decoding `bytes`.
std::size_t LargestAllocationDecoding(const std::vector<std::uint8_t>& bytes) {
  g_largest_bytes = 0;
  g_tracking = true;
  const bool ok = DecodeMessage(bytes).ok();
  g_tracking = false;
  (void)ok;
  return g_largest_bytes;
}

TEST(AllocationTest, LyingLengthsAndCountsAllocateNothingLarge) {
  const std::vector<std::vector<std::uint8_t>> hostile = {
      // SignalOffer: SDP of 2^40 bytes, then of 32768 bytes, with 2 present.
      RawFrame(0x20, {1, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0x80, 0x80, 0x80, 0x80, 0x80, 0x20, 'v', '='}),
      RawFrame(0x20, {1, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0x80, 0x80, 0x02, 'v', '='}),
      // PeerList: 200 peers claimed, 2 bytes present.
      RawFrame(0x13, {1, 0, 0xC8, 0x01, 0, 0}),
      // Bitfield: 4096 bytes claimed, none present.
      RawFrame(0x33, {0, 0, 0x80, 0x20}),
      // Data: 256 KiB payload claimed, 1 present.
      RawFrame(0x35, {0, 0, 0, 0x80, 0x80, 0x80, 0x04, 0x80, 0x80, 0x10, 0xAA}),
  };
  for (const std::vector<std::uint8_t>& bytes : hostile) {
    EXPECT_FALSE(DecodeMessage(bytes).ok());
    EXPECT_LT(LargestAllocationDecoding(bytes), 512u) << bytes.size() << "-byte input";
  }
}

TEST(AllocationTest, ValidInputAllocatesWithinASmallFactorOfItsSize) {
  std::vector<Message> messages = testing::SampleMessages();
  for (const Message& m : testing::ExtremeMessages()) messages.push_back(m);
  for (const Message& m : messages) {
    std::vector<std::uint8_t> bytes;
    ASSERT_TRUE(EncodeMessage(m, bytes).ok());
    EXPECT_LE(LargestAllocationDecoding(bytes), 4 * bytes.size() + 256)
        << MessageTypeName(MessageTypeOf(m));
  }
}

TEST(AllocationTest, ReassemblerBuffersOnlyTheBytesReceived) {
  FrameReassembler reassembler;
  const std::vector<std::uint8_t> header = {0x35, 0x80, 0x80, 0x10};  // 256 KiB payload coming
  g_largest_bytes = 0;
  g_tracking = true;
  reassembler.Append(header.data(), header.size());
  const bool complete = reassembler.Next().value().has_value();
  g_tracking = false;
  EXPECT_FALSE(complete);
  EXPECT_LT(g_largest_bytes, 64u);
}

}  // namespace
}  // namespace protocol
}  // namespace cdnmesh
