// The services' message handling without sockets: frames in, frames out. Owns core's service
// objects (distributor, tracker, signaling relay, session tokens) and adds what only the real
// deployment needs: the publisher credential check, the binding of a signaling connection to
// its tracker session, and frame decoding errors answered as ServiceError. The Beast host
// (server.h) and the fuzz target drive it alike. Single-threaded: the core objects are not
// thread-safe.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "core/services/distributor_service.h"
#include "core/services/signaling_relay.h"
#include "core/services/tracker_service.h"
#include "services/publisher_verifier.h"

namespace cdnmesh::services {

/// Everything the dispatch is built from.
struct DispatchConfig {
  DistributorServiceConfig distributor;
  TrackerServiceConfig tracker;
  PublisherVerifierConfig publisher;
  std::uint64_t session_secret = 0;    ///< keys core's session tokens (random per process)
  std::vector<std::uint8_t> seal_key;  ///< seals them (session_seal.h; random per process)
  DurationUs session_lifetime_us = 3600 * kUsPerSecond;
  std::uint64_t seed = 1;  ///< matching draws
};

/// One encoded frame for the connection of peer `to`.
struct OutFrame {
  PeerId to = kInvalidPeer;
  std::vector<std::uint8_t> bytes;
};

/// The answer to POST /v1/join.
struct JoinAnswer {
  int http_status = 200;            ///< 200 with ConfigResponse, 4xx / 503 with ServiceError
  std::vector<std::uint8_t> frame;  ///< the body
};

/// Counters of what the dispatch refused (the core objects count the rest).
struct DispatchStats {
  std::uint64_t joins_accepted = 0;
  std::uint64_t joins_refused = 0;
  std::uint64_t bad_frames = 0;         ///< undecodable frames on any socket
  std::uint64_t signaling_refused = 0;  ///< signaling connections refused at open
  std::uint64_t bad_seals = 0;          ///< session tokens whose seal did not verify
};

/// Frames in, frames out, for all three services. Not thread-safe.
class ServiceDispatch {
 public:
  /// Error if the tracker's policy or settings are invalid.
  static Result<std::unique_ptr<ServiceDispatch>> Create(DispatchConfig config);

  /// POST /v1/join with `body` at `now_us` (unix microseconds).
  JoinAnswer Join(TimeUs now_us, const std::uint8_t* body, std::size_t size);

  /// A fresh peer id for a new tracker connection (never 0, never reused).
  PeerId NewPeerId();
  /// One WebSocket message from the tracker connection of `peer`; answers appended to `out`.
  void TrackerFrame(TimeUs now_us, PeerId peer, const std::uint8_t* data, std::size_t size,
                    std::vector<OutFrame>* out);
  /// The tracker connection of `peer` closed: it leaves its swarm and its session binding.
  void TrackerClosed(PeerId peer);

  /// May `peer` open signaling with `token`? Only if its tracker connection presented that
  /// token (and it is valid) and no other signaling connection of `peer` is open.
  Status SignalingOpen(TimeUs now_us, PeerId peer, const std::vector<std::uint8_t>& token);
  /// One WebSocket message from the signaling connection of `peer`.
  void SignalingFrame(TimeUs now_us, PeerId peer, const std::uint8_t* data, std::size_t size,
                      std::vector<OutFrame>* out);
  /// The signaling connection of `peer` closed.
  void SignalingClosed(PeerId peer);

  /// A ServiceError frame (text truncated to the protocol's limit).
  static std::vector<std::uint8_t> ErrorFrame(protocol::ServiceErrorCode code, std::string text,
                                              std::uint32_t retry_after_ms = 0);

  const TrackerService& tracker() const { return *tracker_; }
  const SignalingRelay& relay() const { return relay_; }
  const DistributorService& distributor() const { return distributor_; }
  const DispatchStats& stats() const { return stats_; }
  const PublisherVerifier& publisher() const { return publisher_; }
  /// Tracker sessions bound to a session token now.
  std::size_t bound_sessions() const { return bound_tokens_.size(); }

 private:
  // The message of one frame, or nothing after answering the sender with kBadRequest.
  std::optional<protocol::Message> DecodeOrRefuse(PeerId peer, const std::uint8_t* data,
                                                  std::size_t size, std::vector<OutFrame>* out);
  explicit ServiceDispatch(DispatchConfig config);
  void Encode(const OutgoingList& outgoing, std::vector<OutFrame>* out);
  void BindSession(PeerId peer, const std::vector<std::uint8_t>& sealed,
                   const OutgoingList& answers);
  bool UnsealJoin(PeerId peer, protocol::Message* message, std::vector<std::uint8_t>* sealed,
                  std::vector<OutFrame>* out);

  DispatchConfig config_;
  SessionTokens tokens_;
  DistributorService distributor_;
  std::unique_ptr<TrackerService> tracker_;
  SignalingRelay relay_;
  PublisherVerifier publisher_;
  std::unordered_map<PeerId, std::vector<std::uint8_t>> bound_tokens_;  ///< tracker sessions
  std::unordered_set<PeerId> signaling_open_;
  PeerId next_peer_ = 1;
  OutgoingList scratch_;
  DispatchStats stats_;
};

}  // namespace cdnmesh::services
