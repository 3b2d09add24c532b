// Identifiers and descriptive enums shared by every part of the core (stream, scheduler,
// matching, protocol).
#pragma once

#include <cstdint>
#include <string_view>

namespace cdnmesh {

/// A viewer's id, assigned by the tracker; unique within a run / deployment.
using PeerId = std::uint32_t;
inline constexpr PeerId kInvalidPeer = 0xFFFFFFFFu;

/// A piece of content (a live channel or a VOD title).
using ContentId = std::uint32_t;
/// Index into a stream's bitrate ladder (0 = lowest bitrate).
using RenditionIndex = std::uint16_t;
/// A segment's media sequence number within a stream.
using SegmentSeq = std::int64_t;
/// An ISP (autonomous system) id.
using IspId = std::uint16_t;

/// Device classes: they bound what a viewer may upload.
enum class DeviceClass : std::uint8_t {
  kDesktop = 0,
  kTv = 1,
  kMobileWifi = 2,
  kMobileCellular = 3,  ///< uploads nothing (metered radio)
};
inline constexpr int kDeviceClassCount = 4;

/// NAT behaviour as seen by ICE; decides which pairs can connect directly.
enum class NatType : std::uint8_t {
  kOpen = 0,            ///< public address or full-cone
  kRestrictedCone = 1,  ///< address-restricted cone
  kPortRestricted = 2,  ///< port-restricted cone
  kSymmetric = 3,       ///< symmetric NAT
};
inline constexpr int kNatTypeCount = 4;

/// Whether two NAT types can establish a direct WebRTC connection (no TURN relay).
/// Symmetric pairs with port-restricted or symmetric peers fail hole punching.
constexpr bool NatPairConnectable(NatType a, NatType b) {
  const bool a_sym = a == NatType::kSymmetric;
  const bool b_sym = b == NatType::kSymmetric;
  if (a_sym && (b_sym || b == NatType::kPortRestricted)) return false;
  if (b_sym && a == NatType::kPortRestricted) return false;
  return true;
}

/// A position on Earth in degrees.
struct GeoPoint {
  double latitude_deg = 0.0;
  double longitude_deg = 0.0;
};

/// A segment within a stream: rendition and sequence number.
struct SegmentKey {
  RenditionIndex rendition = 0;
  SegmentSeq seq = 0;
  friend bool operator==(const SegmentKey& a, const SegmentKey& b) {
    return a.rendition == b.rendition && a.seq == b.seq;
  }
  friend bool operator!=(const SegmentKey& a, const SegmentKey& b) { return !(a == b); }
  friend bool operator<(const SegmentKey& a, const SegmentKey& b) {
    return a.seq != b.seq ? a.seq < b.seq : a.rendition < b.rendition;
  }
};

/// Short lower-case name of a device class ("desktop", "tv", "mobile_wifi", "mobile_cellular").
std::string_view DeviceClassName(DeviceClass device);
/// Short lower-case name of a NAT type ("open", "restricted_cone", "port_restricted", "symmetric").
std::string_view NatTypeName(NatType nat);

}  // namespace cdnmesh
