// Session tokens: the distributor issues one per viewer; the tracker and signaling service
// accept a client only with a valid, unexpired token. A token is
// [nonce: u64][expiry_us: i64][tag: u64], little endian, where tag is a keyed hash of the nonce
// and expiry under a secret the services share. The keyed hash (SplitMix64-based) resists
// accidents and casual forgery, not a determined attacker: the real services wrap it in TLS
// and check the publisher's credential with HMAC-SHA256.
#pragma once

#include <cstdint>
#include <vector>

#include "core/common/result.h"
#include "core/common/time.h"

namespace cdnmesh {

/// Bytes of an encoded session token.
inline constexpr std::size_t kSessionTokenBytes = 24;

/// Issues and checks session tokens under one secret.
class SessionTokens {
 public:
  /// `secret` keys the tags; `lifetime_us` (> 0) is how long a token stays valid.
  SessionTokens(std::uint64_t secret, DurationUs lifetime_us);
  /// A token for `nonce` valid from `now_us` for the lifetime.
  std::vector<std::uint8_t> Issue(TimeUs now_us, std::uint64_t nonce) const;
  /// Ok if `token` was issued under this secret and has not expired at `now_us`; otherwise an
  /// error saying why (size, tag, expiry).
  Status Check(TimeUs now_us, const std::vector<std::uint8_t>& token) const;

 private:
  std::uint64_t Tag(std::uint64_t nonce, TimeUs expiry_us) const;

  std::uint64_t secret_;
  DurationUs lifetime_us_;
};

}  // namespace cdnmesh
