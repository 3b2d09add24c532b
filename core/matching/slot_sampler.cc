#include "core/matching/slot_sampler.h"

#include <cassert>
#include <utility>
#include <vector>

namespace cdnmesh {

void SlotUnion::Add(const SlotBucket* bucket) {
  if (bucket == nullptr || bucket->empty()) return;
  assert(part_count_ < kMaxParts);
  parts_[part_count_++] = bucket;
  size_ += bucket->size();
}

MemberSlot SlotUnion::At(std::size_t i) const {
  for (int p = 0; p < part_count_; ++p) {
    if (i < parts_[p]->size()) return (*parts_[p])[i];
    i -= parts_[p]->size();
  }
  assert(false && "SlotUnion::At out of range");
  return kNoMemberSlot;
}

namespace {

// Enumerates the union, drops taken slots, and draws by partial Fisher-Yates.
std::size_t SampleByEnumeration(const SlotUnion& from, std::size_t count, Rng& rng,
                                CandidateSet* picked) {
  std::vector<MemberSlot> free_slots;
  free_slots.reserve(from.size());
  for (std::size_t i = 0; i < from.size(); ++i) {
    const MemberSlot slot = from.At(i);
    if (!picked->Contains(slot)) free_slots.push_back(slot);
  }
  std::size_t added = 0;
  for (std::size_t i = 0; i < free_slots.size() && added < count; ++i) {
    const std::size_t j = i + rng.UniformIndex(free_slots.size() - i);
    std::swap(free_slots[i], free_slots[j]);
    added += picked->Add(free_slots[i]) ? 1 : 0;
  }
  return added;
}

}  // namespace

std::size_t SampleInto(const SlotUnion& from, std::size_t count, Rng& rng, CandidateSet* picked) {
  if (count == 0 || from.size() == 0) return 0;
  // Taken slots (at most picked->size() + 1) may all lie in the union: when they could be a
  // sizeable share of it, enumerate; otherwise each draw succeeds with probability >= 3/4.
  if (from.size() <= 4 * (count + picked->size() + 1) + 32) {
    return SampleByEnumeration(from, count, rng, picked);
  }
  std::size_t added = 0;
  for (std::size_t draws = 8 * count + 64; draws > 0 && added < count; --draws) {
    added += picked->Add(from.At(rng.UniformIndex(from.size()))) ? 1 : 0;
  }
  return added;
}

}  // namespace cdnmesh
