#include "services/publisher_verifier.h"

#include <algorithm>
#include <string>
#include <string_view>

#include "services/publisher_token.h"

namespace cdnmesh::services {
namespace {

Refusal Unauthorized(const std::string& reason) {
  return Refusal{protocol::ServiceErrorCode::kUnauthorized, 0, "publisher token: " + reason};
}

}  // namespace

std::optional<Refusal> PublisherVerifier::Check(std::int64_t now_s,
                                                const protocol::JoinRequest& join) {
  const std::string_view text(reinterpret_cast<const char*>(join.auth_token.data()),
                              join.auth_token.size());
  if (text.empty()) return Unauthorized("missing");
  auto parsed = ParsePublisherToken(config_.key, text);
  if (!parsed.ok()) return Unauthorized(parsed.error().message);
  const PublisherToken& token = parsed.value();
  if (token.expiry_s <= now_s) return Unauthorized("expired");
  if (token.expiry_s - now_s > config_.max_ttl_s) {
    return Unauthorized("expiry more than " + std::to_string(config_.max_ttl_s) + " s ahead");
  }
  if (token.content != join.content) {
    return Unauthorized("for content " + std::to_string(token.content) + ", not " +
                        std::to_string(join.content));
  }
  switch (replay_.Insert(now_s, token.nonce, token.expiry_s)) {
    case ReplayVerdict::kFresh:
      return std::nullopt;
    case ReplayVerdict::kReplayed:
      return Unauthorized("replayed (nonce already used)");
    case ReplayVerdict::kFull: {
      const std::int64_t wait_s = std::max<std::int64_t>(1, replay_.earliest_expiry_s() - now_s);
      return Refusal{protocol::ServiceErrorCode::kOverloaded,
                     static_cast<std::uint32_t>(std::min<std::int64_t>(wait_s * 1000, UINT32_MAX)),
                     "publisher token: replay cache full, retry later"};
    }
  }
  return Unauthorized("unknown");
}

}  // namespace cdnmesh::services
