// The tracker (matching service) as a sans-I/O object: swarm membership and matching behind
// JoinSwarm / Announce / Leave, answered with SwarmJoined and PeerList. Clients are addressed by
// the id of their connection, which the tracker hands back as their peer id. Hosted by the
// simulator's service model and, in production, behind a WebSocket server.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>

#include "core/common/random.h"
#include "core/common/result.h"
#include "core/matching/matching_config.h"
#include "core/matching/policy.h"
#include "core/matching/swarm_registry.h"
#include "core/services/outgoing.h"
#include "core/services/session_token.h"

namespace cdnmesh {

/// Tracker settings.
struct TrackerServiceConfig {
  /// Policy name for MakeMatchingPolicy: random, same_isp, nearest, capacity, position, hybrid.
  std::string policy = "hybrid";
  MatchingConfig matching;
  /// Candidates returned per answer (K).
  int peers_per_request = 20;
  /// Announce period the tracker asks of its clients.
  DurationUs announce_interval_us = 30 * kUsPerSecond;
};

/// Counters of a tracker.
struct TrackerStats {
  std::uint64_t requests = 0;  ///< joins + announces + leaves handled
  std::uint64_t refused = 0;   ///< requests answered with ServiceError
};

/// One tracker. Not thread-safe.
class TrackerService {
 public:
  /// Error if the policy name or a matching setting is invalid.
  static Result<std::unique_ptr<TrackerService>> Create(const TrackerServiceConfig& config,
                                                        const SessionTokens& tokens,
                                                        std::uint64_t seed);

  /// Handles one message from the client connected as `from`; answers go to `out`.
  void OnMessage(TimeUs now_us, PeerId from, const protocol::Message& message, OutgoingList* out);
  /// The connection of `from` closed: it leaves its swarm.
  void OnDisconnect(PeerId from);

  /// Counters.
  const TrackerStats& stats() const { return stats_; }
  /// Members across all swarms now.
  std::size_t member_count() const { return members_.size(); }
  /// Non-empty swarms now.
  std::size_t swarm_count() const { return registry_.swarm_count(); }
  /// Members of swarm `key` now.
  std::size_t swarm_size(SwarmKey key) const;

 private:
  struct Member {
    SwarmKey key;
    SwarmMember descriptor;
    protocol::PeerProfile profile;
    TimeUs last_announce_us = 0;            // or the join
    std::uint64_t downloaded_bytes = 0;     // P2P + CDN, as of that announce
  };

  TrackerService(const TrackerServiceConfig& config, const SessionTokens& tokens,
                 std::unique_ptr<MatchingPolicy> policy, std::uint64_t seed);
  void Join(TimeUs now_us, PeerId from, const protocol::JoinSwarm& m, OutgoingList* out);
  void Announce(TimeUs now_us, PeerId from, const protocol::Announce& m, OutgoingList* out);
  void MeasureDemand(TimeUs now_us, const protocol::Announce& m, Member* member);
  void Leave(PeerId from);
  void AnswerPeerList(PeerId from, const Member& member, int wanted, OutgoingList* out);
  void Refuse(PeerId to, protocol::ServiceErrorCode code, std::string text, OutgoingList* out);

  TrackerServiceConfig config_;
  const SessionTokens& tokens_;
  std::unique_ptr<MatchingPolicy> policy_;
  SwarmRegistry registry_;
  std::unordered_map<PeerId, Member> members_;
  std::vector<PeerId> candidates_;  ///< scratch
  Rng rng_;
  TrackerStats stats_;
};

}  // namespace cdnmesh
