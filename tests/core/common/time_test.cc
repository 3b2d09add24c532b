// SecondsToUs never overflows: out-of-range and NaN inputs saturate instead of being undefined.
#include "core/common/time.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

namespace cdnmesh {
namespace {

TEST(SecondsToUs, RoundsToNearest) {
  EXPECT_EQ(SecondsToUs(1.5), 1'500'000);
  EXPECT_EQ(SecondsToUs(0.0000004), 0);
  EXPECT_EQ(SecondsToUs(0.0000006), 1);
  EXPECT_EQ(SecondsToUs(-0.0000006), -1);
}

TEST(SecondsToUs, SaturatesBeyondInt64) {
  constexpr DurationUs kMax = std::numeric_limits<DurationUs>::max();
  constexpr DurationUs kMin = std::numeric_limits<DurationUs>::min();
  EXPECT_EQ(SecondsToUs(1e13), kMax);  // 1e19 us
  EXPECT_EQ(SecondsToUs(1e300), kMax);
  EXPECT_EQ(SecondsToUs(-1e300), kMin);
  EXPECT_EQ(SecondsToUs(std::numeric_limits<double>::infinity()), kMax);
  EXPECT_EQ(SecondsToUs(std::nan("")), 0);
}

TEST(SecondsToUs, TheLargestScenarioDurationIsExact) {
  EXPECT_EQ(SecondsToUs(kMaxScenarioDurationS), 1'000'000'000'000'000);
  static_assert(SecondsToUs(2.0) == 2'000'000, "usable in constant expressions");
}

}  // namespace
}  // namespace cdnmesh
