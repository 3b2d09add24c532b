// Decoding input an attacker controls: corrupted frames, random bytes, lying lengths and counts,
// out-of-range values. Decoding must never crash, and whatever it accepts must re-encode to the
// very same bytes.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/common/random.h"
#include "core/protocol/codec.h"
#include "core/protocol/limits.h"
#include "tests/core/protocol/sample_messages.h"

namespace cdnmesh {
namespace protocol {
namespace {

using testing::RawFrame;
using testing::SampleMessages;

// Decodes `bytes`; when accepted, checks the canonical property. Returns whether accepted.
bool DecodeChecked(const std::vector<std::uint8_t>& bytes) {
  const Result<Message> decoded = DecodeMessage(bytes);
  if (!decoded.ok()) {
    EXPECT_FALSE(decoded.error().message.empty());
    return false;
  }
  std::vector<std::uint8_t> again;
  EXPECT_TRUE(EncodeMessage(decoded.value(), again).ok());
  EXPECT_EQ(again, bytes);
  return true;
}

std::string DecodeError(const std::vector<std::uint8_t>& bytes) {
  const Result<Message> decoded = DecodeMessage(bytes);
  return decoded.ok() ? "(accepted)" : decoded.error().message;
}

TEST(HostileInputTest, FlippedBytesAtEveryPositionNeverCrash) {
  Rng rng(20240601);
  int accepted = 0;
  int rejected = 0;
  for (const Message& m : SampleMessages()) {
    std::vector<std::uint8_t> bytes;
    ASSERT_TRUE(EncodeMessage(m, bytes).ok());
    for (std::size_t pos = 0; pos < bytes.size(); ++pos) {
      for (int trial = 0; trial < 8; ++trial) {
        std::vector<std::uint8_t> corrupted = bytes;
        const auto mask = static_cast<std::uint8_t>(1 + rng.UniformIndex(255));
        corrupted[pos] ^= mask;
        (DecodeChecked(corrupted) ? accepted : rejected) += 1;
      }
    }
  }
  EXPECT_GT(accepted, 0);  // e.g. a changed count or id still decodes
  EXPECT_GT(rejected, 0);
}

TEST(HostileInputTest, RandomEditsNeverCrash) {
  Rng rng(7);
  const std::vector<Message> samples = SampleMessages();
  for (int trial = 0; trial < 20000; ++trial) {
    std::vector<std::uint8_t> bytes;
    ASSERT_TRUE(EncodeMessage(samples[rng.UniformIndex(samples.size())], bytes).ok());
    const int edits = 1 + static_cast<int>(rng.UniformIndex(4));
    for (int e = 0; e < edits && !bytes.empty(); ++e) {
      const std::size_t pos = rng.UniformIndex(bytes.size());
      const auto value = static_cast<std::uint8_t>(rng.NextU64());
      switch (rng.UniformIndex(3)) {
        case 0:
          bytes[pos] = value;
          break;
        case 1:
          bytes.insert(bytes.begin() + static_cast<std::ptrdiff_t>(pos), value);
          break;
        default:
          bytes.erase(bytes.begin() + static_cast<std::ptrdiff_t>(pos));
          break;
      }
    }
    DecodeChecked(bytes);
  }
}

TEST(HostileInputTest, RandomPayloadsBehindValidHeadersNeverCrash) {
  Rng rng(99);
  const std::vector<Message> samples = SampleMessages();
  for (int trial = 0; trial < 50000; ++trial) {
    const auto type = static_cast<std::uint8_t>(MessageTypeOf(samples[trial % samples.size()]));
    std::vector<std::uint8_t> payload(rng.UniformIndex(48));
    for (std::uint8_t& b : payload) b = static_cast<std::uint8_t>(rng.NextU64());
    DecodeChecked(RawFrame(type, payload));
  }
}

TEST(HostileInputTest, OversizedLengthsAreRejected) {
  // SignalOffer whose SDP claims 2^40 bytes.
  EXPECT_EQ(DecodeError(RawFrame(
                0x20, {0x01, 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0x80, 0x80, 0x80, 0x80, 0x80, 0x20})),
            "SignalOffer.sdp: oversized length 1099511627776 (limit 32768)");
  // ServiceError text one byte over its limit, bytes present.
  std::vector<std::uint8_t> payload = {0x00, 0x00};
  payload.push_back(static_cast<std::uint8_t>(((kMaxErrorTextBytes + 1) & 0x7F) | 0x80));
  payload.push_back(static_cast<std::uint8_t>((kMaxErrorTextBytes + 1) >> 7));
  payload.resize(payload.size() + kMaxErrorTextBytes + 1, 'x');
  EXPECT_EQ(DecodeError(RawFrame(0x03, payload)),
            "ServiceError.text: oversized length 257 (limit 256)");
  // A length within the limit but beyond the bytes present.
  EXPECT_EQ(DecodeError(RawFrame(0x22, {0x01, 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0x7F, 'a'})),
            "IceCandidate.candidate: truncated: needs 127 bytes, 1 left");
  // A frame whose length exceeds kMaxFramePayloadBytes.
  EXPECT_NE(DecodeError({0x35, 0xFF, 0xFF, 0x7F}).find("frame: oversized length"),
            std::string::npos);
  EXPECT_NE(DecodeError({0x35, 0x80, 0x80, 0x80, 0x01}).find("frame: oversized length"),
            std::string::npos);
}

TEST(HostileInputTest, ListCountsAreLimitedAndCheckedAgainstTheBytesPresent) {
  // PeerList: content 1, rendition 0, then a count.
  EXPECT_EQ(DecodeError(RawFrame(0x13, {0x01, 0x00, 0xC9, 0x01})),  // 201 peers
            "PeerList.peers: limit exceeded: 201 elements (max 200)");
  EXPECT_EQ(DecodeError(RawFrame(0x13, {0x01, 0x00, 0xC8, 0x01, 0x00})),  // 200, 1 byte
            "PeerList.peers: truncated: needs 3000 bytes, 1 left");
}

TEST(HostileInputTest, InvalidEnumsAndBooleansAreRejected) {
  // JoinRequest: content, isp, lat(4), lon(4), device, nat, upload, download, version, token.
  std::vector<std::uint8_t> join = {0x01, 0x01, 0, 0, 0, 0, 0, 0, 0, 0, 0x04, 0x00, 0, 0, 0, 0};
  EXPECT_EQ(DecodeError(RawFrame(0x01, join)), "JoinRequest.profile.device: invalid enum value 4");
  join[10] = 0x03;
  join[11] = 0x04;
  EXPECT_EQ(DecodeError(RawFrame(0x01, join)), "JoinRequest.profile.nat: invalid enum value 4");
  join[11] = 0x03;
  EXPECT_EQ(DecodeError(RawFrame(0x01, join)), "(accepted)");
  EXPECT_EQ(DecodeError(RawFrame(0x03, {0x06, 0x00, 0x00})),
            "ServiceError.code: invalid enum value 6");
  EXPECT_EQ(DecodeError(RawFrame(0x37, {0x00, 0x00, 0x00, 0x01, 0x0E})), "(accepted)");
  EXPECT_EQ(DecodeError(RawFrame(0x37, {0x00, 0x00, 0x00, 0x01, 0x0F})),
            "Reject.reason: invalid enum value 15");
  // ConfigResponse: three empty strings, then the knobs (the first is a boolean).
  std::vector<std::uint8_t> frame;
  ASSERT_TRUE(EncodeMessage(ConfigResponse(), frame).ok());
  const std::vector<std::uint8_t> payload(frame.begin() + 3, frame.end());  // 0x02 + 2-byte length
  std::vector<std::uint8_t> config = payload;
  config[3] = 0x02;
  EXPECT_EQ(DecodeError(RawFrame(0x02, config)),
            "ConfigResponse.scheduler.p2p_enabled: invalid boolean 2");
  config[3] = 0x00;
  EXPECT_EQ(DecodeError(RawFrame(0x02, config)), "(accepted)");
  config.pop_back();
  EXPECT_EQ(DecodeError(RawFrame(0x02, config)).rfind("ConfigResponse.scheduler.cdn_resumes_peer_prefix", 0), 0u);
}

TEST(HostileInputTest, OutOfRangeFieldsAreRejected) {
  struct Case {
    std::uint8_t type;
    std::vector<std::uint8_t> payload;
    const char* error;
  };
  const Case cases[] = {
      // Leave: peer id 2^32.
      {0x14, {0x80, 0x80, 0x80, 0x80, 0x10}, "Leave.peer: value 4294967296 out of range"},
      // JoinSwarm: rendition 65536.
      {0x10, {0x01, 0x80, 0x80, 0x04}, "JoinSwarm.rendition: value 65536 out of range"},
      // JoinRequest: latitude 90.0000001 degrees.
      {0x01,
       {0x01, 0x01, 0x01, 0xE9, 0xA4, 0x35, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0},
       "JoinRequest.profile.location.latitude_e7: out of range: 900000001"},
      // HaveRange: count 0; count past the limit; run past the end of the sequence space.
      {0x32, {0x00, 0x00, 0x00}, "HaveRange.count: out of range: 0"},
      {0x32, {0x00, 0x00, 0x81, 0x80, 0x40}, "HaveRange.count: out of range: 1048577"},
      {0x32,
       {0x00, 0xFE, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01, 0x02},
       "HaveRange.first_seq: run overflows the sequence space"},
      // Request: zero length; range past the largest segment (no deadline).
      {0x34, {0x00, 0x00, 0x00, 0x00, 0x00}, "Request.length_bytes: out of range: 0"},
      {0x34,
       {0x00, 0x00, 0xFF, 0xFF, 0xFF, 0xFF, 0x03, 0x02, 0x00},  // [2^30 - 1, 2^30 + 1)
       "Request.offset_bytes: range ends past the largest segment"},
      // Data: payload ending past the segment size (offset 1, size 1, one byte).
      {0x35, {0x00, 0x00, 0x01, 0x01, 0x01, 0xAA}, "Data.payload: ends past segment_size_bytes"},
      // Data: segment size 2^30 + 1.
      {0x35,
       {0x00, 0x00, 0x00, 0x81, 0x80, 0x80, 0x80, 0x04, 0x00},
       "Data.segment_size_bytes: limit exceeded: 1073741825"},
  };
  for (const Case& c : cases) {
    const std::string error = DecodeError(RawFrame(c.type, c.payload));
    EXPECT_EQ(error.rfind(c.error, 0), 0u) << "got: " << error << "\nwant: " << c.error;
  }
}

TEST(HostileInputTest, EncodeRefusesWhatDecodeWouldRejectAndLeavesTheBufferAlone) {
  std::vector<Message> invalid;
  SignalOffer offer;
  offer.sdp.resize(kMaxSdpBytes + 1);
  invalid.push_back(offer);
  PeerList list;
  list.peers.resize(kMaxPeersPerList + 1);
  invalid.push_back(list);
  JoinSwarm swarm;
  swarm.profile.nat = static_cast<NatType>(7);
  invalid.push_back(swarm);
  JoinRequest join;
  join.profile.location.longitude_e7 = -kMaxLongitudeE7 - 1;
  invalid.push_back(join);
  invalid.push_back(Request());  // zero length
  Announce announce;
  announce.wanted_peers = kMaxPeersPerList + 1;
  invalid.push_back(announce);
  for (const Message& m : invalid) {
    std::vector<std::uint8_t> out = {1, 2, 3};
    const Status status = EncodeMessage(m, out);
    EXPECT_FALSE(status.ok()) << MessageTypeName(MessageTypeOf(m));
    EXPECT_EQ(status.message().rfind(std::string(MessageTypeName(MessageTypeOf(m))) + ".", 0), 0u)
        << status.message();
    EXPECT_EQ(out, (std::vector<std::uint8_t>{1, 2, 3}));
  }
}

// Table-driven threshold cases: limit - 1, limit, limit + 1 for a byte string.
TEST(HostileInputTest, ByteStringLimitIsInclusive) {
  for (std::size_t size :
       {kMaxIceCandidateBytes - 1, kMaxIceCandidateBytes, kMaxIceCandidateBytes + 1}) {
    IceCandidate ice;
    ice.candidate.assign(size, 'c');
    std::vector<std::uint8_t> out;
    EXPECT_EQ(EncodeMessage(ice, out).ok(), size <= kMaxIceCandidateBytes) << size;
    std::vector<std::uint8_t> payload = {0x00,
                                         0x00,
                                         0,
                                         0,
                                         0,
                                         0,
                                         0,
                                         0,
                                         0,
                                         0,
                                         static_cast<std::uint8_t>((size & 0x7F) | 0x80),
                                         static_cast<std::uint8_t>(size >> 7)};
    payload.resize(payload.size() + size, 'c');
    EXPECT_EQ(DecodeMessage(RawFrame(0x22, payload)).ok(), size <= kMaxIceCandidateBytes) << size;
  }
}

// Byte ranges ending one before, at and one after the largest segment.
TEST(HostileInputTest, ByteRangeMayEndExactlyAtTheLargestSegment) {
  for (std::uint32_t end : {kMaxSegmentBytes - 1, kMaxSegmentBytes, kMaxSegmentBytes + 1}) {
    Request request;
    request.length_bytes = 1000;
    request.offset_bytes = end - request.length_bytes;
    std::vector<std::uint8_t> out;
    EXPECT_EQ(EncodeMessage(request, out).ok(), end <= kMaxSegmentBytes) << end;
    Data data;
    data.segment_size_bytes = end;
    data.offset_bytes = kMaxSegmentBytes - 1000;
    data.payload.resize(1000);
    EXPECT_EQ(EncodeMessage(data, out).ok(), end == kMaxSegmentBytes) << end;
  }
}

}  // namespace
}  // namespace protocol
}  // namespace cdnmesh
