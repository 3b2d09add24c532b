#include "core/matching/candidate_sources.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <iterator>
#include <limits>
#include <map>
#include <utility>
#include <vector>

#include "core/matching/slot_sampler.h"

namespace cdnmesh {
namespace {

using RankMap = std::map<std::pair<int, std::int64_t>, SlotBucket>;
using RankIt = RankMap::const_iterator;
constexpr std::int64_t kLowestRank = std::numeric_limits<std::int64_t>::min();

// Walks one NAT type's buckets of a rank map in one direction.
struct Cursor {
  RankIt it;     // current bucket (valid while !done)
  RankIt first;  // first bucket of the NAT type's range
  RankIt end;    // one past its last bucket
  bool forward = true;
  bool done = true;

  void Advance() {
    if (forward) {
      done = ++it == end;
    } else if (it == first) {
      done = true;
    } else {
      --it;
    }
  }
};

constexpr int kMaxCursors = 2 * kNatTypeCount;

// Repeatedly takes every cursor at the smallest distance, samples from the union of their
// buckets and advances them, until `count` are added or the cursors run out. Each round adds
// at least one member unless all the round's members were already picked, so rounds are bounded
// by count + picked->size() + 1.
template <typename Distance>
std::size_t Drain(std::array<Cursor, kMaxCursors>& cursors, Distance distance, std::size_t count,
                  Rng& rng, CandidateSet* picked) {
  std::size_t added = 0;
  while (added < count) {
    std::int64_t best = std::numeric_limits<std::int64_t>::max();
    bool any = false;
    for (const Cursor& c : cursors) {
      if (c.done) continue;
      any = true;
      best = std::min(best, distance(c.it->first.second));
    }
    if (!any) break;
    SlotUnion round;
    for (Cursor& c : cursors) {
      if (c.done || distance(c.it->first.second) != best) continue;
      round.Add(&c.it->second);
      c.Advance();
    }
    added += SampleInto(round, count - added, rng, picked);
  }
  return added;
}

// The bucket range [first, end) of NAT type `nat` starting from rank `from`.
void RangeOf(const RankMap& map, int nat, std::int64_t from, RankIt* first, RankIt* end) {
  *first = map.lower_bound({nat, from});
  *end = map.lower_bound({nat + 1, kLowestRank});
}

}  // namespace

RequesterView ViewOf(const Swarm& swarm, const SwarmMember& requester) {
  RequesterView view;
  view.peer = &requester;
  view.slot = swarm.SlotOf(requester.id);
  view.reachable = ReachableNatMask(requester.nat);
  view.origin = UnitVectorOf(requester.location);
  return view;
}

std::size_t LocalCandidateCount(const Swarm& swarm, const RequesterView& who, std::size_t wanted,
                                const LocalityConfig& config) {
  const double share = swarm.LocalSupplyShare(who.peer->isp, config.supply_headroom);
  if (share >= 1.0) return wanted;
  return static_cast<std::size_t>(std::lround(share * static_cast<double>(wanted)));
}

std::size_t CollectRandom(const Swarm& swarm, const RequesterView& who, std::size_t count, Rng& rng,
                          CandidateSet* picked) {
  SlotUnion reachable;
  for (int nat = 0; nat < kNatTypeCount; ++nat) {
    if ((who.reachable >> nat) & 1u) reachable.Add(swarm.by_nat().Find(nat));
  }
  return SampleInto(reachable, count, rng, picked);
}

std::size_t CollectSameIsp(const Swarm& swarm, const RequesterView& who, std::size_t count,
                           Rng& rng, CandidateSet* picked) {
  SlotUnion same_isp;
  const std::uint32_t base = static_cast<std::uint32_t>(who.peer->isp) * kNatTypeCount;
  for (int nat = 0; nat < kNatTypeCount; ++nat) {
    if ((who.reachable >> nat) & 1u) same_isp.Add(swarm.by_isp().Find(base + nat));
  }
  return SampleInto(same_isp, count, rng, picked);
}

std::size_t CollectNearest(const Swarm& swarm, const RequesterView& who, std::size_t count,
                           int max_cells_opened, Rng& rng, CandidateSet* picked) {
  return swarm.by_location().CollectNearest(who.origin, who.reachable, count, max_cells_opened, rng,
                                            picked);
}

std::size_t CollectTopCapacity(const Swarm& swarm, const RequesterView& who, std::size_t count,
                               bool include_non_uploaders, Rng& rng, CandidateSet* picked) {
  const RankMap& map = swarm.by_capacity().buckets();
  std::array<Cursor, kMaxCursors> cursors;
  int used = 0;
  for (int nat = 0; nat < kNatTypeCount; ++nat) {
    if (!((who.reachable >> nat) & 1u)) continue;
    Cursor& c = cursors[used++];
    RangeOf(map, nat, include_non_uploaders ? kLowestRank : 0, &c.first, &c.end);
    c.forward = false;
    c.done = c.first == c.end;
    if (!c.done) c.it = std::prev(c.end);
  }
  return Drain(
      cursors, [](std::int64_t rank) { return -rank; }, count, rng, picked);
}

std::size_t CollectByCapacityWeight(const Swarm& swarm, const RequesterView& who,
                                    std::size_t count, bool include_non_uploaders, Rng& rng,
                                    CandidateSet* picked) {
  // The reachable uploader buckets with their cumulative weight (size x class capacity); a few
  // hundred at most (NAT types x capacity classes).
  struct WeightedBucket {
    const SlotBucket* bucket;
    double cumulative_weight;
  };
  std::vector<WeightedBucket> buckets;
  double total_weight = 0;
  std::size_t uploaders = 0;
  const RankMap& map = swarm.by_capacity().buckets();
  const int classes_per_octave = swarm.config().capacity_classes_per_octave;
  for (int nat = 0; nat < kNatTypeCount; ++nat) {
    if (!((who.reachable >> nat) & 1u)) continue;
    RankIt it;
    RankIt end;
    RangeOf(map, nat, 0, &it, &end);
    for (; it != end; ++it) {
      if (it->second.empty()) continue;
      const double mid_bps = CapacityClassMidBps(static_cast<int>(it->first.second),
                                                 classes_per_octave);
      total_weight += mid_bps * static_cast<double>(it->second.size());
      uploaders += it->second.size();
      buckets.push_back({&it->second, total_weight});
    }
  }
  const std::size_t before = picked->size();
  const std::size_t wanted = std::min(count, uploaders);
  // Draws with replacement, skipping members already picked: capped, so a request whose
  // reachable uploaders are mostly taken cannot loop (the rest then comes from the top down).
  for (std::size_t draws = 0; picked->size() - before < wanted && draws < 8 * wanted + 16;
       ++draws) {
    const double x = rng.UniformDouble() * total_weight;
    const auto hit = std::upper_bound(
        buckets.begin(), buckets.end(), x,
        [](double value, const WeightedBucket& b) { return value < b.cumulative_weight; });
    const SlotBucket& bucket = *(hit == buckets.end() ? std::prev(hit) : hit)->bucket;
    picked->Add(bucket[rng.UniformIndex(bucket.size())]);
  }
  const std::size_t added = picked->size() - before;
  if (added == count) return added;
  return added + CollectTopCapacity(swarm, who, count - added, include_non_uploaders, rng, picked);
}

std::size_t CollectNearPosition(const Swarm& swarm, const RequesterView& who, std::size_t count,
                                Rng& rng, CandidateSet* picked) {
  const RankMap& map = swarm.by_position().buckets();
  const std::int64_t home = swarm.PositionBucketOf(who.peer->position_seq);
  std::array<Cursor, kMaxCursors> cursors;
  int used = 0;
  for (int nat = 0; nat < kNatTypeCount; ++nat) {
    if (!((who.reachable >> nat) & 1u)) continue;
    RankIt first;
    RankIt end;
    RangeOf(map, nat, kLowestRank, &first, &end);
    const RankIt start = map.lower_bound({nat, home});
    Cursor& up = cursors[used++];
    up = {start, first, end, true, start == end};
    Cursor& down = cursors[used++];
    down = {start == first ? start : std::prev(start), first, end, false, start == first};
  }
  const auto distance = [home](std::int64_t bucket) {
    return bucket >= home ? bucket - home : home - bucket;
  };
  return Drain(cursors, distance, count, rng, picked);
}

}  // namespace cdnmesh
