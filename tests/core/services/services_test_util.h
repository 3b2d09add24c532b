// Test support for the service objects: a token issuer, request builders and accessors for the
// messages a service answered with.
#pragma once

#include <cstdint>
#include <vector>

#include <gtest/gtest.h>

#include "core/protocol/message.h"
#include "core/services/outgoing.h"
#include "core/services/session_token.h"

namespace cdnmesh::testing {

inline constexpr std::uint64_t kSecret = 0x5EC2E7;
inline constexpr DurationUs kTokenLifetimeUs = 60 * kUsPerSecond;

/// The token issuer every service of a test shares.
inline SessionTokens TestTokens() { return SessionTokens(kSecret, kTokenLifetimeUs); }

/// A profile whose every field depends on `i` (ISP, location, device, capacity), NAT open so
/// every pair can connect.
inline protocol::PeerProfile ProfileOf(int i) {
  protocol::PeerProfile p;
  p.isp = static_cast<IspId>(1 + i % 3);
  p.location = protocol::ToGeoE7({45.0 + 0.3 * i, 2.0 + 0.2 * (i % 7)});
  p.device = i % 2 == 0 ? DeviceClass::kDesktop : DeviceClass::kTv;
  p.nat = NatType::kOpen;
  p.upload_capacity_bps = 1'000'000 + 500'000 * static_cast<std::uint64_t>(i % 5);
  return p;
}

/// A JoinSwarm for (content, rendition) at `position` with `token`.
inline protocol::JoinSwarm JoinMessage(const std::vector<std::uint8_t>& token, int i,
                                       ContentId content = 7, RenditionIndex rendition = 0,
                                       SegmentSeq position = 100) {
  protocol::JoinSwarm join;
  join.content = content;
  join.rendition = rendition;
  join.position = position;
  join.profile = ProfileOf(i);
  join.session_token = token;
  return join;
}

/// An Announce by `peer` for (content, rendition) at `position`.
inline protocol::Announce AnnounceMessage(PeerId peer, ContentId content = 7,
                                          RenditionIndex rendition = 0,
                                          SegmentSeq position = 101) {
  protocol::Announce announce;
  announce.peer = peer;
  announce.content = content;
  announce.rendition = rendition;
  announce.position = position;
  announce.wanted_peers = 10;
  announce.upload_capacity_bps = 2'000'000;
  return announce;
}

/// The messages of type M in `out`, in order.
template <typename M>
std::vector<M> MessagesOf(const OutgoingList& out) {
  std::vector<M> found;
  for (const Outgoing& o : out) {
    if (const auto* m = std::get_if<M>(&o.message)) found.push_back(*m);
  }
  return found;
}

/// The only message in `out`, which must be a ServiceError to `to`; its code.
inline protocol::ServiceErrorCode OnlyErrorCode(const OutgoingList& out, PeerId to) {
  EXPECT_EQ(out.size(), 1u);
  if (out.size() != 1) return protocol::ServiceErrorCode::kInternal;
  EXPECT_EQ(out[0].to, to);
  const auto* error = std::get_if<protocol::ServiceError>(&out[0].message);
  EXPECT_NE(error, nullptr) << "expected a ServiceError";
  return error != nullptr ? error->code : protocol::ServiceErrorCode::kInternal;
}

}  // namespace cdnmesh::testing
