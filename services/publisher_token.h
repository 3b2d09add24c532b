// The publisher's credential, checked by the distributor before it issues a session token:
// ASCII "v1.<content id>.<expiry, unix s>.<nonce, 16 hex>.<HMAC-SHA256 hex>", the MAC (64
// lower-case hex digits) taken with the publisher key over everything before the last dot.
// The publisher's page mints one per viewer; the nonce makes each token single-use.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/common/result.h"

namespace cdnmesh::services {

/// The fields of a well-formed token (its MAC already checked).
struct PublisherToken {
  std::uint32_t content = 0;  ///< content id the token is for
  std::int64_t expiry_s = 0;  ///< unix seconds after which it is refused
  std::uint64_t nonce = 0;    ///< single-use value
};

/// HMAC-SHA256 of `data` under `key`, as 64 lower-case hex digits.
std::string HmacSha256Hex(const std::vector<std::uint8_t>& key, std::string_view data);

/// A token for `content` expiring at `expiry_s` (unix seconds) with `nonce`.
std::string MintPublisherToken(const std::vector<std::uint8_t>& key, std::uint32_t content,
                               std::int64_t expiry_s, std::uint64_t nonce);

/// Parses `token` and checks its MAC under `key` (constant-time comparison). The error names
/// the reason: "malformed ..." or "forged (MAC mismatch)". Expiry, content and replay are the
/// caller's (PublisherVerifier) to check.
Result<PublisherToken> ParsePublisherToken(const std::vector<std::uint8_t>& key,
                                           std::string_view token);

/// A random 64-bit nonce from OpenSSL's generator.
std::uint64_t RandomNonce();

}  // namespace cdnmesh::services
