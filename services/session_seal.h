// Production strength for core's session tokens. Core's SessionTokens tags a token with a
// SplitMix64-based keyed hash: enough for the simulator, but SplitMix64 is invertible, so one
// issued token reveals the secret and lets its holder forge more (skipping the publisher check).
// The real distributor therefore seals every token it issues: sealed = core token || HMAC-SHA256
// (seal key, core token), 32 bytes, and the tracker and signaling hosts unseal before core sees
// the token. Clients treat session tokens as opaque bytes (56 today).
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

namespace cdnmesh::services {

/// Bytes the seal adds to a token.
inline constexpr std::size_t kSealBytes = 32;

/// `token` followed by its HMAC-SHA256 under `key`.
std::vector<std::uint8_t> SealToken(const std::vector<std::uint8_t>& key,
                                    const std::vector<std::uint8_t>& token);

/// The token inside `sealed` when its seal verifies under `key` (constant-time); else nullopt.
std::optional<std::vector<std::uint8_t>> UnsealToken(const std::vector<std::uint8_t>& key,
                                                     const std::vector<std::uint8_t>& sealed);

/// 32 random bytes from OpenSSL's generator (a fresh seal key per process).
std::vector<std::uint8_t> RandomSealKey();

}  // namespace cdnmesh::services
