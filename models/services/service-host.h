// The services of a run — distributor, tracker, signaling relay — as core's sans-I/O objects
// behind the simulator: a message from a viewer reaches its service after the one-way latency
// between them, and every answer travels back (or on, for relayed signaling) after the latency
// to its recipient. Load is counted per service.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/client/client_action.h"
#include "core/services/distributor_service.h"
#include "core/services/signaling_relay.h"
#include "core/services/tracker_service.h"
#include "models/distributor/distributor-config.h"
#include "models/tracker/tracker-config.h"

namespace cdnmesh {

class MeshNetwork;

/// What the service host needs from the scenario.
struct ServiceHostConfig {
  TrackerConfig tracker;
  SignalingConfig signaling;
  DistributorConfig distributor;
  PeerConfig base_client;
  std::vector<std::string> isp_names;
  std::uint64_t seed = 1;  ///< seeds matching draws and the token secret
};

/// Hosts the three services of one run.
class ServiceHost {
 public:
  /// Error if the tracker's policy or settings are invalid.
  static Result<std::unique_ptr<ServiceHost>> Create(const ServiceHostConfig& config,
                                                     MeshNetwork* mesh);

  /// A message from viewer `from` to service `to`: handled after the latency between them.
  void Post(PeerId from, EndpointKind to, protocol::Message message);
  /// Viewer `peer` opens its signaling connection with `token` (arrives after the latency).
  void OpenSignaling(PeerId peer, std::vector<std::uint8_t> token);
  /// Viewer `peer` is gone: its service connections close (arrives after the latency).
  void CloseConnections(PeerId peer);
  /// Viewer `peer` vanished without closing: each service notices it `detection_us` later (a
  /// missed ping or announce on its WebSocket); until then it is still a member and a candidate.
  void LoseConnections(PeerId peer, DurationUs detection_us);
  /// One-way latency between a viewer and service `kind`.
  DurationUs LatencyUs(EndpointKind kind) const;

  /// The tracker (counters, swarm sizes).
  const TrackerService& tracker() const { return *tracker_; }
  /// The signaling relay (counters).
  const SignalingRelay& signaling() const { return signaling_; }
  /// The distributor (counters).
  const DistributorService& distributor() const { return distributor_; }

 private:
  ServiceHost(const ServiceHostConfig& config, MeshNetwork* mesh);
  void Handle(PeerId from, EndpointKind to, const protocol::Message& message);
  void Answer(EndpointKind from, OutgoingList* answers);
  void DisconnectAfter(PeerId peer, DurationUs tracker_us, DurationUs signaling_us);

  ServiceHostConfig config_;
  MeshNetwork* mesh_;
  SessionTokens tokens_;
  std::unique_ptr<TrackerService> tracker_;
  SignalingRelay signaling_;
  DistributorService distributor_;
  OutgoingList answers_;  ///< scratch
};

}  // namespace cdnmesh
