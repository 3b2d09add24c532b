#include "services/replay_cache.h"

namespace cdnmesh::services {

void ReplayCache::Prune(std::int64_t now_s) {
  while (!by_expiry_.empty() && by_expiry_.top().first < now_s) {
    nonces_.erase(by_expiry_.top().second);
    by_expiry_.pop();
  }
}

ReplayVerdict ReplayCache::Insert(std::int64_t now_s, std::uint64_t nonce, std::int64_t expiry_s) {
  Prune(now_s);
  if (nonces_.count(nonce) != 0) return ReplayVerdict::kReplayed;
  if (nonces_.size() >= capacity_) return ReplayVerdict::kFull;
  nonces_.insert(nonce);
  by_expiry_.push({expiry_s, nonce});
  return ReplayVerdict::kFresh;
}

}  // namespace cdnmesh::services
