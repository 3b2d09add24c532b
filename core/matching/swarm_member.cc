#include "core/matching/swarm_member.h"

#include <cmath>

#include "core/common/random.h"

namespace cdnmesh {

std::size_t SwarmKeyHash::operator()(const SwarmKey& key) const {
  return static_cast<std::size_t>(HashKeys(0x5EED, key.content, key.rendition));
}

Status ValidateSwarmMember(const SwarmMember& peer) {
  if (peer.id == kInvalidPeer) return Error{"id: must not be kInvalidPeer"};
  const double lat = peer.location.latitude_deg;
  const double lon = peer.location.longitude_deg;
  if (!std::isfinite(lat) || lat < -90.0 || lat > 90.0) {
    return Error{"location.latitude_deg: must be in [-90, 90]"};
  }
  if (!std::isfinite(lon) || lon < -180.0 || lon > 180.0) {
    return Error{"location.longitude_deg: must be in [-180, 180]"};
  }
  if (static_cast<int>(peer.device) >= kDeviceClassCount) return Error{"device: unknown class"};
  if (static_cast<int>(peer.nat) >= kNatTypeCount) return Error{"nat: unknown type"};
  if (peer.upload_capacity_bps < 0) return Error{"upload_capacity_bps: must be >= 0"};
  if (peer.demand_bps < 0) return Error{"demand_bps: must be >= 0"};
  return {};
}

}  // namespace cdnmesh
