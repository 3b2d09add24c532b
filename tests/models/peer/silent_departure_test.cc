// A viewer that vanishes without closing (failures.vanish_fraction): its streams freeze, the
// downloader's client gives up through its own p2p timeout, the uploader's slot stays taken
// until the channel is known dead (failures.dead_channel_timeout_s), and the tracker keeps
// listing it until the services notice (failures.service_detection_s).
#include <gtest/gtest.h>


#include "tests/models/peer/mesh_fixture.h"

namespace cdnmesh {
namespace {

using testing::MeshFixture;

constexpr double kEpsilonS = 0.05;

class SilentDeparture : public MeshFixture {
 protected:
  /// Builds; an uploader and two downloaders join; runs until the uploader sends a stream that
  /// has started and is not finished, and returns it.
  StreamId UploadInFlight() {
    Build();
    uploader_ = Join(DeviceClass::kDesktop);
    Join(DeviceClass::kMobileCellular);
    Join(DeviceClass::kMobileCellular);
    StreamId stream = kInvalidStream;
    const bool found = RunUntilTrue(
        [&] { return (stream = StreamInFlight(uploader_)) != kInvalidStream; }, 120);
    EXPECT_TRUE(found) << "no peer stream in 120 s";
    if (found) downloader_ = mesh_->Find(mesh_->StreamDownloader(stream));
    return stream;
  }
  static std::int64_t TimeoutsOf(const PeerApp* peer) {
    return peer->client()->scheduler().stats().p2p_timeouts;
  }

  PeerApp* uploader_ = nullptr;
  PeerApp* downloader_ = nullptr;
};

// The uploader vanishes mid-stream: the stream stays open with its bytes frozen, nobody is told;
// the downloader's client times the download out (no new bytes for scheduler.p2p_timeout_s),
// and the stream ends once the downloader learns the channel is dead.
TEST_F(SilentDeparture, DownloaderSeesAFrozenStreamAndTimesItOut) {
  const StreamId stream = UploadInFlight();
  ASSERT_NE(downloader_, nullptr);
  const double vanished_s = NowS();
  const double frozen_bytes = mesh_->StreamBytes(stream);
  const std::int64_t timeouts_before = TimeoutsOf(downloader_);
  uploader_->Vanish();
  EXPECT_EQ(mesh_->Find(uploader_->identity().id), nullptr);
  RunUntil(vanished_s + 1.0);
  EXPECT_TRUE(mesh_->StreamAlive(stream));
  EXPECT_TRUE(mesh_->StreamFrozen(stream));
  EXPECT_EQ(mesh_->StreamBytes(stream), frozen_bytes);
  EXPECT_EQ(TimeoutsOf(downloader_), timeouts_before);  // not before the timeout
  const double timeout_s = UsToSeconds(client_config_.scheduler.p2p_timeout_us);
  RunUntil(vanished_s + timeout_s + 0.5);  // the client looks at its timeouts on its ticks
  EXPECT_GT(TimeoutsOf(downloader_), timeouts_before);
  EXPECT_TRUE(downloader_->HasChannel(uploader_->identity().id));  // it does not know yet
  const double dead_s = vanished_s + UsToSeconds(failures_.dead_channel_timeout_us);
  RunUntil(dead_s - kEpsilonS);
  EXPECT_TRUE(downloader_->HasChannel(uploader_->identity().id));
  RunUntil(dead_s + kEpsilonS);
  EXPECT_FALSE(downloader_->HasChannel(uploader_->identity().id));
  EXPECT_TRUE(mesh_->StreamsFrom(uploader_->identity().id).empty());
  EXPECT_EQ(failure_stats_.silent_departures, 1u);
  ASSERT_EQ(records_.records.size(), 1u);  // the vanished session was recorded as usual
  EXPECT_EQ(records_.records[0].identity.id, uploader_->identity().id);
}

// The downloader vanishes mid-stream: no more bytes flow (no acknowledgements), and the
// uploader's upload, with its slot, stays until the dead-channel timeout; then it is freed.
TEST_F(SilentDeparture, UploaderKeepsItsSlotUntilTheChannelIsDead) {
  const StreamId stream = UploadInFlight();
  ASSERT_NE(downloader_, nullptr);
  const double vanished_s = NowS();
  const double frozen_bytes = mesh_->StreamBytes(stream);
  const std::size_t uploads = uploader_->uploads_in_progress();
  ASSERT_GE(uploads, 1u);
  downloader_->Vanish();
  const double dead_s = vanished_s + UsToSeconds(failures_.dead_channel_timeout_us);
  RunUntil(dead_s - kEpsilonS);
  EXPECT_TRUE(mesh_->StreamAlive(stream));
  EXPECT_EQ(mesh_->StreamBytes(stream), frozen_bytes);
  EXPECT_GE(uploader_->uploads_in_progress(), 1u);
  EXPECT_TRUE(uploader_->HasChannel(downloader_->identity().id));
  RunUntil(dead_s + kEpsilonS);
  EXPECT_FALSE(mesh_->StreamAlive(stream));
  EXPECT_FALSE(uploader_->HasChannel(downloader_->identity().id));
  for (const StreamId id : mesh_->StreamsFrom(uploader_->identity().id)) {
    EXPECT_NE(mesh_->StreamDownloader(id), downloader_->identity().id);
  }
}

// The tracker and the signaling relay learn of a vanished viewer only after
// failures.service_detection_s; a clean departure reaches them after their latency.
TEST_F(SilentDeparture, TrackerListsAVanishedViewerUntilTheServicesNoticeIt) {
  Build();
  PeerApp* quiet = Join(DeviceClass::kDesktop);
  PeerApp* clean = Join(DeviceClass::kDesktop);
  Join(DeviceClass::kDesktop);
  RunUntil(5);
  ASSERT_EQ(services_->tracker().member_count(), 3u);
  quiet->Vanish();
  const double detect_s = 5 + UsToSeconds(failures_.service_detection_us);
  RunUntil(detect_s - kEpsilonS);
  EXPECT_EQ(services_->tracker().member_count(), 3u);
  RunUntil(detect_s + kEpsilonS);
  EXPECT_EQ(services_->tracker().member_count(), 2u);
  clean->Finish();
  RunUntil(NowS() + 2 * UsToSeconds(topology_config_.isps[0].access_latency_us) + 0.1);
  EXPECT_EQ(services_->tracker().member_count(), 1u);
}

// A viewer whose session ends silently is chosen by its seed: with vanish_fraction 0 nobody
// vanishes, with 1 everybody does (and the others hear no Leave).
TEST_F(SilentDeparture, VanishFractionDecidesWhoEndsSilently) {
  failures_.vanish_fraction = 1;
  Build();
  Join(DeviceClass::kDesktop, 10);
  Join(DeviceClass::kDesktop);
  RunUntil(11);
  EXPECT_EQ(failure_stats_.silent_departures, 1u);
  EXPECT_EQ(services_->tracker().member_count(), 2u);
}

}  // namespace
}  // namespace cdnmesh
