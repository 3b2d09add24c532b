// Hard limits of the cdnmesh wire protocol. Decoding rejects anything larger before allocating,
// and encoding refuses to produce it, so both ends agree on what is valid.
#pragma once

#include <cstddef>
#include <cstdint>

namespace cdnmesh {
namespace protocol {

/// Version carried in the peer Handshake; peers with another version are refused by the host.
inline constexpr std::uint16_t kProtocolVersion = 1;

/// Largest payload of a Data message (one chunk of a segment), in bytes.
inline constexpr std::size_t kMaxDataPayloadBytes = 256 * 1024;
/// Largest segment a peer may serve; offsets and sizes must stay within it, in bytes.
inline constexpr std::uint32_t kMaxSegmentBytes = 1u << 30;
/// Largest frame payload (the bytes after the frame header), in bytes.
inline constexpr std::size_t kMaxFramePayloadBytes = kMaxDataPayloadBytes + 1024;
/// Largest frame header: one type byte and a canonical LEB128 payload length below 2^21.
inline constexpr std::size_t kMaxFrameHeaderBytes = 4;
/// Largest whole frame (header and payload), in bytes.
inline constexpr std::size_t kMaxFrameBytes = kMaxFrameHeaderBytes + kMaxFramePayloadBytes;
static_assert(kMaxFramePayloadBytes < (std::size_t{1} << 21), "length must fit 3 varint bytes");

/// Largest authentication token in a JoinRequest, in bytes.
inline constexpr std::size_t kMaxAuthTokenBytes = 4096;
/// Largest session token issued by the distributor and presented to the tracker, in bytes.
inline constexpr std::size_t kMaxSessionTokenBytes = 1024;
/// Largest client version string, in bytes.
inline constexpr std::size_t kMaxClientVersionBytes = 64;
/// Largest service URL (tracker, signaling) in a ConfigResponse, in bytes.
inline constexpr std::size_t kMaxUrlBytes = 1024;
/// Largest human-readable text in a ServiceError, in bytes.
inline constexpr std::size_t kMaxErrorTextBytes = 256;
/// Largest SDP blob relayed by signaling (offer or answer), in bytes.
inline constexpr std::size_t kMaxSdpBytes = 32 * 1024;
/// Largest ICE candidate relayed by signaling, in bytes.
inline constexpr std::size_t kMaxIceCandidateBytes = 1024;
/// Most peers in one PeerList (and the most an Announce may ask for).
inline constexpr std::size_t kMaxPeersPerList = 200;
/// Largest bitfield in a Bitfield message, in bytes (8 segments per byte).
inline constexpr std::size_t kMaxBitfieldBytes = 4096;
/// Most segments announced by one HaveRange.
inline constexpr std::uint32_t kMaxHaveRangeCount = 1u << 20;

/// Room left in a frame for the fixed fields around the largest variable-size field, in bytes.
inline constexpr std::size_t kFrameFieldOverheadBytes = 128;
static_assert(kMaxSdpBytes + kFrameFieldOverheadBytes <= kMaxFramePayloadBytes, "SDP fits");
static_assert(kMaxAuthTokenBytes + kMaxClientVersionBytes + kFrameFieldOverheadBytes <=
                  kMaxFramePayloadBytes,
              "JoinRequest fits");
static_assert(kMaxBitfieldBytes + kFrameFieldOverheadBytes <= kMaxFramePayloadBytes, "fits");
static_assert(kMaxPeersPerList * 64 <= kMaxFramePayloadBytes, "a full PeerList fits");

}  // namespace protocol
}  // namespace cdnmesh
