// Helpers shared by the matching tests: peer builders, random swarms and brute-force oracles.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <set>
#include <vector>

#include "core/common/random.h"
#include "core/matching/swarm_member.h"
#include "core/matching/swarm.h"

namespace cdnmesh {
namespace testing_util {

/// A peer with the given attributes (defaults: open NAT desktop at 0,0 with 10 Mbps).
inline SwarmMember MakePeer(PeerId id, IspId isp = 0, GeoPoint where = {},
                               NatType nat = NatType::kOpen,
                               DeviceClass device = DeviceClass::kDesktop,
                               std::int64_t capacity_bps = 10'000'000, SegmentSeq position = 0) {
  SwarmMember peer;
  peer.id = id;
  peer.isp = isp;
  peer.location = where;
  peer.nat = nat;
  peer.device = device;
  peer.upload_capacity_bps = capacity_bps;
  peer.position_seq = position;
  return peer;
}

/// A random peer: `isps` ISPs each around its own city, a realistic NAT and device mix,
/// capacities 0.5..100 Mbps, positions within `position_span` segments.
inline SwarmMember RandomPeer(PeerId id, Rng& rng, int isps = 5, int position_span = 30) {
  static constexpr NatType kNats[] = {NatType::kOpen, NatType::kRestrictedCone,
                                      NatType::kPortRestricted, NatType::kSymmetric};
  static constexpr DeviceClass kDevices[] = {DeviceClass::kDesktop, DeviceClass::kTv,
                                             DeviceClass::kMobileWifi,
                                             DeviceClass::kMobileCellular};
  const auto isp = static_cast<IspId>(rng.UniformIndex(static_cast<std::uint64_t>(isps)));
  const double city_lat = -40.0 + 13.0 * isp;
  const double city_lon = -120.0 + 37.0 * isp;
  SwarmMember peer =
      MakePeer(id, isp, {city_lat + rng.Uniform(-3.0, 3.0), city_lon + rng.Uniform(-3.0, 3.0)},
               kNats[rng.UniformIndex(4)], kDevices[rng.UniformIndex(4)]);
  peer.upload_capacity_bps =
      static_cast<std::int64_t>(500'000 * std::pow(200.0, rng.UniformDouble()));
  peer.position_seq = static_cast<SegmentSeq>(rng.UniformIndex(position_span));
  return peer;
}

/// Every member of `swarm` that `requester` may be matched with (brute force, tests only).
inline std::vector<SwarmMember> ReachableMembers(const Swarm& swarm,
                                                    const SwarmMember& requester) {
  std::vector<SwarmMember> out;
  for (MemberSlot s = 0; s < swarm.size(); ++s) {
    const SwarmMember& peer = swarm.member(s);
    if (peer.id != requester.id && NatPairConnectable(requester.nat, peer.nat)) {
      out.push_back(peer);
    }
  }
  return out;
}

/// Checks the contract every policy shares: at most k, distinct, members, never the requester,
/// all directly connectable.
inline void ExpectValidAnswer(const Swarm& swarm, const SwarmMember& requester,
                              const std::vector<PeerId>& ids, int k) {
  EXPECT_LE(static_cast<int>(ids.size()), std::max(k, 0));
  EXPECT_EQ(std::set<PeerId>(ids.begin(), ids.end()).size(), ids.size()) << "duplicates";
  for (const PeerId id : ids) {
    const SwarmMember* peer = swarm.Find(id);
    ASSERT_NE(peer, nullptr) << "not a member: " << id;
    EXPECT_NE(id, requester.id);
    EXPECT_TRUE(NatPairConnectable(requester.nat, peer->nat)) << "unreachable peer " << id;
  }
}

}  // namespace testing_util
}  // namespace cdnmesh
