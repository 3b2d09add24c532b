// The tracker (matching service) as an ns-3 application: core's swarm registry and matching
// policy behind announces. Message latency is the caller's (the peer model's) business; the
// tracker answers at the instant a request reaches it and counts its load.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include <ns3/application.h>

#include "core/common/random.h"
#include "core/matching/policy.h"
#include "core/matching/swarm_registry.h"
#include "models/tracker/tracker-config.h"

namespace cdnmesh {

/// Answers joins, announces and leaves; one per run.
class Tracker : public ns3::Application {
 public:
  /// ns-3 type registration.
  static ns3::TypeId GetTypeId();
  Tracker() = default;

  /// Configures the policy and seeds its random draws; error if the policy name is unknown.
  Status Configure(const TrackerConfig& config, std::uint64_t seed);

  /// `peer` (descriptor as registered) joins swarm `key`.
  void Join(const PeerDescriptor& peer, SwarmKey key);
  /// An announce from `peer` now in swarm `key` at `position_seq` (the peer's previous swarm is
  /// `previous`; it moves when they differ). Fills `candidates` (never the peer itself) and
  /// returns the swarm size.
  int Announce(const PeerDescriptor& peer, SwarmKey previous, SwarmKey key,
               std::vector<PeerId>* candidates);
  /// `peer` leaves swarm `key`.
  void Leave(PeerId peer, SwarmKey key);

  /// Requests handled (joins + announces + leaves).
  std::uint64_t requests() const { return requests_; }
  /// Members across all swarms now.
  std::size_t member_count() const { return registry_.peer_count(); }
  /// Non-empty swarms now.
  std::size_t swarm_count() const { return registry_.swarm_count(); }

 private:
  TrackerConfig config_;
  std::unique_ptr<MatchingPolicy> policy_;
  SwarmRegistry registry_;
  Rng rng_{1};
  std::uint64_t requests_ = 0;
};

}  // namespace cdnmesh
