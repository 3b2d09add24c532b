#include "core/matching/swarm_registry.h"

#include <cassert>
#include <string>

namespace cdnmesh {
namespace {
Error NoSuchSwarm(const SwarmKey& key) {
  return Error{"swarm: no swarm for content " + std::to_string(key.content) + " rendition " +
               std::to_string(key.rendition)};
}
}  // namespace

SwarmRegistry::SwarmRegistry(SwarmIndexConfig config) : config_(config) {
  assert(ValidateSwarmIndexConfig(config_).ok());
}

Swarm* SwarmRegistry::FindMutable(const SwarmKey& key) {
  auto it = swarms_.find(key);
  return it == swarms_.end() ? nullptr : it->second.get();
}

const Swarm* SwarmRegistry::Find(const SwarmKey& key) const {
  auto it = swarms_.find(key);
  return it == swarms_.end() ? nullptr : it->second.get();
}

Status SwarmRegistry::Join(const SwarmKey& key, const SwarmMember& peer) {
  if (const Status valid = ValidateSwarmMember(peer); !valid.ok()) return valid;
  std::unique_ptr<Swarm>& swarm = swarms_[key];
  if (swarm == nullptr) swarm = std::make_unique<Swarm>(config_);
  const Status joined = swarm->Join(peer);
  if (joined.ok()) ++peer_count_;
  return joined;
}

Status SwarmRegistry::Leave(const SwarmKey& key, PeerId id) {
  auto it = swarms_.find(key);
  if (it == swarms_.end()) return NoSuchSwarm(key);
  const Status left = it->second->Leave(id);
  if (!left.ok()) return left;
  --peer_count_;
  if (it->second->empty()) swarms_.erase(it);
  return {};
}

Status SwarmRegistry::UpdatePosition(const SwarmKey& key, PeerId id, SegmentSeq position_seq) {
  Swarm* swarm = FindMutable(key);
  return swarm == nullptr ? Status(NoSuchSwarm(key)) : swarm->UpdatePosition(id, position_seq);
}

Status SwarmRegistry::UpdateCapacity(const SwarmKey& key, PeerId id,
                                     std::int64_t upload_capacity_bps) {
  Swarm* swarm = FindMutable(key);
  return swarm == nullptr ? Status(NoSuchSwarm(key))
                          : swarm->UpdateCapacity(id, upload_capacity_bps);
}

Status SwarmRegistry::UpdateDemand(const SwarmKey& key, PeerId id, std::int64_t demand_bps) {
  Swarm* swarm = FindMutable(key);
  return swarm == nullptr ? Status(NoSuchSwarm(key)) : swarm->UpdateDemand(id, demand_bps);
}

void SwarmRegistry::Match(const SwarmKey& key, const MatchingPolicy& policy,
                          const SwarmMember& requester, int max_candidates, Rng& rng,
                          std::vector<PeerId>* out) const {
  const Swarm* swarm = Find(key);
  if (swarm == nullptr) {
    out->clear();
    return;
  }
  policy.MatchInto(*swarm, requester, max_candidates, rng, out);
}

}  // namespace cdnmesh
