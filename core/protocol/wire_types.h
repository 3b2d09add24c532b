// Building blocks shared by the protocol's messages: the message type codes, fixed-point
// locations, a viewer's network profile and the enums carried on the wire.
#pragma once

#include <cstdint>
#include <tuple>

#include "core/common/types.h"

namespace cdnmesh {
namespace protocol {

/// The type byte that opens every frame. Ranges: 0x0_ distributor, 0x1_ tracker, 0x2_ signaling,
/// 0x3_ peer to peer. Codes are part of the wire format: never renumber.
enum class MessageType : std::uint8_t {
  kJoinRequest = 0x01,     ///< client -> distributor
  kConfigResponse = 0x02,  ///< distributor -> client
  kServiceError = 0x03,    ///< any service -> client
  kJoinSwarm = 0x10,       ///< client -> tracker
  kSwarmJoined = 0x11,     ///< tracker -> client
  kAnnounce = 0x12,        ///< client -> tracker
  kPeerList = 0x13,        ///< tracker -> client
  kLeave = 0x14,           ///< client -> tracker
  kSignalOffer = 0x20,     ///< peer -> signaling -> peer
  kSignalAnswer = 0x21,    ///< peer -> signaling -> peer
  kIceCandidate = 0x22,    ///< peer -> signaling -> peer
  kHandshake = 0x30,       ///< peer <-> peer, first message on a data channel
  kHave = 0x31,            ///< peer <-> peer
  kHaveRange = 0x32,       ///< peer <-> peer
  kBitfield = 0x33,        ///< peer <-> peer
  kRequest = 0x34,         ///< peer <-> peer
  kData = 0x35,            ///< peer <-> peer
  kCancel = 0x36,          ///< peer <-> peer
  kReject = 0x37,          ///< peer <-> peer
  kChoke = 0x38,           ///< peer <-> peer
  kUnchoke = 0x39,         ///< peer <-> peer
  kKeepalive = 0x3A,       ///< peer <-> peer
};

/// Mixin giving a struct field-wise == and != through its `Fields()` (a std::tie of members).
template <typename T>
struct Fieldwise {
  /// True when every field compares equal.
  friend bool operator==(const T& a, const T& b) { return a.Fields() == b.Fields(); }
  /// True when some field differs.
  friend bool operator!=(const T& a, const T& b) { return !(a == b); }
};

/// A location in fixed point: degrees times 10^7 (about 1 cm), as OpenStreetMap stores them.
struct GeoE7 : Fieldwise<GeoE7> {
  std::int32_t latitude_e7 = 0;   ///< in [-900000000, 900000000]
  std::int32_t longitude_e7 = 0;  ///< in [-1800000000, 1800000000]
  /// The fields, for comparison.
  auto Fields() const { return std::tie(latitude_e7, longitude_e7); }
};

/// Largest |latitude_e7| accepted on the wire.
inline constexpr std::int32_t kMaxLatitudeE7 = 900'000'000;
/// Largest |longitude_e7| accepted on the wire.
inline constexpr std::int32_t kMaxLongitudeE7 = 1'800'000'000;

/// Converts degrees to fixed point, rounding to nearest and clamping to the valid range.
GeoE7 ToGeoE7(GeoPoint point);
/// Converts fixed point back to degrees.
GeoPoint FromGeoE7(GeoE7 point);

/// What matching needs to know about a viewer's network and device.
struct PeerProfile : Fieldwise<PeerProfile> {
  IspId isp = 0;                               ///< the viewer's ISP (autonomous system)
  GeoE7 location;                              ///< approximate location (e.g. from GeoIP)
  DeviceClass device = DeviceClass::kDesktop;  ///< bounds what it may upload
  NatType nat = NatType::kOpen;                ///< as detected by ICE / STUN
  std::uint64_t upload_capacity_bps = 0;       ///< measured or estimated uplink, bits/s
  /// The fields, for comparison.
  auto Fields() const { return std::tie(isp, location, device, nat, upload_capacity_bps); }
};

/// Why a service refused a request (ServiceError).
enum class ServiceErrorCode : std::uint8_t {
  kBadRequest = 0,      ///< malformed or inconsistent request
  kUnauthorized = 1,    ///< auth or session token missing, invalid or expired
  kUnknownContent = 2,  ///< no such content / swarm
  kUnknownPeer = 3,     ///< peer id not registered (tracker) or not connected (signaling)
  kOverloaded = 4,      ///< try again after retry_after_ms
  kInternal = 5,        ///< service-side failure
};
/// Number of ServiceErrorCode values (the decoder rejects codes >= this).
inline constexpr int kServiceErrorCodeCount = 6;

}  // namespace protocol
}  // namespace cdnmesh
