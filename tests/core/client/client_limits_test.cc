// Table-driven tests of the client's thresholds, driving one Client by hand with a scripted
// clock and fake peers: the connection cap, upload slots, the byte range of a request, the
// connect timeout (each at threshold - 1, threshold, threshold + 1), glare by peer id, the
// handshake checks, and what a Reject does to the download it answers.
#include <gtest/gtest.h>

#include "tests/core/client/client_solo.h"

namespace cdnmesh::testing {
namespace {

int Accepted(const std::vector<protocol::SignalAnswer>& answers, bool accepted) {
  int n = 0;
  for (const auto& a : answers) n += a.accepted == accepted;
  return n;
}

// --- Connection cap ---------------------------------------------------------------------------

class ClientCapTest : public ::testing::TestWithParam<int> {};

TEST_P(ClientCapTest, AcceptsOffersUpToTheCapAndDeclinesTheRest) {
  constexpr int kCap = 3;
  ClientConfig config = LeecherConfig();
  config.max_connections = kCap;
  Solo s(config);
  const int offers = kCap + GetParam();
  for (int p = 0; p < offers; ++p) s.Offer(600 + static_cast<PeerId>(p), 77 + p);
  s.Drain();
  const auto answers = s.Sent<protocol::SignalAnswer>();
  ASSERT_EQ(static_cast<int>(answers.size()), offers);
  EXPECT_EQ(Accepted(answers, true), std::min(offers, kCap));
  EXPECT_EQ(Accepted(answers, false), std::max(0, offers - kCap));
  EXPECT_EQ(s.client->connections().size(), std::min(offers, kCap));
  for (const auto& a : answers) EXPECT_EQ(a.from, kSelf);
}

INSTANTIATE_TEST_SUITE_P(Threshold, ClientCapTest, ::testing::Values(-1, 0, 1));

TEST(ClientCapRuleTest, SetUpsInProgressCountAgainstTheCap) {
  ClientConfig config = LeecherConfig();
  config.max_connections = 2;
  Solo s(config);
  s.List({701, 702, 703, 704});  // two offers out, the list's tail ignored
  s.Drain();
  EXPECT_EQ(s.Sent<protocol::SignalOffer>().size(), 2u);
  s.Offer(800, 5);
  s.Drain();
  const auto answers = s.Sent<protocol::SignalAnswer>();
  ASSERT_EQ(answers.size(), 1u);
  EXPECT_FALSE(answers[0].accepted);
  EXPECT_EQ(s.client->connections().size(), 2);
}

TEST(ClientCapRuleTest, OffersBeforeTheSwarmJoinAreDeclined) {
  Solo s(LeecherConfig(), /*join=*/false);
  s.Offer(800, 5);
  s.Drain();
  const auto answers = s.Sent<protocol::SignalAnswer>();
  ASSERT_EQ(answers.size(), 1u);
  EXPECT_FALSE(answers[0].accepted);
  EXPECT_EQ(answers[0].session_id, 5u);
  EXPECT_EQ(s.client->connections().size(), 0);
}

// --- Upload slots and byte ranges -------------------------------------------------------------

class ClientUploadSlotsTest : public ::testing::TestWithParam<int> {};

TEST_P(ClientUploadSlotsTest, ServesUpToTheSlotsAndRejectsTheRestAsBusy) {
  constexpr int kSlots = 2;
  ClientConfig config = LeecherConfig();
  config.scheduler.upload_slots = kSlots;
  Solo s(config);
  const int requesters = kSlots + GetParam();
  for (int p = 0; p < requesters; ++p) s.Accept(600 + static_cast<PeerId>(p));
  const std::vector<SegmentKey> held = s.CompleteCdnFetches();
  ASSERT_FALSE(held.empty());
  for (int p = 0; p < requesters; ++p) {
    protocol::Request request;
    request.key = held[0];
    request.length_bytes = protocol::kMaxSegmentBytes;
    s.FromPeer(600 + static_cast<PeerId>(p), request);
  }
  s.Drain();
  EXPECT_EQ(s.Count(ClientActionType::kServeUpload), std::min(requesters, kSlots));
  const auto rejects = s.Sent<protocol::Reject>();
  EXPECT_EQ(static_cast<int>(rejects.size()), std::max(0, requesters - kSlots));
  for (const auto& r : rejects) EXPECT_EQ(r.reason, Reason::kNoSlot);
}

INSTANTIATE_TEST_SUITE_P(Threshold, ClientUploadSlotsTest, ::testing::Values(-1, 0, 1));

// A client holding one segment with one upload slot and one open channel (peer 600).
struct RangeFixture {
  Solo s{[] {
    ClientConfig c = LeecherConfig();
    c.scheduler.upload_slots = 1;
    return c;
  }()};
  SegmentKey key;
  std::int64_t size_bytes = 0;
  RangeFixture() {
    s.Accept(600);
    key = s.CompleteCdnFetches().at(0);
    size_bytes = s.stream.SegmentSizeBytes(key);
  }
  void Ask(std::int64_t offset_bytes) {
    protocol::Request request;
    request.key = key;
    request.offset_bytes = static_cast<std::uint32_t>(offset_bytes);
    request.length_bytes = protocol::kMaxSegmentBytes;
    s.FromPeer(600, request);
    s.Drain();
  }
};

class ClientRangeTest : public ::testing::TestWithParam<int> {};

TEST_P(ClientRangeTest, OffsetMustLieInsideTheSegment) {
  RangeFixture f;
  f.Ask(f.size_bytes + GetParam());  // offsets size - 1, size, size + 1
  if (GetParam() < 0) {
    ASSERT_EQ(f.s.Count(ClientActionType::kServeUpload), 1);
    const ClientAction& serve = f.s.all.back();
    EXPECT_EQ(serve.type, ClientActionType::kServeUpload);
    EXPECT_EQ(serve.offset_bytes, f.size_bytes - 1);
    EXPECT_EQ(serve.length_bytes, 1u) << "clipped to the segment's end";
    EXPECT_EQ(serve.size_bytes, f.size_bytes);
  } else {
    EXPECT_EQ(f.s.Count(ClientActionType::kServeUpload), 0);
    const auto rejects = f.s.Sent<protocol::Reject>();
    ASSERT_EQ(rejects.size(), 1u);
    EXPECT_EQ(rejects[0].reason, Reason::kInvalidRequest);
    f.Ask(0);  // the refused request gave its slot back
    EXPECT_EQ(f.s.Count(ClientActionType::kServeUpload), 1);
  }
}

INSTANTIATE_TEST_SUITE_P(Threshold, ClientRangeTest, ::testing::Values(-1, 0, 1));

TEST(ClientUploadRuleTest, RefusedRangeIsNotCountedAsUploaded) {
  RangeFixture f;
  f.Ask(f.size_bytes);
  ASSERT_EQ(f.s.Sent<protocol::Reject>().size(), 1u);
  const SchedulerStats& stats = f.s.client->scheduler().stats();
  EXPECT_EQ(stats.uploads_accepted, 0) << "a Reject is not a served upload";
  EXPECT_EQ(stats.uploaded_bytes, 0) << "the Announce would report bytes never sent";
}

TEST(ClientUploadRuleTest, UnheldSegmentIsRejectedAndUnconnectedRequestsIgnored) {
  RangeFixture f;
  protocol::Request request;
  request.key = SegmentKey{0, f.key.seq + 500};
  request.length_bytes = 1000;
  f.s.FromPeer(600, request);
  f.s.FromPeer(999, request);  // no channel with 999
  f.s.Drain();
  const auto rejects = f.s.Sent<protocol::Reject>();
  ASSERT_EQ(rejects.size(), 1u);
  EXPECT_EQ(rejects[0].reason, Reason::kNotHeld);
  EXPECT_EQ(f.s.client->stats().rejected_messages, 1);
  EXPECT_EQ(f.s.Count(ClientActionType::kServeUpload), 0);
}

// --- Connect timeout --------------------------------------------------------------------------

class ClientConnectTimeoutTest : public ::testing::TestWithParam<DurationUs> {};

TEST_P(ClientConnectTimeoutTest, ChannelOpeningAfterTheDeadlineIsClosed) {
  constexpr DurationUs kTimeoutUs = 2 * kUsPerSecond;
  ClientConfig config = LeecherConfig();
  config.connect_timeout_us = kTimeoutUs;
  Solo s(config);
  s.List({700});  // dialled at t = 0: the deadline is kTimeoutUs
  const auto offers = s.Sent<protocol::SignalOffer>();
  ASSERT_EQ(offers.size(), 1u);
  protocol::SignalAnswer answer;
  answer.from = 700;
  answer.to = kSelf;
  answer.session_id = offers[0].session_id;
  s.FromSignaling(answer);
  s.Drain();
  ASSERT_EQ(s.Count(ClientActionType::kConnect), 1);
  const TimeUs open_us = kTimeoutUs + GetParam();
  // The host honours every wake-up up to the channel's opening.
  for (int ticks = 0; s.client->NextWakeUpUs() <= open_us; ++ticks) {
    ASSERT_LT(ticks, 10'000) << "the wake-up does not move forward";
    s.now_us = s.client->NextWakeUpUs();
    s.client->OnTick(s.now_us);
    s.Drain();
  }
  s.now_us = open_us;
  s.client->OnChannelOpen(s.now_us, 700);
  s.Drain();
  const bool opened = GetParam() < 0;
  EXPECT_EQ(s.client->connections().IsOpen(700), opened);
  EXPECT_EQ(s.Sent<protocol::Handshake>().size(), opened ? 1u : 0u);
  EXPECT_EQ(s.Count(ClientActionType::kDisconnect), opened ? 0 : 2)
      << "the expired set-up is abandoned, and the late channel closed";
  EXPECT_EQ(s.client->stats().connect_failures, opened ? 0 : 1);
}

INSTANTIATE_TEST_SUITE_P(Threshold, ClientConnectTimeoutTest, ::testing::Values(-1, 0, 1));

// --- Glare ------------------------------------------------------------------------------------

class ClientGlareRuleTest : public ::testing::TestWithParam<PeerId> {};

TEST_P(ClientGlareRuleTest, TheLowerIdsOfferWins) {
  const PeerId other = GetParam();
  Solo s(LeecherConfig());
  s.List({other});
  const std::uint64_t ours = s.Sent<protocol::SignalOffer>().at(0).session_id;
  constexpr std::uint64_t kTheirs = 0x7E1125;
  s.Offer(other, kTheirs);
  s.Drain();
  const auto answers = s.Sent<protocol::SignalAnswer>();
  ASSERT_EQ(answers.size(), 1u);
  EXPECT_EQ(answers[0].session_id, kTheirs);
  const bool theirs_wins = other < kSelf;
  EXPECT_EQ(answers[0].accepted, theirs_wins);
  // The other side answers our offer the opposite way; only the winning offer connects.
  protocol::SignalAnswer reply;
  reply.from = other;
  reply.to = kSelf;
  reply.session_id = ours;
  reply.accepted = !theirs_wins;
  s.FromSignaling(reply);
  s.Drain();
  EXPECT_EQ(s.Count(ClientActionType::kConnect), theirs_wins ? 0 : 1);
  EXPECT_EQ(s.client->connections().size(), 1);
  EXPECT_EQ(s.client->stats().offers_declined, 0) << "a glare loss is not a declined offer";
}

INSTANTIATE_TEST_SUITE_P(Ids, ClientGlareRuleTest, ::testing::Values(kSelf - 1, kSelf + 1));

// --- Handshake and Reject ---------------------------------------------------------------------

struct HandshakeCase {
  std::uint16_t version;
  ContentId content;
  PeerId claimed;
  bool keeps;
};

class ClientHandshakeTest : public ::testing::TestWithParam<HandshakeCase> {};

TEST_P(ClientHandshakeTest, WrongVersionContentOrIdClosesTheChannel) {
  Solo s(LeecherConfig());
  s.Accept(600);
  s.Drain();
  protocol::Handshake handshake;
  handshake.version = GetParam().version;
  handshake.content = GetParam().content;
  handshake.peer = GetParam().claimed;
  s.FromPeer(600, handshake);
  s.Drain();
  EXPECT_EQ(s.client->connections().IsOpen(600), GetParam().keeps);
  EXPECT_EQ(s.Count(ClientActionType::kDisconnect), GetParam().keeps ? 0 : 1);
  EXPECT_EQ(s.client->scheduler().peers().Find(600) != nullptr, GetParam().keeps);
}

INSTANTIATE_TEST_SUITE_P(
    Fields, ClientHandshakeTest,
    ::testing::Values(HandshakeCase{protocol::kProtocolVersion, 7, 600, true},
                      HandshakeCase{protocol::kProtocolVersion + 1, 7, 600, false},
                      HandshakeCase{protocol::kProtocolVersion, 8, 600, false},
                      HandshakeCase{protocol::kProtocolVersion, 7, 601, false}));

struct RejectCase {
  Reason reason;
  bool busy;  // counted as a busy refusal rather than a failure
};

class ClientRejectTest : public ::testing::TestWithParam<RejectCase> {};

TEST_P(ClientRejectTest, RejectEndsTheDownloadItAnswers) {
  Solo s(LeecherConfig());
  s.Accept(600);
  protocol::Bitfield map;  // the peer holds every listed segment
  map.first_seq = s.stream.FirstAvailable(0);
  map.bits = {0xFF, 0xFF};
  s.FromPeer(600, map);
  std::vector<ClientAction> fetches;
  for (const ClientAction& a : s.Drain()) {
    if (a.type == ClientActionType::kFetchFromPeer) fetches.push_back(a);
  }
  ASSERT_EQ(fetches.size(), 1u) << "one request per peer";
  protocol::Reject reject;
  reject.key = fetches[0].key;
  reject.reason = GetParam().reason;
  s.FromPeer(600, reject);
  const auto after = s.Drain();
  ASSERT_FALSE(after.empty());
  EXPECT_EQ(after[0].type, ClientActionType::kCancelFetch);
  EXPECT_EQ(after[0].transfer, fetches[0].transfer);
  EXPECT_FALSE(after[0].notify_peer) << "the refusing peer sends nothing: nothing to cancel";
  const SchedulerStats& stats = s.client->scheduler().stats();
  EXPECT_EQ(stats.p2p_busy_refusals, GetParam().busy ? 1 : 0);
  EXPECT_EQ(stats.p2p_failures, GetParam().busy ? 0 : 1);
  EXPECT_EQ(s.client->scheduler().transfers().p2p_count(), 0);
}

INSTANTIATE_TEST_SUITE_P(Reasons, ClientRejectTest,
                         ::testing::Values(RejectCase{Reason::kNoSlot, true},
                                           RejectCase{Reason::kRateBudget, true},
                                           RejectCase{Reason::kNotHeld, false},
                                           RejectCase{Reason::kDataCap, false}));

// --- Uplink estimate --------------------------------------------------------------------------

// Upload A runs alone for 1 s, then beside B for 1 s, and ends having sent `bytes`. Sharing
// fairly, the link sent bytes in A's 1 + 1/2 s of fair share: the harmonic mean of the sharing
// count (deadline admission) gives the link's rate exactly, the time-weighted mean (1.5 over
// 2 s) overstates it by 12.5 %.
class ClientUplinkEstimateTest : public ::testing::TestWithParam<bool> {};

TEST_P(ClientUplinkEstimateTest, SharingMeanFollowsTheAdmissionRule) {
  const bool deadline_admission = GetParam();
  ClientConfig config = LeecherConfig();
  config.scheduler.upload_deadline_admission = deadline_admission;
  Solo s(config);
  s.Accept(600);
  s.Accept(601);
  const SegmentKey key = s.CompleteCdnFetches().at(0);
  const std::int64_t bytes = s.stream.SegmentSizeBytes(key);
  std::vector<UploadRequestId> uploads;
  for (PeerId peer : {600, 601}) {
    s.now_us += kUsPerSecond;
    protocol::Request request;
    request.key = key;
    request.length_bytes = protocol::kMaxSegmentBytes;
    s.FromPeer(peer, request);
    for (const ClientAction& a : s.Drain()) {
      if (a.type == ClientActionType::kServeUpload) uploads.push_back(a.upload);
    }
  }
  ASSERT_EQ(uploads.size(), 2u);
  s.now_us += kUsPerSecond;
  s.client->OnUploadDone(s.now_us, uploads[0], bytes);
  const double link_bps = static_cast<double>(bytes) * 8 / 1.5;
  EXPECT_NEAR(static_cast<double>(s.client->uplink_estimate_bps()),
              deadline_admission ? link_bps : link_bps * 1.125, 1.0);
}

INSTANTIATE_TEST_SUITE_P(Rules, ClientUplinkEstimateTest, ::testing::Bool());

}  // namespace
}  // namespace cdnmesh::testing
