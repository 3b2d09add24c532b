// Messages between two peers over a WebRTC data channel: handshake, segment availability
// (have, have-range, bitfield), byte-range requests and their data, cancel and reject, and
// choke / unchoke / keepalive. Byte ranges address one segment: [offset, offset + length).
#pragma once

#include <cstdint>
#include <tuple>
#include <vector>

#include "core/common/reason.h"
#include "core/common/types.h"
#include "core/protocol/wire_types.h"

namespace cdnmesh {
namespace protocol {

/// First message each way on a new channel: protocol version and identity.
struct Handshake : Fieldwise<Handshake> {
  static constexpr MessageType kType = MessageType::kHandshake;  ///< wire type code
  std::uint16_t version = 0;                                     ///< kProtocolVersion of the sender
  PeerId peer = kInvalidPeer;    ///< the sender's tracker-assigned id
  ContentId content = 0;         ///< content the sender watches
  RenditionIndex rendition = 0;  ///< rendition the sender watches
  /// The fields, for comparison.
  auto Fields() const { return std::tie(version, peer, content, rendition); }
};

/// The sender now holds one whole segment.
struct Have : Fieldwise<Have> {
  static constexpr MessageType kType = MessageType::kHave;  ///< wire type code
  SegmentKey key;                                           ///< the segment held
  /// The fields, for comparison.
  auto Fields() const { return std::tie(key); }
};

/// The sender holds every segment in [first_seq, first_seq + count) of one rendition.
struct HaveRange : Fieldwise<HaveRange> {
  static constexpr MessageType kType = MessageType::kHaveRange;  ///< wire type code
  RenditionIndex rendition = 0;                                  ///< rendition of the run
  SegmentSeq first_seq = 0;                                      ///< first segment of the run
  std::uint32_t count = 0;  ///< run length, in [1, kMaxHaveRangeCount]
  /// The fields, for comparison.
  auto Fields() const { return std::tie(rendition, first_seq, count); }
};

/// The segments the sender holds from first_seq on: bit i (LSB first in each byte) of `bits`
/// set means it holds first_seq + i.
struct Bitfield : Fieldwise<Bitfield> {
  static constexpr MessageType kType = MessageType::kBitfield;  ///< wire type code
  RenditionIndex rendition = 0;                                 ///< rendition of the map
  SegmentSeq first_seq = 0;                                     ///< segment of bit 0
  std::vector<std::uint8_t> bits;                               ///< at most kMaxBitfieldBytes
  /// The fields, for comparison.
  auto Fields() const { return std::tie(rendition, first_seq, bits); }
};

/// Asks for bytes [offset_bytes, offset_bytes + length_bytes) of a segment.
struct Request : Fieldwise<Request> {
  static constexpr MessageType kType = MessageType::kRequest;  ///< wire type code
  SegmentKey key;                                              ///< the segment
  std::uint32_t offset_bytes = 0;                              ///< first byte wanted
  std::uint32_t length_bytes = 0;                              ///< in [1, kMaxDataPayloadBytes]
  /// Within how many milliseconds of sending this the requester needs the whole range (0 = no
  /// deadline). The uploader refuses as busy what its uplink cannot deliver in time.
  std::uint32_t deadline_ms = 0;
  /// The fields, for comparison.
  auto Fields() const { return std::tie(key, offset_bytes, length_bytes, deadline_ms); }
};

/// Bytes of a segment, in answer to a Request; also tells the segment's total size.
struct Data : Fieldwise<Data> {
  static constexpr MessageType kType = MessageType::kData;  ///< wire type code
  SegmentKey key;                                           ///< the segment
  std::uint32_t offset_bytes = 0;        ///< position of payload[0] within the segment
  std::uint32_t segment_size_bytes = 0;  ///< whole segment, <= kMaxSegmentBytes
  std::vector<std::uint8_t> payload;     ///< at most kMaxDataPayloadBytes, within the segment
  /// The fields, for comparison.
  auto Fields() const { return std::tie(key, offset_bytes, segment_size_bytes, payload); }
};

/// Withdraws an earlier Request (same key and range); the sender will not wait for it.
struct Cancel : Fieldwise<Cancel> {
  static constexpr MessageType kType = MessageType::kCancel;  ///< wire type code
  SegmentKey key;                                             ///< the segment
  std::uint32_t offset_bytes = 0;                             ///< as in the Request
  std::uint32_t length_bytes = 0;                             ///< as in the Request
  /// The fields, for comparison.
  auto Fields() const { return std::tie(key, offset_bytes, length_bytes); }
};

/// Refuses a Request (same key and range) so the requester can go elsewhere at once.
struct Reject : Fieldwise<Reject> {
  static constexpr MessageType kType = MessageType::kReject;  ///< wire type code
  SegmentKey key;                                             ///< the segment
  std::uint32_t offset_bytes = 0;                             ///< as in the Request
  std::uint32_t length_bytes = 0;                             ///< as in the Request
  Reason reason = Reason::kNotHeld;                           ///< why
  /// The fields, for comparison.
  auto Fields() const { return std::tie(key, offset_bytes, length_bytes, reason); }
};

/// The sender will not serve requests from the recipient until Unchoke.
struct Choke : Fieldwise<Choke> {
  static constexpr MessageType kType = MessageType::kChoke;  ///< wire type code
  /// No fields.
  auto Fields() const { return std::tie(); }
};

/// The sender will serve requests from the recipient again.
struct Unchoke : Fieldwise<Unchoke> {
  static constexpr MessageType kType = MessageType::kUnchoke;  ///< wire type code
  /// No fields.
  auto Fields() const { return std::tie(); }
};

/// Keeps an idle channel open; carries nothing.
struct Keepalive : Fieldwise<Keepalive> {
  static constexpr MessageType kType = MessageType::kKeepalive;  ///< wire type code
  /// No fields.
  auto Fields() const { return std::tie(); }
};

}  // namespace protocol
}  // namespace cdnmesh
