// Signaling: NAT-pair failures, configured traversal probability, set-up time and counters,
// reproducible draws per random stream, failures known at the ICE timeout, attempts towards a
// departed viewer.
#include "models/signaling/signaling.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <utility>
#include <vector>

#include <ns3/rng-seed-manager.h>
#include <ns3/simulator.h>

namespace cdnmesh {
namespace {

constexpr NatType kAllNats[] = {NatType::kOpen, NatType::kRestrictedCone,
                                NatType::kPortRestricted, NatType::kSymmetric};

SignalingConfig Config(double probability) {
  SignalingConfig config;
  config.latency_us = 30'000;
  config.signaling_round_trips = 2;
  config.ice_round_trips = 3;
  config.dtls_round_trips = 2;
  config.traversal_success_probability = probability;
  config.ice_failure_timeout_us = 0;  // the round-trip timing; the timeout has its own tests
  return config;
}

SignalingConfig WithIceTimeout(double probability, DurationUs timeout_us) {
  SignalingConfig config = Config(probability);
  config.ice_failure_timeout_us = timeout_us;
  return config;
}

class SignalingTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ns3::RngSeedManager::SetSeed(1);
    ns3::RngSeedManager::SetRun(1);
  }
  void TearDown() override { ns3::Simulator::Destroy(); }
};

