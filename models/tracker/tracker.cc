#include "models/tracker/tracker.h"

#include <algorithm>

#include "core/matching/policy_factory.h"

namespace cdnmesh {

ns3::TypeId Tracker::GetTypeId() {
  static ns3::TypeId tid = ns3::TypeId("cdnmesh::Tracker")
                               .SetParent<ns3::Application>()
                               .SetGroupName("cdnmesh")
                               .AddConstructor<Tracker>();
  return tid;
}

Status Tracker::Configure(const TrackerConfig& config, std::uint64_t seed) {
  config_ = config;
  if (config.peers_per_request < 0) return Error{"tracker.peers_per_request: must be >= 0"};
  auto policy = MakeMatchingPolicy(config.policy, config.matching);
  if (!policy.ok()) return Error{"tracker: " + policy.error().message};
  policy_ = std::move(policy).value();
  rng_ = Rng(seed);
  return {};
}

void Tracker::Join(const PeerDescriptor& peer, SwarmKey key) {
  ++requests_;
  registry_.Join(key, peer);
}

int Tracker::Announce(const PeerDescriptor& peer, SwarmKey previous, SwarmKey key,
                      std::vector<PeerId>* candidates) {
  ++requests_;
  if (previous != key) {
    registry_.Leave(previous, peer.id);
    registry_.Join(key, peer);
  } else {
    registry_.UpdatePosition(key, peer.id, peer.position_seq);
  }
  // One extra candidate so that dropping the requester still leaves K.
  registry_.Match(key, *policy_, peer, config_.peers_per_request + 1, rng_, candidates);
  candidates->erase(std::remove(candidates->begin(), candidates->end(), peer.id),
                    candidates->end());
  if (static_cast<int>(candidates->size()) > config_.peers_per_request) {
    candidates->resize(static_cast<std::size_t>(config_.peers_per_request));
  }
  const Swarm* swarm = registry_.Find(key);
  return swarm == nullptr ? 0 : static_cast<int>(swarm->size());
}

void Tracker::Leave(PeerId peer, SwarmKey key) {
  ++requests_;
  registry_.Leave(key, peer);
}

}  // namespace cdnmesh
