// A sliding bitmap of segment sequence numbers: which of the most recent kSpan segments are set.
// Used for what a peer has announced; older entries fall off as newer ones arrive.
#pragma once

#include <array>
#include <cstdint>

#include "core/common/types.h"

namespace cdnmesh {

/// Membership of segment numbers in [base, base + kSpan); setting a newer one slides the window.
class SegmentWindow {
 public:
  static constexpr SegmentSeq kSpan = 512;

  /// Marks `seq` present; slides the window forward if needed. Ignores seqs already slid past.
  void Set(SegmentSeq seq);
  /// Marks every seq in [first, last] present (the newest kSpan of them at most).
  void SetRange(SegmentSeq first, SegmentSeq last);
  /// Clears `seq` (e.g. the peer said it no longer has it).
  void Clear(SegmentSeq seq);
  /// True if `seq` is marked.
  bool Test(SegmentSeq seq) const;
  /// True if nothing was ever set.
  bool empty() const { return !any_; }

 private:
  static constexpr int kWords = static_cast<int>(kSpan / 64);
  void SlideTo(SegmentSeq new_base);
  std::uint64_t& Word(SegmentSeq seq) {
    return words_[static_cast<std::size_t>((seq / 64) % kWords)];
  }
  std::uint64_t WordConst(SegmentSeq seq) const {
    return words_[static_cast<std::size_t>((seq / 64) % kWords)];
  }

  std::array<std::uint64_t, kWords> words_{};
  SegmentSeq base_ = 0;  // multiple of 64; window is [base_, base_ + kSpan)
  bool any_ = false;
};

}  // namespace cdnmesh
