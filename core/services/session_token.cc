#include "core/services/session_token.h"

#include <string>

#include "core/common/random.h"

namespace cdnmesh {
namespace {

void PutU64(std::uint64_t value, std::vector<std::uint8_t>* out) {
  for (int i = 0; i < 8; ++i) out->push_back(static_cast<std::uint8_t>(value >> (8 * i)));
}

std::uint64_t GetU64(const std::vector<std::uint8_t>& bytes, std::size_t at) {
  std::uint64_t value = 0;
  for (int i = 0; i < 8; ++i) value |= std::uint64_t{bytes[at + i]} << (8 * i);
  return value;
}

}  // namespace

SessionTokens::SessionTokens(std::uint64_t secret, DurationUs lifetime_us)
    : secret_(secret), lifetime_us_(lifetime_us) {}

std::uint64_t SessionTokens::Tag(std::uint64_t nonce, TimeUs expiry_us) const {
  return HashKeys(secret_, nonce, static_cast<std::uint64_t>(expiry_us));
}

std::vector<std::uint8_t> SessionTokens::Issue(TimeUs now_us, std::uint64_t nonce) const {
  const TimeUs expiry_us = now_us > kNever - lifetime_us_ ? kNever : now_us + lifetime_us_;
  std::vector<std::uint8_t> token;
  token.reserve(kSessionTokenBytes);
  PutU64(nonce, &token);
  PutU64(static_cast<std::uint64_t>(expiry_us), &token);
  PutU64(Tag(nonce, expiry_us), &token);
  return token;
}

Status SessionTokens::Check(TimeUs now_us, const std::vector<std::uint8_t>& token) const {
  if (token.size() != kSessionTokenBytes) {
    return Error{"session token: " + std::to_string(token.size()) + " bytes, expected " +
                 std::to_string(kSessionTokenBytes)};
  }
  const std::uint64_t nonce = GetU64(token, 0);
  const auto expiry_us = static_cast<TimeUs>(GetU64(token, 8));
  if (GetU64(token, 16) != Tag(nonce, expiry_us)) return Error{"session token: invalid tag"};
  if (now_us >= expiry_us) return Error{"session token: expired"};
  return {};
}

}  // namespace cdnmesh
