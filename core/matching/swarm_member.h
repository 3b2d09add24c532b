// What the tracker knows about a viewer in a swarm, and the key of a swarm.
#pragma once

#include <cstddef>
#include <cstdint>

#include "core/common/result.h"
#include "core/common/time.h"
#include "core/common/types.h"

namespace cdnmesh {

/// A swarm: the viewers of one content at one rendition (peers can only share within it).
struct SwarmKey {
  ContentId content = 0;         ///< the live channel or VOD title
  RenditionIndex rendition = 0;  ///< the rung of its bitrate ladder
  friend bool operator==(const SwarmKey& a, const SwarmKey& b) {
    return a.content == b.content && a.rendition == b.rendition;
  }
  friend bool operator!=(const SwarmKey& a, const SwarmKey& b) { return !(a == b); }
};

/// Hash of a SwarmKey for unordered containers.
struct SwarmKeyHash {
  /// A well-mixed 64-bit hash of (content, rendition).
  std::size_t operator()(const SwarmKey& key) const;
};

/// A viewer as registered with the tracker (a value type; swarms keep their own copy).
struct SwarmMember {
  PeerId id = kInvalidPeer;                    ///< unique per tracker
  IspId isp = 0;                               ///< the viewer's ISP (autonomous system)
  GeoPoint location;                           ///< e.g. from GeoIP, degrees
  DeviceClass device = DeviceClass::kDesktop;  ///< bounds what it may upload
  NatType nat = NatType::kOpen;                ///< decides which peers it can connect to
  /// Nominal upload capacity of the access link, bits per second (>= 0).
  std::int64_t upload_capacity_bps = 0;
  /// Playback position: sequence number of the segment being played.
  SegmentSeq position_seq = 0;
  /// When the peer joined the swarm, microseconds (host epoch).
  TimeUs join_time_us = 0;
  /// What the peer downloads, bits per second, as the tracker measured it between two of its
  /// announces (0 = not measured yet).
  std::int64_t demand_bps = 0;
};

/// Upload capacity a peer can offer others, bps: 0 for mobile on cellular (uploads nothing).
constexpr std::int64_t UsableUploadBps(const SwarmMember& peer) {
  return peer.device == DeviceClass::kMobileCellular ? 0 : peer.upload_capacity_bps;
}

/// Bit set of NAT types (bit i = NatType i).
using NatMask = std::uint8_t;

/// The NAT types a peer behind `nat` can connect to directly (NatPairConnectable).
constexpr NatMask ReachableNatMask(NatType nat) {
  NatMask mask = 0;
  for (int other = 0; other < kNatTypeCount; ++other) {
    if (NatPairConnectable(nat, static_cast<NatType>(other))) mask |= NatMask(1u << other);
  }
  return mask;
}

/// True when `nat` is in `mask`.
constexpr bool NatInMask(NatMask mask, NatType nat) { return (mask >> static_cast<int>(nat)) & 1u; }

/// Checks a descriptor coming from outside (id, coordinates, capacity); the error names the field.
Status ValidateSwarmMember(const SwarmMember& peer);

}  // namespace cdnmesh
