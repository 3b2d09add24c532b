// Connection set-ups at the mesh: a failure is known when ICE times out
// (signaling.ice_failure_timeout_s), ICE towards a viewer that left times out and is not a NAT
// failure, and an outcome the client no longer waits for (it gave up on its own, shorter
// timeout) reaches nobody.
#include <gtest/gtest.h>

#include "tests/models/peer/mesh_fixture.h"

namespace cdnmesh {
namespace {

using testing::MeshFixture;

constexpr double kEpsilonS = 0.001;

class ConnectSetup : public MeshFixture {
 protected:
  /// Two desktops join; the second leaves cleanly at 2 s; runs to 3 s. Returns the first.
  PeerApp* OneLeftCleanly() {
    Build();
    PeerApp* stays = Join(DeviceClass::kDesktop);
    gone_ = Join(DeviceClass::kDesktop, 2)->identity().id;
    RunUntil(3);
    EXPECT_EQ(mesh_->Find(gone_), nullptr);
    return stays;
  }
  PeerId gone_ = kInvalidPeer;
};

// With signaling_round_trips 1 the offer and answer were messages: ICE starts at once, and the
// unanswered checks give up exactly ice_failure_timeout_s later.
TEST_F(ConnectSetup, IceTowardsADepartedViewerTimesOutAndIsNotANatFailure) {
  signaling_config_.ice_failure_timeout_us = 15 * kUsPerSecond;
  PeerApp* dialler = OneLeftCleanly();
  const std::uint64_t nat_before = signaling_->nat_failures() + signaling_->traversal_failures();
  const std::uint64_t attempts_before = signaling_->attempts();
  ASSERT_EQ(dialler->setups_in_progress(), 0u);
  mesh_->Connect(*dialler, gone_, NatType::kOpen);
  EXPECT_EQ(dialler->setups_in_progress(), 1u);
  RunUntil(3 + 15 - kEpsilonS);
  EXPECT_EQ(dialler->setups_in_progress(), 1u);
  RunUntil(3 + 15 + kEpsilonS);
  EXPECT_EQ(dialler->setups_in_progress(), 0u);
  EXPECT_EQ(signaling_->attempts(), attempts_before + 1);
  EXPECT_EQ(signaling_->departed_peers(), 1u);
  EXPECT_EQ(signaling_->ice_timeouts(), 1u);
  EXPECT_EQ(signaling_->nat_failures() + signaling_->traversal_failures(), nat_before);
}

// A timeout of 0 keeps the earlier model: the failure is known at once.
TEST_F(ConnectSetup, ZeroTimeoutFailsTowardsADepartedViewerAtOnce) {
  signaling_config_.ice_failure_timeout_us = 0;
  PeerApp* dialler = OneLeftCleanly();
  mesh_->Connect(*dialler, gone_, NatType::kOpen);
  RunUntil(3 + kEpsilonS);
  EXPECT_EQ(dialler->setups_in_progress(), 0u);
  EXPECT_EQ(signaling_->departed_peers(), 0u);
  EXPECT_EQ(signaling_->ice_timeouts(), 0u);
}

// The host passes on only the outcome of the newest set-up with a peer, and none after the
// client abandoned it: a stale failure cannot fail a newer attempt.
TEST_F(ConnectSetup, AFailureOfAnOlderSetUpReachesNobody) {
  PeerApp* host = OneLeftCleanly();
  host->SetupStarted(gone_, 101);
  host->SetupStarted(gone_, 102);  // the client dialled again
  EXPECT_EQ(host->setups_in_progress(), 1u);
  host->ConnectFailed(gone_, 101);
  EXPECT_EQ(host->setups_in_progress(), 1u);
  host->ConnectFailed(gone_, 102);
  EXPECT_EQ(host->setups_in_progress(), 0u);
}

// Every attempt fails, after 15 s of ICE, while clients give up after p2p.connect_timeout_s
// (10 s): a host never waits on a set-up its client has dropped, no channel opens, the run ends
// cleanly, and each failure is counted by each client once (at its own timeout).
TEST_F(ConnectSetup, HostsWaitOnlyOnSetUpsTheirClientsStillWant) {
  signaling_config_.traversal_success_probability = 0;
  signaling_config_.ice_failure_timeout_us = 15 * kUsPerSecond;
  Build();
  for (int i = 0; i < 4; ++i) Join(DeviceClass::kDesktop);
  std::size_t samples_with_setups = 0;
  while (NowS() < 90) {
    RunUntil(NowS() + 0.5);
    for (const ns3::Ptr<PeerApp>& peer : peers_) {
      int pending = 0;
      for (const PeerLink& link : peer->client()->connections().links()) {
        if (link.state != LinkState::kOpen) ++pending;
      }
      EXPECT_LE(peer->setups_in_progress(), static_cast<std::size_t>(pending)) << NowS();
      if (peer->setups_in_progress() > 0) ++samples_with_setups;
    }
  }
  EXPECT_GT(samples_with_setups, 0u);
  EXPECT_GT(signaling_->attempts(), 0u);
  EXPECT_EQ(signaling_->traversal_failures(), signaling_->attempts());
  std::int64_t failures = 0;
  for (const ns3::Ptr<PeerApp>& peer : peers_) {
    EXPECT_EQ(peer->client()->stats().connections_opened, 0);
    failures += peer->client()->stats().connect_failures;
    peer->Finish();
  }
  // Each attempt has two ends; each end's link fails once (expiry), none twice.
  EXPECT_LE(failures, 2 * static_cast<std::int64_t>(signaling_->attempts()));
  EXPECT_GE(failures, static_cast<std::int64_t>(signaling_->attempts()));
}

}  // namespace
}  // namespace cdnmesh
