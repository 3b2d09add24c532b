#include "core/scheduler/segment_window.h"

#include <algorithm>

namespace cdnmesh {

void SegmentWindow::SlideTo(SegmentSeq new_base) {
  if (new_base <= base_) return;
  if (new_base - base_ >= kSpan) {
    words_.fill(0);
  } else {
    for (SegmentSeq w = base_; w < new_base; w += 64) Word(w) = 0;  // words leaving the window
  }
  base_ = new_base;
}

void SegmentWindow::Set(SegmentSeq seq) {
  if (seq < 0) return;
  if (!any_) {
    base_ = std::max<SegmentSeq>(0, (seq / 64) * 64 - (kSpan - 64));
    any_ = true;
  }
  if (seq < base_) return;
  if (seq >= base_ + kSpan) SlideTo((seq / 64) * 64 - (kSpan - 64));
  Word(seq) |= std::uint64_t{1} << (seq % 64);
}

void SegmentWindow::SetRange(SegmentSeq first, SegmentSeq last) {
  first = std::max(first, last - kSpan + 1);
  for (SegmentSeq s = std::max<SegmentSeq>(first, 0); s <= last; ++s) Set(s);
}

void SegmentWindow::Clear(SegmentSeq seq) {
  if (!any_ || seq < base_ || seq >= base_ + kSpan) return;
  Word(seq) &= ~(std::uint64_t{1} << (seq % 64));
}

bool SegmentWindow::Test(SegmentSeq seq) const {
  if (!any_ || seq < base_ || seq >= base_ + kSpan) return false;
  return (WordConst(seq) >> (seq % 64)) & 1;
}

}  // namespace cdnmesh
