// The simulator as the client's host: every message survives the binary codec, playlists
// gate what viewers fetch, and the client's own knowledge (not the simulation's) decides.
#include <gtest/gtest.h>

#include <algorithm>

#include "tests/sim/world/world_test_util.h"

namespace cdnmesh {
namespace {

using testing::MustRun;
using testing::StaticSwarm;

// With run.encode_messages every message is encoded and decoded on its way; the run fails if
// one does not come back equal, and the results are those of the run without encoding.
TEST(WorldClient, EveryMessageOfARunDecodesToItselfAndChangesNothing) {
  ScenarioConfig plain = StaticSwarm(25, 90);
  plain.stream.stream.ladder = {{800'000, 360}, {2'500'000, 720}};  // rendition moves too
  ScenarioConfig encoded = plain;
  encoded.run.encode_messages = true;
  const RunResult a = MustRun(plain);
  const RunResult b = MustRun(encoded);
  EXPECT_GT(a.summary.p2p_bytes, 0);
  EXPECT_EQ(a.summary.p2p_bytes, b.summary.p2p_bytes);
  EXPECT_EQ(a.summary.cdn_bytes, b.summary.cdn_bytes);
  EXPECT_EQ(a.summary.connections_per_peer, b.summary.connections_per_peer);
  EXPECT_EQ(a.summary.events, b.summary.events);
  EXPECT_EQ(a.summary.peer_messages, b.summary.peer_messages);
  EXPECT_GT(a.summary.peer_messages, 25 * 10);  // handshakes, bitfields, haves, requests
  EXPECT_EQ(a.summary.encoded_message_bytes, 0);
  EXPECT_GT(b.summary.encoded_message_bytes, 4 * b.summary.peer_messages);
}

// A live viewer starts behind the newest segment its first playlist lists, which the CDN edge
// lists only after packaging and propagation: a later publication means later segments at
// the same moment, never earlier ones.
TEST(WorldClient, PublicationDelayShiftsWhatViewersCanFetch) {
  ScenarioConfig quick = StaticSwarm(10, 60);
  // Whole segments and fixed seeding odds: then completed bytes count segments exactly (relays
  // and adaptive seeding add timing-dependent duplicates, a few hundred kB either way).
  quick.peer.scheduler.relay_after_bytes = 0;
  quick.peer.scheduler.seeding_miss_target = 0;
  quick.stream.packaging_delay_us = 0;
  quick.stream.cdn_propagation_us = 0;
  ScenarioConfig slow = quick;
  slow.stream.packaging_delay_us = 8 * kUsPerSecond;  // two segments later on the edge
  const RunResult a = MustRun(quick);
  const RunResult b = MustRun(slow);
  // Both play; the slow edge makes every session start on older media, so over the same
  // wall-clock time it fetches no more segments than the quick one.
  EXPECT_GT(a.summary.cdn_bytes + a.summary.p2p_bytes, 0);
  EXPECT_GT(b.summary.cdn_bytes + b.summary.p2p_bytes, 0);
  EXPECT_LE(b.summary.cdn_bytes + b.summary.p2p_bytes,
            a.summary.cdn_bytes + a.summary.p2p_bytes);
  EXPECT_EQ(b.summary.rebuffer_ratio, 0.0);
}

// A viewer learns its uplink from what it uploaded: with a 1 Mbit/s uplink and a 2 Mbit/s
// stream no upload keeps 1.5x real time, so once measured nobody serves and offload stays
// small; with 20 Mbit/s uplinks peers serve most bytes.
TEST(WorldClient, UploadAdmissionFollowsTheMeasuredUplink) {
  ScenarioConfig rich = StaticSwarm(20, 120);
  ScenarioConfig poor = rich;
  for (AccessProfileConfig& access : poor.topology.isps[0].access) {
    access.up_bps = DistributionConfig::Constant(1e6);
  }
  const RunResult a = MustRun(rich);
  const RunResult b = MustRun(poor);
  EXPECT_GT(a.summary.offload_ratio, 0.5);
  EXPECT_LT(b.summary.offload_ratio, a.summary.offload_ratio / 2);
}

}  // namespace
}  // namespace cdnmesh
