#include "core/matching/candidate_set.h"

namespace cdnmesh {
namespace {
std::size_t TableSizeFor(std::size_t expected) {
  std::size_t size = 16;
  while (size < 2 * expected) size *= 2;
  return size;
}
}  // namespace

CandidateSet::CandidateSet(MemberSlot excluded, std::size_t expected)
    : excluded_(excluded), table_(TableSizeFor(expected), kNoMemberSlot) {
  order_.reserve(expected);
}

std::size_t CandidateSet::Probe(MemberSlot slot) const {
  const std::size_t mask = table_.size() - 1;
  std::size_t i = (static_cast<std::size_t>(slot) * 0x9E3779B97F4A7C15ULL >> 32) & mask;
  while (table_[i] != kNoMemberSlot && table_[i] != slot) i = (i + 1) & mask;
  return i;
}

bool CandidateSet::Contains(MemberSlot slot) const {
  if (slot == excluded_) return true;
  return table_[Probe(slot)] == slot;
}

bool CandidateSet::Add(MemberSlot slot) {
  if (slot == excluded_ || slot == kNoMemberSlot) return false;
  const std::size_t i = Probe(slot);
  if (table_[i] == slot) return false;
  table_[i] = slot;
  order_.push_back(slot);
  if (2 * order_.size() > table_.size()) Grow();
  return true;
}

void CandidateSet::Grow() {
  table_.assign(table_.size() * 2, kNoMemberSlot);
  for (const MemberSlot slot : order_) table_[Probe(slot)] = slot;
}

}  // namespace cdnmesh
