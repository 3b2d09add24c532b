// Test support: the distributor settings the client tests share. Viewers of ISP 1 seed every
// new segment from the CDN; viewers of ISP 2 never seed (they get segments from peers, or from
// the CDN when urgent); both run the base configuration otherwise.
#pragma once

#include "tests/core/client/net/client_net.h"

namespace cdnmesh::testing {

inline constexpr IspId kSeederIsp = 1;
inline constexpr IspId kLeecherIsp = 2;
inline constexpr int kLeecherMaxConnections = 7;

/// A distributor rule for `isp`: the base configuration changed by `edit`.
template <typename Edit>
DistributorRule IspRule(const ClientConfig& base, IspId isp, Edit edit) {
  DistributorRule rule;
  rule.isp = isp;
  rule.config = base;
  edit(rule.config);
  return rule;
}

/// DefaultNetConfig with the seeder and leecher rules, then `edit` applied to every rule and
/// the base (for settings a test wants everywhere).
template <typename Edit>
ClientNetConfig SeederLeecherConfig(Edit edit) {
  ClientNetConfig net = DefaultNetConfig();
  ClientConfig& base = net.distributor.base;
  edit(base);
  net.distributor.rules.push_back(IspRule(base, kSeederIsp, [](ClientConfig& c) {
    c.scheduler.seeding_fraction = 1.0;  // every viewer of the swarm seeds each new segment
  }));
  net.distributor.rules.push_back(IspRule(base, kLeecherIsp, [](ClientConfig& c) {
    c.scheduler.cdn_seeding_enabled = false;
    c.max_connections = kLeecherMaxConnections;
  }));
  return net;
}

/// SeederLeecherConfig with nothing more changed.
inline ClientNetConfig SeederLeecherConfig() {
  return SeederLeecherConfig([](ClientConfig&) {});
}

/// Adds a seeder starting at `start_us`.
inline int AddSeeder(ClientNet& net, TimeUs start_us, std::uint64_t seed = 1) {
  return net.AddClient(ViewerIdentity(kSeederIsp, seed), start_us);
}

/// Adds a leecher starting at `start_us`.
inline int AddLeecher(ClientNet& net, TimeUs start_us, std::uint64_t seed = 2) {
  return net.AddClient(ViewerIdentity(kLeecherIsp, seed), start_us);
}

/// Seconds to microseconds, for readable schedules.
constexpr TimeUs Sec(double seconds) { return SecondsToUs(seconds); }

}  // namespace cdnmesh::testing
