// Spatial index of a swarm's members for nearest-peer queries: a pyramid of latitude/longitude
// cells (leaves 1/16 degree, about 7 km; each level is 4 x 4 cells of the level below, up to
// 64-degree cells). Every internal cell stores, for each of its 16 children, the member count per
// NAT type and a bounding cap (centre, chord radius); a best-first search (Hjaltason & Samet)
// over these caps finds the exact nearest members and never opens a cell holding no
// member the requester can reach; cells farther than the K-th best member found so far are
// pruned (branch and bound), so a query touches O(levels x answer) cells, not the swarm.
// Memory: about 0.5 KiB per occupied 1/4-degree cell plus 32 bytes per member.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <vector>

#include "core/common/random.h"
#include "core/common/result.h"
#include "core/common/types.h"
#include "core/matching/candidate_set.h"
#include "core/matching/flat_map.h"
#include "core/matching/geo.h"
#include "core/matching/swarm_member.h"
#include "core/matching/slot_bucket.h"

namespace cdnmesh {

/// Members by location (and NAT type); owned by a Swarm, which keeps it in sync.
class GeoIndex {
 public:
  /// Indexes `slot` (not yet indexed) at `where` (unit vector `unit`) under NAT type `nat`.
  void Insert(MemberSlot slot, const GeoPoint& where, const Vec3& unit, NatType nat);
  /// Removes `slot`, indexed at `where` under `nat`.
  void Erase(MemberSlot slot, const GeoPoint& where, NatType nat);
  /// Records that the member indexed as `from` at `where` now lives in slot `to`.
  void Move(MemberSlot from, MemberSlot to, const GeoPoint& where);

  /// Adds to `picked` up to `count` members with a NAT type in `nats`, nearest to `origin`
  /// first, skipping those already picked; opens at most `max_cells` cells. The order is exact,
  /// except inside a leaf holding more than max(256, 8 x count) members (a pile, e.g. peers
  /// geolocated to one city centre): a random window of that many is examined, so the answer
  /// is then exact to within the leaf size. Returns how many were added.
  std::size_t CollectNearest(const Vec3& origin, NatMask nats, std::size_t count, int max_cells,
                             Rng& rng, CandidateSet* picked) const;

  /// O(n) self-check against the `n` members' locations and NAT types (tests, debugging).
  Status Check(std::size_t n, const std::function<GeoPoint(MemberSlot)>& where_of,
               const std::function<NatType(MemberSlot)>& nat_of) const;

 private:
  struct CellInfo {                                   // what a parent knows about one child cell
    std::array<std::int32_t, kNatTypeCount> count{};  // members per NAT type
    float center[3] = {0, 0, 0};                      // unit vector of the cell centre
    float radius_chord = 0;  // bound on the chord from the stored centre to any point inside
  };
  static constexpr int kChildren = 16;
  struct Cell {  // an internal cell (level >= 1): its 4 x 4 children, row-major
    std::array<CellInfo, kChildren> child;
  };
  struct LeafEntry {
    Vec3 unit;
    MemberSlot slot;
    NatType nat;
  };
  struct Leaf {
    std::vector<LeafEntry> entries;
  };
  struct Search;  // the state of one nearest-members query (geo_index.cc)

  Status CheckLeaves(std::size_t n, const std::function<GeoPoint(MemberSlot)>& where_of,
                     const std::function<NatType(MemberSlot)>& nat_of) const;
  Status CheckCells(std::size_t n, const std::function<GeoPoint(MemberSlot)>& where_of,
                    const std::function<NatType(MemberSlot)>& nat_of) const;
  CellInfo* InfoFor(std::uint32_t key, bool create);
  const CellInfo* InfoOf(std::uint32_t key) const;
  void PushCell(std::uint32_t key, const CellInfo& info, Search* search) const;
  void OpenCell(std::uint32_t key, Search* search) const;
  void OpenLeaf(std::uint32_t key, Search* search) const;

  std::vector<CellInfo> top_;               // top-level cells, row-major (allocated on first use)
  FlatMap<Cell> cells_;                     // internal cells by key
  FlatMap<Leaf> leaves_;                    // leaf cells by key
  std::vector<std::uint32_t> pos_of_slot_;  // position of each slot in its leaf
};

}  // namespace cdnmesh
