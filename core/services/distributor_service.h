// The distributor as a sans-I/O object: answers a JoinRequest with the client configuration
// meant for that viewer (the first rule matching its device class and ISP, else the base) and a
// session token for the tracker and signaling service.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/config/client_config.h"
#include "core/services/outgoing.h"
#include "core/services/session_token.h"

namespace cdnmesh {

/// A configuration for the viewers that match every condition given (an empty one matches all).
struct DistributorRule {
  std::optional<DeviceClass> device;
  std::optional<IspId> isp;
  ClientConfig config;  ///< complete: the base with the rule's changes applied
};

/// Distributor settings.
struct DistributorServiceConfig {
  ClientConfig base;
  std::vector<DistributorRule> rules;  ///< in order; the first that matches wins
  std::string tracker_url = "wss://tracker.cdnmesh.invalid/v1";
  std::string signaling_url = "wss://signaling.cdnmesh.invalid/v1";
};

/// One distributor. Not thread-safe.
class DistributorService {
 public:
  /// `tokens` must outlive the service.
  DistributorService(DistributorServiceConfig config, const SessionTokens& tokens);

  /// Handles one message from the client connected as `from`; the answer goes to `out`.
  void OnMessage(TimeUs now_us, PeerId from, const protocol::Message& message, OutgoingList* out);
  /// The configuration a viewer of `device` in `isp` gets.
  const ClientConfig& ConfigFor(DeviceClass device, IspId isp) const;
  /// JoinRequests answered.
  std::uint64_t requests() const { return requests_; }

 private:
  DistributorServiceConfig config_;
  const SessionTokens& tokens_;
  std::uint64_t requests_ = 0;
};

}  // namespace cdnmesh