TEST_F(SignalingTest, IncompatibleNatPairsAlwaysFailWithNatIncompatible) {
  Signaling signaling(Config(1.0));
  signaling.AssignStreams(10);
  const std::vector<std::pair<NatType, NatType>> pairs = {
      {NatType::kSymmetric, NatType::kSymmetric},
      {NatType::kSymmetric, NatType::kPortRestricted},
      {NatType::kPortRestricted, NatType::kSymmetric},
  };
  for (int round = 0; round < 100; ++round) {
    for (const auto& [a, b] : pairs) {
      const ConnectOutcome outcome = signaling.Connect(a, b, 40'000);
      EXPECT_EQ(outcome.failure, ConnectFailure::kNatIncompatible);
    }
  }
  EXPECT_EQ(signaling.attempts(), 300u);
  EXPECT_EQ(signaling.nat_failures(), 300u);
  EXPECT_EQ(signaling.traversal_failures(), 0u);
}

TEST_F(SignalingTest, CompatiblePairsWithProbabilityOneAlwaysSucceed) {
  Signaling signaling(Config(1.0));
  signaling.AssignStreams(10);
  int compatible = 0;
  for (int round = 0; round < 200; ++round) {
    for (const NatType a : kAllNats) {
      for (const NatType b : kAllNats) {
        const ConnectOutcome outcome = signaling.Connect(a, b, 40'000);
        if (NatPairConnectable(a, b)) {
          ++compatible;
          EXPECT_EQ(outcome.failure, ConnectFailure::kNone);
        } else {
          EXPECT_EQ(outcome.failure, ConnectFailure::kNatIncompatible);
        }
      }
    }
  }
  // 13 of the 16 ordered pairs are connectable.
  EXPECT_EQ(compatible, 200 * 13);
  EXPECT_EQ(signaling.traversal_failures(), 0u);
  EXPECT_EQ(signaling.nat_failures(), 200u * 3);
}

TEST_F(SignalingTest, CompatiblePairsWithProbabilityZeroAlwaysFailTraversal) {
  Signaling signaling(Config(0.0));
  signaling.AssignStreams(10);
  for (int round = 0; round < 500; ++round) {
    const ConnectOutcome outcome = signaling.Connect(NatType::kOpen, NatType::kOpen, 10'000);
    EXPECT_EQ(outcome.failure, ConnectFailure::kTraversal);
  }
  // The NAT table is checked first: an incompatible pair is a NAT failure, not a traversal one.
  EXPECT_EQ(signaling.Connect(NatType::kSymmetric, NatType::kSymmetric, 10'000).failure,
            ConnectFailure::kNatIncompatible);
  EXPECT_EQ(signaling.traversal_failures(), 500u);
  EXPECT_EQ(signaling.nat_failures(), 1u);
  EXPECT_EQ(signaling.attempts(), 501u);
}

TEST_F(SignalingTest, SuccessRateMatchesTheConfiguredProbability) {
  Signaling signaling(Config(0.7));
  signaling.AssignStreams(3);
  constexpr int kDraws = 20'000;
  int successes = 0;
  for (int i = 0; i < kDraws; ++i) {
    if (signaling.Connect(NatType::kRestrictedCone, NatType::kSymmetric, 20'000).failure ==
        ConnectFailure::kNone) {
      ++successes;
    }
  }
  const double rate = static_cast<double>(successes) / kDraws;
  // Standard error sqrt(0.21 / 20000) ~ 0.0032; allow 5 sigma.
  EXPECT_NEAR(rate, 0.7, 0.016);
  EXPECT_EQ(signaling.traversal_failures(), static_cast<std::uint64_t>(kDraws - successes));
}

TEST_F(SignalingTest, SetupTimeOnSuccessCountsSignalingIceAndDtls) {
  Signaling signaling(Config(1.0));
  signaling.AssignStreams(1);
  // 2 signaling round trips, the first of them as real messages: 1 x 4 x 30 ms = 120 ms;
  // (3 ICE + 2 DTLS) x 40 ms = 200 ms.
  const ConnectOutcome outcome = signaling.Connect(NatType::kOpen, NatType::kPortRestricted, 40'000);
  ASSERT_EQ(outcome.failure, ConnectFailure::kNone);
  EXPECT_EQ(outcome.setup_us, 120'000 + 200'000);
}

TEST_F(SignalingTest, SetupTimeOnFailureExcludesDtls) {
  Signaling traversal_fails(Config(0.0));
  traversal_fails.AssignStreams(1);
  // 120 ms of extra signaling + 3 ICE round trips of 40 ms; no DTLS.
  const ConnectOutcome traversal = traversal_fails.Connect(NatType::kOpen, NatType::kOpen, 40'000);
  ASSERT_EQ(traversal.failure, ConnectFailure::kTraversal);
  EXPECT_EQ(traversal.setup_us, 120'000 + 120'000);

  Signaling nat_fails(Config(1.0));
  nat_fails.AssignStreams(2);
  const ConnectOutcome nat = nat_fails.Connect(NatType::kSymmetric, NatType::kSymmetric, 40'000);
  ASSERT_EQ(nat.failure, ConnectFailure::kNatIncompatible);
  EXPECT_EQ(nat.setup_us, 120'000 + 120'000);
}

TEST_F(SignalingTest, SetupTimeUsesTheConfiguredRoundTripCounts) {
  SignalingConfig config;
  config.latency_us = 25'000;
  config.signaling_round_trips = 2;
  config.ice_round_trips = 1;
  config.dtls_round_trips = 3;
  config.traversal_success_probability = 1.0;
  Signaling signaling(config);
  signaling.AssignStreams(1);
  // (2 - 1) x 4 x 25 ms + (1 + 3) x 15 ms = 100 ms + 60 ms.
  EXPECT_EQ(signaling.Connect(NatType::kOpen, NatType::kOpen, 15'000).setup_us, 160'000);
  // Zero peer RTT: only the extra signaling round trip.
  EXPECT_EQ(signaling.Connect(NatType::kOpen, NatType::kOpen, 0).setup_us, 100'000);
}

// The first round trip's offer and answer are real messages through the relay; the model counts
// the two messages of each further round trip.
TEST_F(SignalingTest, MessagesAreTwoPerExtraSignalingRoundTripAndAttempt) {
  Signaling signaling(Config(0.5));
  signaling.AssignStreams(1);
  for (int i = 0; i < 10; ++i) signaling.Connect(NatType::kOpen, NatType::kOpen, 1'000);
  for (int i = 0; i < 5; ++i) signaling.Connect(NatType::kSymmetric, NatType::kSymmetric, 1'000);
  EXPECT_EQ(signaling.attempts(), 15u);
  EXPECT_EQ(signaling.messages(), 15u * 2 * (2 - 1));
  EXPECT_EQ(signaling.nat_failures(), 5u);
  EXPECT_LE(signaling.traversal_failures(), 10u);
}

// A failed attempt is known exactly ice_failure_timeout_s after ICE starts (after the extra
// signaling round trip: 120 ms), whatever its cause; a success keeps its round-trip timing.
TEST_F(SignalingTest, FailureIsKnownExactlyAtTheIceTimeout) {
  Signaling nat(WithIceTimeout(1.0, 15 * kUsPerSecond));
  nat.AssignStreams(1);
  const ConnectOutcome incompatible = nat.Connect(NatType::kSymmetric, NatType::kSymmetric, 40'000);
  EXPECT_EQ(incompatible.failure, ConnectFailure::kNatIncompatible);
  EXPECT_EQ(incompatible.setup_us, 120'000 + 15 * kUsPerSecond);
  const ConnectOutcome ok = nat.Connect(NatType::kOpen, NatType::kOpen, 40'000);
  EXPECT_EQ(ok.failure, ConnectFailure::kNone);
  EXPECT_EQ(ok.setup_us, 120'000 + 200'000);
  EXPECT_EQ(ok.failure_us, 120'000 + 15 * kUsPerSecond);  // had the other end left meanwhile
  Signaling traversal(WithIceTimeout(0.0, 15 * kUsPerSecond));
  traversal.AssignStreams(1);
  const ConnectOutcome failed = traversal.Connect(NatType::kOpen, NatType::kOpen, 40'000);
  EXPECT_EQ(failed.failure, ConnectFailure::kTraversal);
  EXPECT_EQ(failed.setup_us, 120'000 + 15 * kUsPerSecond);
  EXPECT_EQ(nat.ice_timeouts(), 1u);
  EXPECT_EQ(traversal.ice_timeouts(), 1u);
}

// Timeout 0 keeps the round-trip timing (a failure right after ICE's 3 round trips); a timeout
// shorter than ICE's own round trips waits for them.
TEST_F(SignalingTest, ZeroTimeoutKeepsTheRoundTripTiming) {
  for (const DurationUs timeout_us : {DurationUs{0}, DurationUs{50'000}}) {
    Signaling signaling(WithIceTimeout(1.0, timeout_us));
    signaling.AssignStreams(1);
    const ConnectOutcome nat = signaling.Connect(NatType::kSymmetric, NatType::kSymmetric, 40'000);
    EXPECT_EQ(nat.setup_us, 120'000 + 3 * 40'000) << timeout_us;
    EXPECT_EQ(signaling.ice_timeouts(), timeout_us > 0 ? 1u : 0u);
  }
}

// ICE towards a viewer that left is answered by nobody: it fails at the timeout as its own kind
// (not a NAT or traversal failure) and draws nothing, so the traversal draws that follow are
// those of a run without it. Timeout 0 is the earlier model: a failure against a symmetric NAT.
TEST_F(SignalingTest, AttemptTowardsADepartedViewerTimesOutAndIsNotANatFailure) {
  Signaling with(WithIceTimeout(0.5, 15 * kUsPerSecond));
  Signaling without(WithIceTimeout(0.5, 15 * kUsPerSecond));
  with.AssignStreams(4);
  without.AssignStreams(4);
  const ConnectOutcome gone = with.ConnectToDeparted(NatType::kSymmetric);
  EXPECT_EQ(gone.failure, ConnectFailure::kPeerGone);
  EXPECT_EQ(gone.setup_us, 120'000 + 15 * kUsPerSecond);
  EXPECT_EQ(with.attempts(), 1u);
  EXPECT_EQ(with.departed_peers(), 1u);
  EXPECT_EQ(with.ice_timeouts(), 1u);
  EXPECT_EQ(with.nat_failures() + with.traversal_failures(), 0u);
  for (int i = 0; i < 50; ++i) {
    EXPECT_EQ(with.Connect(NatType::kOpen, NatType::kOpen, 1'000).failure,
              without.Connect(NatType::kOpen, NatType::kOpen, 1'000).failure);
  }
  Signaling legacy(WithIceTimeout(1.0, 0));
  legacy.AssignStreams(4);
  EXPECT_EQ(legacy.ConnectToDeparted(NatType::kSymmetric).failure,
            ConnectFailure::kNatIncompatible);
  EXPECT_EQ(legacy.nat_failures(), 1u);
  EXPECT_EQ(legacy.departed_peers(), 0u);
}

std::vector<ConnectFailure> Draws(std::int64_t stream, int count) {
  Signaling signaling(Config(0.5));
  EXPECT_EQ(signaling.AssignStreams(stream), 1);
  std::vector<ConnectFailure> out;
  for (int i = 0; i < count; ++i) {
    out.push_back(signaling.Connect(NatType::kOpen, NatType::kRestrictedCone, 1'000).failure);
  }
  return out;
}

TEST_F(SignalingTest, SameStreamGivesTheSameSequence) {
  const std::vector<ConnectFailure> first = Draws(17, 200);
  const std::vector<ConnectFailure> again = Draws(17, 200);
  EXPECT_EQ(first, again);
  // Both outcomes occur at probability 0.5 in 200 draws.
  EXPECT_NE(std::count(first.begin(), first.end(), ConnectFailure::kNone), 0);
  EXPECT_NE(std::count(first.begin(), first.end(), ConnectFailure::kTraversal), 0);
  // Another stream gives another sequence; another run gives another sequence for one stream.
  EXPECT_NE(first, Draws(18, 200));
  ns3::RngSeedManager::SetRun(2);
  EXPECT_NE(first, Draws(17, 200));
  ns3::RngSeedManager::SetRun(1);
  EXPECT_EQ(first, Draws(17, 200));
}

}  // namespace
}  // namespace cdnmesh
