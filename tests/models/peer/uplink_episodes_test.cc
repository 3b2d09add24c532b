// Stall and background-upload episodes of one viewer (failures.stall.*,
// failures.background_upload.*) on the flow-level transport: a stall stops an upload's bytes
// and they resume after it; a background upload halves the uplink while it is on; a stall wins
// over a background upload; nothing is scheduled when the rates are 0; the same seed gives the
// same episodes.
#include "models/peer/uplink-episodes.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <vector>

#include <ns3/nstime.h>
#include <ns3/simulator.h>

#include "models/network/flow-transport.h"

namespace cdnmesh {
namespace {

class NoSink : public TransferSink {
 public:
  void OnTransferComplete(TransferHandle /*h*/, std::uint64_t /*cookie*/) override {}
};

class UplinkEpisodesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ns3::Simulator::Destroy();
    viewer_.up_bps = 8'000'000;
    viewer_.up_link = transport_.network().AddLink(viewer_.up_bps, 0);
    viewer_.down_link = transport_.network().AddLink(50'000'000, 0);
    receiver_down_ = transport_.network().AddLink(100'000'000, 0);
  }
  void TearDown() override { ns3::Simulator::Destroy(); }
  /// One sample of the viewer's state and its upload's bytes.
  struct Sample {
    bool stalled;
    bool background;
    std::uint64_t stalls_begun;
    double bytes;
    BitsPerSecond capacity_bps;
  };
  /// Runs `episodes` beside a long upload for `seconds`, sampling every 50 ms.
  std::vector<Sample> SampleUpload(UplinkEpisodes& episodes, double seconds) {
    std::vector<Sample> samples;
    std::vector<LinkId> path = {viewer_.up_link, receiver_down_};
    const TransferHandle upload = transport_.Start(path, 1'000'000'000, kUnlimited, 0, &sink_, 1);
    episodes.Start();
    for (int i = 1; i <= static_cast<int>(seconds / 0.05); ++i) {
      ns3::Simulator::Schedule(ns3::Seconds(0.05 * i), [&, upload] {
        samples.push_back(Sample{episodes.stalled(), episodes.background(), stats_.uplink_stalls,
                                 transport_.BytesDelivered(upload),
                                 transport_.network().LinkCapacity(viewer_.up_link)});
      });
    }
    ns3::Simulator::Stop(ns3::Seconds(seconds + 0.01));
    ns3::Simulator::Run();
    episodes.Stop();
    return samples;
  }

  FlowTransport transport_;
  ViewerAttachment viewer_;
  LinkId receiver_down_ = kInvalidLink;
  FailureConfig config_;
  FailureStats stats_;
  NoSink sink_;
};

// 720 stalls per hour (one every 5 s off), 2 s each: between two samples inside one stall the
// upload gains less than a byte; between two samples outside any stall it gains 8 Mbit/s x 50 ms.
TEST_F(UplinkEpisodesTest, AStallStopsTheBytesAndTheyResumeAfter) {
  config_.stall = EpisodeConfig{720, 2 * kUsPerSecond};
  UplinkEpisodes episodes(config_, transport_, viewer_, 42, &stats_);
  const std::vector<Sample> samples = SampleUpload(episodes, 60);
  int stalled_steps = 0;
  int running_steps = 0;
  for (std::size_t i = 1; i < samples.size(); ++i) {
    const Sample& a = samples[i - 1];
    const Sample& b = samples[i];
    const double gained = b.bytes - a.bytes;
    if (a.stalled && b.stalled && a.stalls_begun == b.stalls_begun) {
      ++stalled_steps;
      EXPECT_LT(gained, 1.0) << i;
      EXPECT_EQ(b.capacity_bps, kStalledUplinkBps);
    } else if (!a.stalled && !b.stalled && a.stalls_begun == b.stalls_begun) {
      ++running_steps;
      EXPECT_NEAR(gained, 8e6 / 8 * 0.05, 1.0) << i;
      EXPECT_EQ(b.capacity_bps, 8'000'000);
    }
  }
  EXPECT_GE(stats_.uplink_stalls, 3u);  // expected 60 / 7 ~ 8.6
  EXPECT_GT(stalled_steps, 20);
  EXPECT_GT(running_steps, 20);
}

// A background upload taking half: the uplink is 4 Mbit/s exactly while one is on, 8 otherwise;
// with stalls too, a stall wins (1 bit/s).
TEST_F(UplinkEpisodesTest, BackgroundUploadsHalveTheUplinkAndStallsWin) {
  config_.background_upload = EpisodeConfig{360, 3 * kUsPerSecond};
  config_.background_upload_share = 0.5;
  config_.stall = EpisodeConfig{360, 1 * kUsPerSecond};
  UplinkEpisodes episodes(config_, transport_, viewer_, 7, &stats_);
  int halved = 0;
  int both = 0;
  for (const Sample& s : SampleUpload(episodes, 120)) {
    const BitsPerSecond expected =
        s.stalled ? kStalledUplinkBps : (s.background ? 4'000'000 : 8'000'000);
    EXPECT_EQ(s.capacity_bps, expected);
    halved += s.background && !s.stalled;
    both += s.background && s.stalled;
  }
  EXPECT_GT(stats_.background_uploads, 3u);
  EXPECT_GT(halved, 0);
  EXPECT_GT(both, 0);
}

// The rate of an 8 Mbit/s uplink: halved by a background upload taking half, 1 bit/s while
// stalled (whatever else is on), never 0.
TEST(EffectiveUplink, ComposesStallsAndBackgroundUploads) {
  EXPECT_EQ(EffectiveUplinkBps(8'000'000, false, false, 0.5), 8'000'000);
  EXPECT_EQ(EffectiveUplinkBps(8'000'000, false, true, 0.5), 4'000'000);
  EXPECT_EQ(EffectiveUplinkBps(8'000'000, false, true, 0.25), 6'000'000);
  EXPECT_EQ(EffectiveUplinkBps(8'000'000, true, true, 0.5), kStalledUplinkBps);
  EXPECT_EQ(EffectiveUplinkBps(8'000'000, true, false, 0.5), kStalledUplinkBps);
  EXPECT_EQ(EffectiveUplinkBps(8'000'000, false, true, 1.0), kStalledUplinkBps);
}

// Rates 0: no event at all; a viewer without uplink: none either.
TEST_F(UplinkEpisodesTest, NothingIsScheduledWhenOff) {
  UplinkEpisodes off(config_, transport_, viewer_, 1, &stats_);
  off.Start();
  EXPECT_EQ(ns3::Simulator::GetEventCount(), 0u);
  EXPECT_TRUE(ns3::Simulator::IsFinished());
  config_.stall.per_hour = 100;
  ViewerAttachment no_uplink;
  no_uplink.down_link = viewer_.down_link;
  UplinkEpisodes none(config_, transport_, no_uplink, 1, &stats_);
  none.Start();
  EXPECT_TRUE(ns3::Simulator::IsFinished());
}

// The episodes follow the viewer's seed alone: two viewers with one seed stall together, a
// third with another seed does not.
TEST_F(UplinkEpisodesTest, SameSeedSameEpisodes) {
  config_.stall = EpisodeConfig{720, 2 * kUsPerSecond};
  std::vector<ViewerAttachment> viewers(3);
  std::vector<std::unique_ptr<UplinkEpisodes>> episodes;
  const std::uint64_t seeds[] = {5, 5, 6};
  for (std::size_t i = 0; i < viewers.size(); ++i) {
    viewers[i].up_bps = 8'000'000;
    viewers[i].up_link = transport_.network().AddLink(viewers[i].up_bps, 0);
    episodes.push_back(
        std::make_unique<UplinkEpisodes>(config_, transport_, viewers[i], seeds[i], &stats_));
    episodes.back()->Start();
  }
  std::vector<std::vector<bool>> stalled(3);
  for (int i = 1; i <= 600; ++i) {
    ns3::Simulator::Schedule(ns3::Seconds(0.05 * i), [&] {
      for (std::size_t v = 0; v < 3; ++v) stalled[v].push_back(episodes[v]->stalled());
    });
  }
  ns3::Simulator::Stop(ns3::Seconds(30.01));
  ns3::Simulator::Run();
  EXPECT_EQ(stalled[0], stalled[1]);
  EXPECT_NE(stalled[0], stalled[2]);
  EXPECT_NE(std::count(stalled[0].begin(), stalled[0].end(), true), 0);
}

}  // namespace
}  // namespace cdnmesh
