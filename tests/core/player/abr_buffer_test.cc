#include <gtest/gtest.h>

#include <ostream>
#include <string>

#include "core/player/abr.h"
#include "core/stream/stream.h"

namespace cdnmesh {
namespace {

constexpr DurationUs kSec = kUsPerSecond;
constexpr DurationUs kReservoir = 8 * kSec;
constexpr DurationUs kCushion = 16 * kSec;

// Ladder 1 / 3 / 5 Mbps: the BBA-0 map reaches 3 Mbps exactly at reservoir + cushion / 2 = 16 s.
StreamConfig EvenLadder() {
  StreamConfig config;
  config.ladder = {{1'000'000, 360}, {3'000'000, 720}, {5'000'000, 1080}};
  return config;
}

AbrContext At(DurationUs buffer_ahead_us, RenditionIndex current) {
  AbrContext context;
  context.buffer_ahead_us = buffer_ahead_us;
  context.current = current;
  return context;
}

TEST(BufferAbrTest, ValidationNamesTheField) {
  EXPECT_TRUE(ValidateBufferAbrConfig(BufferAbrConfig{}).ok());
  BufferAbrConfig config;
  config.reservoir_us = -1;
  EXPECT_NE(ValidateBufferAbrConfig(config).message().find("reservoir_us"), std::string::npos);
  config = BufferAbrConfig{};
  config.cushion_us = 0;
  EXPECT_NE(ValidateBufferAbrConfig(config).message().find("cushion_us"), std::string::npos);
}

struct BbaCase {
  DurationUs buffer_us;
  RenditionIndex current;
  RenditionIndex expected;
};

std::ostream& operator<<(std::ostream& os, const BbaCase& c) {
  return os << "buffer_us=" << c.buffer_us << " current=" << c.current
            << " expected=" << c.expected;
}

class BufferAbrMapTest : public ::testing::TestWithParam<BbaCase> {};

TEST_P(BufferAbrMapTest, FollowsBba0) {
  const BbaCase c = GetParam();
  const Stream stream(EvenLadder());
  auto abr = MakeBufferAbr(stream, BufferAbrConfig{kReservoir, kCushion});
  EXPECT_EQ(abr->ChooseRendition(At(c.buffer_us, c.current)), c.expected)
      << "buffer " << c.buffer_us << " current " << c.current;
}

INSTANTIATE_TEST_SUITE_P(
    Edges, BufferAbrMapTest,
    ::testing::Values(
        // Reservoir: at or below it, the lowest rung whatever the current one.
        BbaCase{kReservoir - 1, 2, 0}, BbaCase{kReservoir, 2, 0}, BbaCase{0, 1, 0},
        // Just above it the map is barely above 1 Mbps: rung 0 stays, higher rungs step down to
        // the lowest rung above the mapped rate (rung 1), as BBA-0 does.
        BbaCase{kReservoir + 1, 0, 0}, BbaCase{kReservoir + 1, 2, 1},
        // Top of the cushion: the highest rung from there on.
        BbaCase{kReservoir + kCushion - 1, 1, 1}, BbaCase{kReservoir + kCushion - 1, 2, 2},
        BbaCase{kReservoir + kCushion, 0, 2}, BbaCase{kReservoir + kCushion + 1, 1, 2},
        BbaCase{10 * kReservoir, 0, 2},
        // Middle: the map crosses 3 Mbps at 16 s; from rung 0 the switch up needs map > 3 Mbps.
        BbaCase{16 * kSec - 1, 0, 0}, BbaCase{16 * kSec, 0, 0}, BbaCase{16 * kSec + 1, 0, 1},
        // Hysteresis: rung 1 holds between the neighbouring rates; rung 2 steps down only once
        // the map falls below 3 Mbps.
        BbaCase{10 * kSec, 1, 1}, BbaCase{22 * kSec, 1, 1}, BbaCase{16 * kSec - 1, 2, 1},
        BbaCase{16 * kSec, 2, 2}, BbaCase{16 * kSec + 1, 2, 2}));

TEST(BufferAbrTest, SingleRungLadderAlwaysPicksIt) {
  StreamConfig config;
  config.ladder = {{1'000'000, 360}};
  const Stream stream(config);
  auto abr = MakeBufferAbr(stream, BufferAbrConfig{});
  for (DurationUs b : {DurationUs{0}, 10 * kSec, 100 * kSec}) {
    EXPECT_EQ(abr->ChooseRendition(At(b, 0)), 0);
  }
}

TEST(BufferAbrTest, ClimbsTheLadderAsTheBufferFills) {
  const Stream stream(EvenLadder());
  auto abr = MakeBufferAbr(stream, BufferAbrConfig{kReservoir, kCushion});
  abr->OnDownloadSample(0, 1'000'000, kSec);  // samples do not matter
  EXPECT_EQ(abr->EstimatedThroughputBps(), 0);
  RenditionIndex current = 0;
  int previous = 0;
  for (DurationUs b = 0; b <= 30 * kSec; b += kSec / 4) {
    current = abr->ChooseRendition(At(b, current));
    EXPECT_GE(current, previous) << "buffer " << b;  // monotone while the buffer only grows
    previous = current;
  }
  EXPECT_EQ(current, 2);
}

}  // namespace
}  // namespace cdnmesh
