// One swarm (content, rendition) as the tracker sees it: its members and the indexes that let
// matching policies answer a request without scanning the swarm. Joins, leaves and updates cost
// O(1) hash-map work plus O(log n) ordered-map work; members live in a dense array (swap-remove)
// and every index stores member slots, kept in sync when a member changes slot.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/common/result.h"
#include "core/common/types.h"
#include "core/matching/geo.h"
#include "core/matching/geo_index.h"
#include "core/matching/swarm_member.h"
#include "core/matching/slot_bucket.h"

namespace cdnmesh {

/// How a swarm buckets its members.
struct SwarmIndexConfig {
  /// Upload-capacity classes per doubling of capacity (classes are linear within an octave, so
  /// a class spans a factor of at most 1 + 1/classes); default 4.
  int capacity_classes_per_octave = 4;
  /// Width of a playback-position bucket, in segments; default 1.
  int position_bucket_segments = 1;
};

/// Checks a SwarmIndexConfig; the error names the offending field.
Status ValidateSwarmIndexConfig(const SwarmIndexConfig& config);

/// Capacity class of a usable upload capacity (bps); -1 for peers that upload nothing.
int CapacityClassOf(std::int64_t usable_upload_bps, int classes_per_octave);
/// The middle of a capacity class (>= 0), bps: the capacity its members are taken to have.
double CapacityClassMidBps(int capacity_class, int classes_per_octave);

/// Members bucketed by NAT type only.
using NatIndex = KeyedSlotIndex<std::map<int, SlotBucket>>;
/// Members bucketed by (ISP, NAT type); key = isp * kNatTypeCount + nat.
using IspIndex = KeyedSlotIndex<std::unordered_map<std::uint32_t, SlotBucket>>;
/// Members bucketed by (NAT type, ordered rank): capacity class or position bucket.
using RankIndex = KeyedSlotIndex<std::map<std::pair<int, std::int64_t>, SlotBucket>>;

/// The members of one swarm and their indexes. Not thread-safe; queries are const.
class Swarm {
 public:
  /// `config` must pass ValidateSwarmIndexConfig.
  explicit Swarm(SwarmIndexConfig config = {});

  /// Adds a peer; error if the descriptor is invalid or the id is already a member.
  Status Join(const SwarmMember& peer);
  /// Removes a member; error if `id` is not a member.
  Status Leave(PeerId id);
  /// Sets a member's playback position (segment sequence number).
  Status UpdatePosition(PeerId id, SegmentSeq position_seq);
  /// Sets a member's nominal upload capacity, bps (>= 0).
  Status UpdateCapacity(PeerId id, std::int64_t upload_capacity_bps);
  /// Sets a member's measured download rate, bps (>= 0; 0 = not measured).
  Status UpdateDemand(PeerId id, std::int64_t demand_bps);

  /// How much of its own members' demand the ISP `isp` can serve from inside, in [0, 1]: the
  /// usable upload of its members over (members x the swarm's mean measured demand x
  /// `headroom`), capped at 1. 1 when `headroom` <= 0 or no member's demand is measured yet.
  double LocalSupplyShare(IspId isp, double headroom) const;

  /// Number of members.
  std::size_t size() const { return members_.size(); }
  /// True when the swarm has no member.
  bool empty() const { return members_.empty(); }
  /// The member's slot, or kNoMemberSlot when `id` is not a member.
  MemberSlot SlotOf(PeerId id) const;
  /// The member with `id`, or nullptr (pointer valid until the next mutation).
  const SwarmMember* Find(PeerId id) const;
  /// The member in `slot` (< size()).
  const SwarmMember& member(MemberSlot slot) const { return members_[slot].peer; }
  /// Unit vector of the location of the member in `slot` (< size()).
  const Vec3& unit_vector(MemberSlot slot) const { return members_[slot].unit; }
  /// The bucketing configuration.
  const SwarmIndexConfig& config() const { return config_; }

  /// Members by NAT type.
  const NatIndex& by_nat() const { return by_nat_; }
  /// Members by (ISP, NAT type).
  const IspIndex& by_isp() const { return by_isp_; }
  /// Members by location and NAT type.
  const GeoIndex& by_location() const { return by_location_; }
  /// Members by (NAT type, capacity class of their usable upload).
  const RankIndex& by_capacity() const { return by_capacity_; }
  /// Members by (NAT type, position bucket).
  const RankIndex& by_position() const { return by_position_; }
  /// Position bucket of a segment sequence number.
  std::int64_t PositionBucketOf(SegmentSeq position_seq) const;

  /// O(n) self-check that every index matches the members (for tests and debugging).
  Status CheckConsistency() const;

 private:
  RankIndex::Key CapacityKey(const SwarmMember& peer) const;
  RankIndex::Key PositionKey(const SwarmMember& peer) const;
  void IndexMember(MemberSlot slot);
  void UnindexMember(MemberSlot slot);
  void MoveMember(MemberSlot from, MemberSlot to);

  struct IspSupply {  // one ISP's members in this swarm and what they can upload
    std::int64_t members = 0;
    std::int64_t usable_upload_bps = 0;
  };
  void CountSupply(const SwarmMember& peer, int sign);
  Status CheckSupply() const;

  struct Member {  // a descriptor with its location's unit vector, read together when scoring
    SwarmMember peer;
    Vec3 unit;
  };

  SwarmIndexConfig config_;
  std::vector<Member> members_;
  std::unordered_map<PeerId, MemberSlot> slot_of_;
  NatIndex by_nat_;
  IspIndex by_isp_;
  GeoIndex by_location_;
  RankIndex by_capacity_;
  RankIndex by_position_;
  std::unordered_map<IspId, IspSupply> supply_by_isp_;
  std::int64_t demand_sum_bps_ = 0;   // over members with a measured demand
  std::int64_t demand_members_ = 0;  // members with a measured demand
};

}  // namespace cdnmesh
