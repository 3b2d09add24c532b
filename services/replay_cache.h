// Nonces of accepted publisher tokens, each kept until its token expires (after that the expiry
// check refuses the token anyway). Memory is bounded: at most `capacity` nonces; when full of
// unexpired nonces the cache refuses new ones (fail closed) instead of forgetting one early.
#pragma once

#include <cstddef>
#include <cstdint>
#include <queue>
#include <unordered_set>
#include <utility>
#include <vector>

namespace cdnmesh::services {

/// What Insert did.
enum class ReplayVerdict {
  kFresh,     ///< not seen before: now remembered
  kReplayed,  ///< seen before and not yet expired
  kFull,      ///< capacity reached by unexpired nonces: refused
};

/// Bounded set of single-use nonces with expiries (unix seconds). Not thread-safe.
class ReplayCache {
 public:
  /// Holds at most `capacity` (> 0) nonces.
  explicit ReplayCache(std::size_t capacity) : capacity_(capacity) {}

  /// Prunes nonces expired at `now_s`, then remembers `nonce` until `expiry_s` unless present.
  ReplayVerdict Insert(std::int64_t now_s, std::uint64_t nonce, std::int64_t expiry_s);
  /// Nonces held.
  std::size_t size() const { return nonces_.size(); }
  /// Earliest expiry held (unix s), or 0 when empty: when room frees up if full.
  std::int64_t earliest_expiry_s() const { return by_expiry_.empty() ? 0 : by_expiry_.top().first; }

 private:
  using Entry = std::pair<std::int64_t, std::uint64_t>;  // (expiry_s, nonce)
  void Prune(std::int64_t now_s);

  std::size_t capacity_;
  std::unordered_set<std::uint64_t> nonces_;
  std::priority_queue<Entry, std::vector<Entry>, std::greater<Entry>> by_expiry_;
};

}  // namespace cdnmesh::services
