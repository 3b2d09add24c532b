#include "core/matching/geo_index.h"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <functional>
#include <limits>
#include <map>
#include <string>
#include <utility>

namespace cdnmesh {
namespace {

constexpr int kLeafCellsPerDegree = 16;
constexpr int kSideBits = 2;  // 4 x 4 children per cell
constexpr int kTopLevel = 5;  // cells of 4^5 / 16 = 64 degrees
constexpr int kTopShift = kSideBits * kTopLevel;
constexpr int kColumns = 360 * kLeafCellsPerDegree;
constexpr int kRows = 180 * kLeafCellsPerDegree;
constexpr int kTopColumns = (kColumns + (1 << kTopShift) - 1) >> kTopShift;
constexpr int kTopRows = (kRows + (1 << kTopShift) - 1) >> kTopShift;
constexpr std::size_t kMinLeafWindow = 256;
constexpr std::size_t kLeafWindowPerCandidate = 8;

// A cell key packs (level: 4 bits, row: 14 bits, column: 14 bits).
constexpr std::uint32_t CellKey(int level, int column, int row) {
  return (static_cast<std::uint32_t>(level) << 28) | (static_cast<std::uint32_t>(row) << 14) |
         static_cast<std::uint32_t>(column);
}
constexpr int LevelOf(std::uint32_t key) { return static_cast<int>(key >> 28); }
constexpr int RowOf(std::uint32_t key) { return static_cast<int>((key >> 14) & 0x3FFF); }
constexpr int ColumnOf(std::uint32_t key) { return static_cast<int>(key & 0x3FFF); }
constexpr int kSideMask = (1 << kSideBits) - 1;
constexpr std::uint32_t ParentOf(std::uint32_t key) {
  return CellKey(LevelOf(key) + 1, ColumnOf(key) >> kSideBits, RowOf(key) >> kSideBits);
}
// Position of a cell among its parent's children (row-major).
constexpr int ChildIndexOf(std::uint32_t key) {
  return (ColumnOf(key) & kSideMask) | ((RowOf(key) & kSideMask) << kSideBits);
}
constexpr std::uint32_t ChildOf(std::uint32_t key, int index) {
  return CellKey(LevelOf(key) - 1, (ColumnOf(key) << kSideBits) | (index & kSideMask),
                 (RowOf(key) << kSideBits) | (index >> kSideBits));
}

std::uint32_t CellOf(const GeoPoint& where, int level) {
  const int column =
      static_cast<int>(std::floor((where.longitude_deg + 180.0) * kLeafCellsPerDegree));
  const int row = static_cast<int>(std::floor((where.latitude_deg + 90.0) * kLeafCellsPerDegree));
  return CellKey(level, std::clamp(column, 0, kColumns - 1) >> (kSideBits * level),
                 std::clamp(row, 0, kRows - 1) >> (kSideBits * level));
}

std::int32_t ReachableCount(const std::array<std::int32_t, kNatTypeCount>& count, NatMask nats) {
  std::int32_t total = 0;
  for (int n = 0; n < kNatTypeCount; ++n) total += (nats >> n) & 1u ? count[n] : 0;
  return total;
}
constexpr NatMask kAllNats = (1u << kNatTypeCount) - 1;

// Centre and bounding chord of a cell. Cells are at most 64 degrees wide, so the farthest point
// from the centre is a corner (the distance grows along parallels, and along a meridian less
// than 90 degrees of longitude away it has no interior maximum). The centre is stored in single
// precision; its rounding error and a small slack are added to the radius so the bound stays
// conservative.
void InitGeometry(std::uint32_t key, float center[3], float* radius_chord) {
  const double size_deg =
      static_cast<double>(1 << (kSideBits * LevelOf(key))) / kLeafCellsPerDegree;
  const double lon0 = ColumnOf(key) * size_deg - 180.0;
  const double lat0 = RowOf(key) * size_deg - 90.0;
  const double lon1 = std::min(lon0 + size_deg, 180.0);
  const double lat1 = std::min(lat0 + size_deg, 90.0);
  const Vec3 exact = UnitVectorOf({(lat0 + lat1) / 2.0, (lon0 + lon1) / 2.0});
  center[0] = static_cast<float>(exact.x);
  center[1] = static_cast<float>(exact.y);
  center[2] = static_cast<float>(exact.z);
  const Vec3 stored{center[0], center[1], center[2]};
  double radius = 0.0;
  for (const GeoPoint corner :
       {GeoPoint{lat0, lon0}, GeoPoint{lat0, lon1}, GeoPoint{lat1, lon0}, GeoPoint{lat1, lon1}}) {
    radius = std::max(radius, ChordBetween(exact, UnitVectorOf(corner)));
  }
  const double bound = radius * (1.0 + 1e-9) + ChordBetween(exact, stored) + 1e-9;
  *radius_chord = std::nextafter(static_cast<float>(bound), std::numeric_limits<float>::max());
}

}  // namespace

GeoIndex::CellInfo* GeoIndex::InfoFor(std::uint32_t key, bool create) {
  if (LevelOf(key) == kTopLevel) {
    if (top_.empty()) top_.resize(kTopColumns * kTopRows);
    return &top_[RowOf(key) * kTopColumns + ColumnOf(key)];
  }
  bool created = false;
  Cell* parent = create ? cells_.FindOrInsert(ParentOf(key), &created) : cells_.Find(ParentOf(key));
  assert(parent != nullptr);
  return &parent->child[ChildIndexOf(key)];
}

const GeoIndex::CellInfo* GeoIndex::InfoOf(std::uint32_t key) const {
  if (LevelOf(key) == kTopLevel) {
    return top_.empty() ? nullptr : &top_[RowOf(key) * kTopColumns + ColumnOf(key)];
  }
  const Cell* parent = cells_.Find(ParentOf(key));
  return parent == nullptr ? nullptr : &parent->child[ChildIndexOf(key)];
}

void GeoIndex::Insert(MemberSlot slot, const GeoPoint& where, const Vec3& unit, NatType nat) {
  if (pos_of_slot_.size() <= slot) pos_of_slot_.resize(slot + 1, kNoMemberSlot);
  bool created = false;
  Leaf* leaf = leaves_.FindOrInsert(CellOf(where, 0), &created);
  pos_of_slot_[slot] = static_cast<std::uint32_t>(leaf->entries.size());
  leaf->entries.push_back({unit, slot, nat});
  for (int level = 0; level <= kTopLevel; ++level) {
    const std::uint32_t key = CellOf(where, level);
    CellInfo* info = InfoFor(key, /*create=*/true);
    if (ReachableCount(info->count, kAllNats) == 0)
      InitGeometry(key, info->center, &info->radius_chord);
    ++info->count[static_cast<int>(nat)];
  }
}

void GeoIndex::Erase(MemberSlot slot, const GeoPoint& where, NatType nat) {
  const std::uint32_t leaf_key = CellOf(where, 0);
  Leaf* leaf = leaves_.Find(leaf_key);
  assert(leaf != nullptr);
  const std::uint32_t pos = pos_of_slot_[slot];
  leaf->entries[pos] = leaf->entries.back();
  pos_of_slot_[leaf->entries[pos].slot] = pos;
  leaf->entries.pop_back();
  pos_of_slot_[slot] = kNoMemberSlot;
  if (leaf->entries.empty()) leaves_.Erase(leaf_key);
  for (int level = 0; level <= kTopLevel; ++level) {
    const std::uint32_t key = CellOf(where, level);
    CellInfo* info = InfoFor(key, /*create=*/false);
    assert(info->count[static_cast<int>(nat)] > 0);
    --info->count[static_cast<int>(nat)];
    const bool emptied = ReachableCount(info->count, kAllNats) == 0;
    if (emptied && level > 0) cells_.Erase(key);  // `info` is not used past this point
  }
}

void GeoIndex::Move(MemberSlot from, MemberSlot to, const GeoPoint& where) {
  Leaf* leaf = leaves_.Find(CellOf(where, 0));
  assert(leaf != nullptr);
  if (pos_of_slot_.size() <= to) pos_of_slot_.resize(to + 1, kNoMemberSlot);
  const std::uint32_t pos = pos_of_slot_[from];
  leaf->entries[pos].slot = to;
  pos_of_slot_[to] = pos;
  pos_of_slot_[from] = kNoMemberSlot;
}

struct GeoIndex::Search {
  Vec3 origin;
  NatMask nats = 0;
  std::size_t count = 0;  // members wanted
  Rng* rng = nullptr;
  const CandidateSet* picked = nullptr;
  std::vector<std::pair<double, std::uint32_t>> cells;  // min-heap of (lower bound, cell key)
  std::vector<std::pair<double, MemberSlot>> best;      // max-heap of (chord, slot), <= count

