// How segments spread through the mesh: relaying segments still arriving (relay_after_bytes)
// and adaptive seeding (seeding_miss_target), called from the inputs (scheduler.cc) and the
// planning pass (scheduler_plan.cc).
#include <algorithm>
#include <cmath>

#include "core/scheduler/scheduler.h"

namespace cdnmesh {

// Pipelining: a segment whose first relay_after_bytes arrived (and whose size the response
// told) is announced at once, so peers can ask for it while the rest arrives.
void Scheduler::MaybeAnnounceRelay(Transfer& t) {
  if (config_.relay_after_bytes <= 0 || !config_.p2p_enabled || t.relay_announced ||
      !t.size_known || t.bytes_received < std::min(config_.relay_after_bytes, t.size_bytes) ||
      cache_.Contains(t.key)) {
    return;
  }
  t.relay_announced = true;
  TellPeers(t.key);
}

// The transfer a partial upload of `key` can relay from: one of that segment that was
// announced while arriving.
const Transfer* Scheduler::RelaySource(SegmentKey key) const {
  for (const Transfer& t : transfers_.all()) {
    if (t.key == key && t.relay_announced) return &t;
  }
  return nullptr;
}

// A partial upload whose segment is neither held nor arriving any more (its download failed or
// was cancelled with nothing to replace it) cannot finish: the requester is told at once.
void Scheduler::AbortOrphanedRelays() {
  for (std::size_t i = 0; i < relays_.size();) {
    const PartialUpload& relay = relays_[i];
    const bool arriving = std::any_of(transfers_.all().begin(), transfers_.all().end(),
                                      [&](const Transfer& t) { return t.key == relay.key; });
    if (arriving || cache_.Contains(relay.key)) {
      ++i;
      continue;
    }
    Action abort;
    abort.type = ActionType::kAbortUpload;
    abort.reason = Reason::kNotHeld;
    abort.upload = relay.upload;
    abort.peer = relay.peer;
    abort.key = relay.key;
    Emit(abort);
    relays_.erase(relays_.begin() + static_cast<std::ptrdiff_t>(i));
  }
}

// Adaptive seeding (seeding_miss_target): a segment fetched from the CDN while playing, other
// than to seed, is one the mesh did not deliver in time; one from a peer is one it did. The
// gain doubles on a miss and shrinks by `down` on a hit, with down chosen so that the gain is
// stable when a share `target` of segments misses: target ln 2 + (1 - target) ln down = 0.
void Scheduler::AdaptSeeding(const Transfer& t) {
  const double target = config_.seeding_miss_target;
  if (target <= 0 || !stream_.live() || t.seeding ||
      player_->state() != PlayerState::kPlaying) {
    return;
  }
  if (t.from_cdn()) {
    seeding_gain_ = std::min(kMaxSeedingGain, seeding_gain_ * 2.0);
  } else {
    seeding_gain_ = std::max(1.0, seeding_gain_ * std::exp(-target * std::log(2.0) / (1 - target)));
  }
}

}  // namespace cdnmesh
