// The distributor's check of a JoinRequest's publisher credential (publisher_token.h): MAC,
// expiry, content id, a bound on how far ahead the expiry may be, and single use (replay cache).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/common/result.h"
#include "core/protocol/message.h"
#include "services/replay_cache.h"

namespace cdnmesh::services {

/// Settings of the check.
struct PublisherVerifierConfig {
  std::vector<std::uint8_t> key;            ///< the publisher's HMAC key
  std::int64_t max_ttl_s = 86'400;          ///< expiries further ahead than this are refused
  std::size_t replay_capacity = 1'000'000;  ///< nonces remembered at most (~50 B each)
};

/// Why a credential was refused.
struct Refusal {
  protocol::ServiceErrorCode code = protocol::ServiceErrorCode::kUnauthorized;
  std::uint32_t retry_after_ms = 0;
  std::string text;  ///< "publisher token: <reason>"
};

/// Checks credentials. Not thread-safe.
class PublisherVerifier {
 public:
  explicit PublisherVerifier(PublisherVerifierConfig config)
      : config_(std::move(config)), replay_(config_.replay_capacity) {}

  /// Ok (and the nonce used up) when `join.auth_token` is valid at `now_s` (unix s) for
  /// `join.content`; otherwise why not.
  std::optional<Refusal> Check(std::int64_t now_s, const protocol::JoinRequest& join);
  /// Nonces held by the replay cache.
  std::size_t nonces() const { return replay_.size(); }

 private:
  PublisherVerifierConfig config_;
  ReplayCache replay_;
};

}  // namespace cdnmesh::services
