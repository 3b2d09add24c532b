// The flow model's slow-start correction against hand-computed rounds.
#include "models/network/slow-start.h"

#include <gtest/gtest.h>

#include <cmath>

namespace cdnmesh {
namespace {

constexpr double kPayload = 1448.0 / 1500.0;

// 20 Mbit/s, RTT 30 ms: the BDP is 72.4 kB of payload, IW10 = 14.48 kB. 100 kB go out in
// rounds of 14.48, 28.96 (BDP not reached: 2 RTTs) and then 56.56 kB at the payload rate.
TEST(SlowStartTest, RoundsBelowTheBdpCostAnRttEach) {
  const SlowStartParams cdn{14480, 1448, 2.0};
  const double rate_bytes_per_us = 20e6 / 8e6 * kPayload;
  const double expected_us = 2 * 30'000 + (100'000 - 14'480 - 28'960) / rate_bytes_per_us;
  EXPECT_NEAR(TcpTransferTimeUs(100'000, 20e6, 30'000, cdn), expected_us, 1.0);
  EXPECT_EQ(SlowStartPenaltyUs(100'000, 20e6, 30'000, cdn),
            std::llround(expected_us - 100'000 * 8e6 / 20e6));
}

// A window that already covers the BDP costs only the header overhead (3.6 %).
TEST(SlowStartTest, AWindowAboveTheBdpCostsOnlyHeaders) {
  const SlowStartParams big{1e6, 1448, 2.0};
  const double fluid_us = 1e6 * 8e6 / 10e6;
  EXPECT_NEAR(static_cast<double>(SlowStartPenaltyUs(1e6, 10e6, 20'000, big)),
              fluid_us / kPayload - fluid_us, 1.0);
}

// A transfer that fits the initial window takes its serialization time only.
TEST(SlowStartTest, TransferWithinTheInitialWindow) {
  const SlowStartParams cdn{14480, 1448, 2.0};
  EXPECT_NEAR(TcpTransferTimeUs(10'000, 100e6, 50'000, cdn), 10'000 / (100e6 / 8e6 * kPayload),
              1.0);
}

// Slower growth (1.5x per RTT, NewReno with delayed ACKs) costs more; nothing is negative.
TEST(SlowStartTest, SlowerGrowthCostsMoreAndPenaltiesAreNonNegative) {
  const SlowStartParams fast{4 * 1172.0, 1172, 2.0};
  const SlowStartParams slow{4 * 1172.0, 1172, 1.5};
  EXPECT_GT(SlowStartPenaltyUs(1e6, 20e6, 40'000, slow), SlowStartPenaltyUs(1e6, 20e6, 40'000, fast));
  EXPECT_EQ(SlowStartPenaltyUs(0, 20e6, 40'000, slow), 0);
  EXPECT_EQ(SlowStartPenaltyUs(1e6, 0, 40'000, slow), 0);
  EXPECT_GE(SlowStartPenaltyUs(1, 1e12, 0, slow), 0);
}

}  // namespace
}  // namespace cdnmesh
