// Randomized properties over small meshes (5-12 viewers, one-way latencies 1-80 ms, arrivals,
// departures, vanishing hosts, stalled uploaders, failing ICE pairs) with fixed seeds: no peer
// message without an open channel, every upload answers a request, uploads within the slots,
// links within the cap, the client's view of its channels matches the network's, and a seed
// replays the same message log exactly.
#include <gtest/gtest.h>

#include "tests/core/client/net/client_scenarios.h"

namespace cdnmesh::testing {
namespace {

constexpr TimeUs kEndUs = 120 * kUsPerSecond;

DurationUs RandomLatencyUs(Rng& rng) {
  return kUsPerMs + static_cast<DurationUs>(rng.UniformIndex(80 * kUsPerMs));
}

// Scripts a random mesh for `seed`; the same seed scripts the same mesh.
std::unique_ptr<ClientNet> RandomMesh(std::uint64_t seed) {
  Rng rng(seed);
  ClientNetConfig config = SeederLeecherConfig([](ClientConfig& c) {
    c.max_connections = 4;
    c.scheduler.upload_slots = 2;
    c.scheduler.p2p_timeout_us = 2 * kUsPerSecond;
    c.connect_timeout_us = 3 * kUsPerSecond;
  });
  config.tracker_seed = seed;
  auto net = std::make_unique<ClientNet>(config);
  const int viewers = 5 + static_cast<int>(rng.UniformIndex(8));
  for (int i = 0; i < viewers; ++i) {
    const IspId isp = rng.Bernoulli(0.4) ? kSeederIsp : kLeecherIsp;
    const auto start_us = static_cast<TimeUs>(rng.UniformIndex(20 * kUsPerSecond));
    net->AddClient(ViewerIdentity(isp, seed * 100 + static_cast<std::uint64_t>(i)), start_us);
    net->SetUploadRate(i, 1'000'000 + static_cast<std::int64_t>(rng.UniformIndex(9'000'000)));
    if (rng.Bernoulli(0.1)) net->SetStalledUploads(i, true);
    const double fate = rng.UniformDouble();
    const TimeUs leave_us = 40 * kUsPerSecond + static_cast<TimeUs>(rng.UniformIndex(Sec(30)));
    if (fate < 0.15) net->StopAt(i, leave_us);
    if (fate >= 0.15 && fate < 0.25) net->VanishAt(i, leave_us);
  }
  for (int a = 0; a < viewers; ++a) {
    for (const int service : {kDistributorNode, kTrackerNode, kSignalingNode}) {
      net->SetLatency(a, service, RandomLatencyUs(rng));
    }
    for (int b = a + 1; b < viewers; ++b) {
      net->SetLatency(a, b, RandomLatencyUs(rng));
      if (rng.Bernoulli(0.1)) net->SetConnectFails(a, b);
    }
  }
  return net;
}

// The client's open links are exactly the channel ends the network has open for it.
void CheckChannelViews(ClientNet& net, int i) {
  if (net.gone(i)) return;
  const ConnectionTable& links = net.client(i).connections();
  for (int j = 0; j < net.size(); ++j) {
    if (j == i || net.client(j).id() == kInvalidPeer) continue;
    ASSERT_EQ(links.IsOpen(net.client(j).id()), net.EndOpen(i, j))
        << "t=" << net.now_us() << " client " << i << " about client " << j;
  }
}

class ClientPropertyTest : public ::testing::TestWithParam<std::uint64_t> {};

TEST_P(ClientPropertyTest, MeshKeepsTheProtocolsRules) {
  auto net = RandomMesh(GetParam());
  net->SetCheck([&](int i) { CheckChannelViews(*net, i); });
  net->RunUntil(kEndUs);
  EXPECT_TRUE(net->violations().empty()) << Describe(net->violations());
  // Not vacuous: the mesh formed and moved segments.
  std::int64_t p2p_bytes = 0;
  std::int64_t opened = 0;
  for (int i = 0; i < net->size(); ++i) {
    p2p_bytes += net->client(i).scheduler().stats().p2p_bytes;
    opened += net->client(i).stats().connections_opened;
  }
  EXPECT_GT(opened, 0);
  EXPECT_GT(p2p_bytes, 0);
}

TEST_P(ClientPropertyTest, UploadedBytesMatchDeliveredPeerBytes) {
  auto net = RandomMesh(GetParam());
  net->RunUntil(kEndUs);
  // Every peer byte a downloader counts was served by an upload the harness completed, or is
  // the prefix of a cancelled one that a CDN fetch continued.
  std::int64_t completed = 0;
  for (const Completion& c : net->completions()) {
    completed += c.source >= 0 ? net->stream().SegmentSizeBytes(c.key) : c.prefix_bytes;
  }
  std::int64_t p2p_bytes = 0;
  for (int i = 0; i < net->size(); ++i) p2p_bytes += net->client(i).scheduler().stats().p2p_bytes;
  EXPECT_EQ(p2p_bytes, completed);
}

TEST_P(ClientPropertyTest, SameSeedReplaysTheSameMessageLog) {
  auto first = RandomMesh(GetParam());
  auto second = RandomMesh(GetParam());
  first->RunUntil(kEndUs);
  second->RunUntil(kEndUs);
  const auto& a = first->log();
  const auto& b = second->log();
  ASSERT_FALSE(a.empty());
  const std::size_t common = std::min(a.size(), b.size());
  for (std::size_t k = 0; k < common; ++k) {
    ASSERT_TRUE(a[k] == b[k]) << "message " << k << " differs: t=" << a[k].at_us << " "
                              << protocol::MessageTypeName(a[k].type) << " vs t=" << b[k].at_us
                              << " " << protocol::MessageTypeName(b[k].type);
  }
  EXPECT_EQ(a.size(), b.size());
}

TEST(ClientPropertySeedTest, AnotherSeedGivesAnotherLog) {
  auto first = RandomMesh(1);
  auto second = RandomMesh(2);
  first->RunUntil(Sec(30));
  second->RunUntil(Sec(30));
  EXPECT_FALSE(first->log() == second->log());
}

INSTANTIATE_TEST_SUITE_P(Seeds, ClientPropertyTest, ::testing::Range<std::uint64_t>(1, 17));

// Not vacuous: over the seeds above, CDN fetches continue cancelled peer downloads, and the
// prefixes they keep count as peer bytes of the clients that kept them.
TEST(ClientResumeTest, CdnFetchesContinueCancelledPeerDownloads) {
  std::int64_t kept = 0;
  std::int64_t counted = 0;
  for (std::uint64_t seed = 1; seed < 17; ++seed) {
    auto net = RandomMesh(seed);
    net->RunUntil(kEndUs);
    EXPECT_TRUE(net->violations().empty()) << Describe(net->violations());
    for (const Completion& c : net->completions()) kept += c.prefix_bytes;
    for (int i = 0; i < net->size(); ++i) counted += net->client(i).scheduler().stats().resumed_bytes;
  }
  EXPECT_GT(kept, 0);
  EXPECT_EQ(counted, kept);
}

}  // namespace
}  // namespace cdnmesh::testing