  // Chord of the worst member kept once `count` are kept; a cell at least this far is useless.
  double Worst() const {
    return best.size() < count ? std::numeric_limits<double>::infinity() : best.front().first;
  }
  void Offer(double chord, MemberSlot slot) {
    const std::pair<double, MemberSlot> entry{chord, slot};
    if (best.size() < count) {
      best.push_back(entry);
      std::push_heap(best.begin(), best.end());
    } else if (entry < best.front()) {
      std::pop_heap(best.begin(), best.end());
      best.back() = entry;
      std::push_heap(best.begin(), best.end());
    }
  }
};

void GeoIndex::PushCell(std::uint32_t key, const CellInfo& info, Search* search) const {
  if (ReachableCount(info.count, search->nats) == 0) return;
  const Vec3 center{info.center[0], info.center[1], info.center[2]};
  const double bound = std::max(0.0, ChordBetween(search->origin, center) - info.radius_chord);
  if (bound >= search->Worst()) return;
  search->cells.emplace_back(bound, key);
  std::push_heap(search->cells.begin(), search->cells.end(), std::greater<>());
}

void GeoIndex::OpenCell(std::uint32_t key, Search* search) const {
  const Cell* cell = cells_.Find(key);
  if (cell == nullptr) return;
  for (int i = 0; i < kChildren; ++i) PushCell(ChildOf(key, i), cell->child[i], search);
}

void GeoIndex::OpenLeaf(std::uint32_t key, Search* search) const {
  const Leaf* leaf = leaves_.Find(key);
  if (leaf == nullptr) return;
  const std::size_t n = leaf->entries.size();
  const std::size_t window = std::max(kMinLeafWindow, kLeafWindowPerCandidate * search->count);
  std::size_t at = n > window ? search->rng->UniformIndex(n) : 0;
  for (std::size_t i = 0; i < std::min(n, window); ++i, at = at + 1 == n ? 0 : at + 1) {
    const LeafEntry& entry = leaf->entries[at];
    if (!NatInMask(search->nats, entry.nat) || search->picked->Contains(entry.slot)) continue;
    search->Offer(ChordBetween(search->origin, entry.unit), entry.slot);
  }
}

std::size_t GeoIndex::CollectNearest(const Vec3& origin, NatMask nats, std::size_t count,
                                     int max_cells, Rng& rng, CandidateSet* picked) const {
  if (count == 0) return 0;
  Search search;
  search.origin = origin;
  search.nats = nats;
  search.count = count;
  search.rng = &rng;
  search.picked = picked;
  search.cells.reserve(128);
  search.best.reserve(count);
  for (std::size_t i = 0; i < top_.size(); ++i) {
    const auto column = static_cast<int>(i % kTopColumns);
    const auto row = static_cast<int>(i / kTopColumns);
    PushCell(CellKey(kTopLevel, column, row), top_[i], &search);
  }
  int opened = 0;
  while (!search.cells.empty()) {
    std::pop_heap(search.cells.begin(), search.cells.end(), std::greater<>());
    const auto [bound, key] = search.cells.back();
    search.cells.pop_back();
    if (bound >= search.Worst() || ++opened > max_cells) break;
    if (LevelOf(key) == 0) {
      OpenLeaf(key, &search);
    } else {
      OpenCell(key, &search);
    }
  }
  std::sort(search.best.begin(), search.best.end());
  std::size_t added = 0;
  for (const auto& [chord, slot] : search.best) added += picked->Add(slot) ? 1 : 0;
  return added;
}

Status GeoIndex::Check(std::size_t n, const std::function<GeoPoint(MemberSlot)>& where_of,
                       const std::function<NatType(MemberSlot)>& nat_of) const {
  const Status leaves = CheckLeaves(n, where_of, nat_of);
  return leaves.ok() ? CheckCells(n, where_of, nat_of) : leaves;
}

Status GeoIndex::CheckLeaves(std::size_t n, const std::function<GeoPoint(MemberSlot)>& where_of,
                             const std::function<NatType(MemberSlot)>& nat_of) const {
  std::size_t total = 0;
  std::string error;
  leaves_.ForEach([&](std::uint32_t key, const Leaf& leaf) {
    if (leaf.entries.empty()) error = "geo: empty leaf kept";
    for (std::size_t i = 0; i < leaf.entries.size(); ++i) {
      const LeafEntry& e = leaf.entries[i];
      if (e.slot >= n || pos_of_slot_[e.slot] != i || CellOf(where_of(e.slot), 0) != key ||
          nat_of(e.slot) != e.nat ||
          SquaredChordBetween(e.unit, UnitVectorOf(where_of(e.slot))) > 1e-20) {
        error = "geo: slot " + std::to_string(e.slot) + " misplaced";
      }
    }
    total += leaf.entries.size();
  });
  if (!error.empty()) return Error{error};
  if (total != n) return Error{"geo: leaves hold " + std::to_string(total)};
  return {};
}

Status GeoIndex::CheckCells(std::size_t n, const std::function<GeoPoint(MemberSlot)>& where_of,
                            const std::function<NatType(MemberSlot)>& nat_of) const {
  std::map<std::uint32_t, std::array<std::int32_t, kNatTypeCount>> expected;
  for (MemberSlot s = 0; s < n; ++s) {
    for (int level = 0; level <= kTopLevel; ++level) {
      ++expected[CellOf(where_of(s), level)][static_cast<int>(nat_of(s))];
    }
  }
  std::size_t internal = 0;
  std::size_t top = 0;
  for (const auto& [key, count] : expected) {
    const CellInfo* info = InfoOf(key);
    if (info == nullptr || info->count != count) return Error{"geo: cell counts differ"};
    internal += LevelOf(key) > 0 ? 1 : 0;
    top += LevelOf(key) == kTopLevel ? 1 : 0;
  }
  if (internal != cells_.size()) return Error{"geo: internal cell count differs"};
  for (const CellInfo& info : top_) top -= ReachableCount(info.count, kAllNats) > 0 ? 1 : 0;
  if (top != 0) return Error{"geo: top-level cells differ"};
  return {};
}

}  // namespace cdnmesh
