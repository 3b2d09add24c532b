// The signaling relay: connections need a valid token; offers, answers and candidates pass only
// from the connection's true sender to a connected recipient the tracker matched it with; an
// offer to nobody is declined on the recipient's behalf; anything else is refused with a
// ServiceError.
#include <gtest/gtest.h>

#include "core/services/signaling_relay.h"
#include "core/services/tracker_service.h"
#include "tests/core/services/services_test_util.h"

namespace cdnmesh::testing {
namespace {

using protocol::ServiceErrorCode;

constexpr TimeUs kNowUs = 3 * kUsPerSecond;
constexpr PeerId kAlice = 11;
constexpr PeerId kBob = 12;
constexpr PeerId kCarol = 13;  // never connected

protocol::SignalOffer Offer(PeerId from, PeerId to, std::uint64_t session = 0xABC) {
  protocol::SignalOffer offer;
  offer.from = from;
  offer.to = to;
  offer.session_id = session;
  offer.sdp = {1, 2, 3};
  return offer;
}

protocol::SignalAnswer Answer(PeerId from, PeerId to, std::uint64_t session = 0xABC) {
  protocol::SignalAnswer answer;
  answer.from = from;
  answer.to = to;
  answer.session_id = session;
  answer.sdp = {4, 5};
  return answer;
}

protocol::IceCandidate Candidate(PeerId from, PeerId to) {
  protocol::IceCandidate candidate;
  candidate.from = from;
  candidate.to = to;
  candidate.session_id = 0xABC;
  candidate.candidate = {9, 9};
  return candidate;
}

struct RelayFixture {
  SessionTokens tokens = TestTokens();
  SignalingRelay relay{tokens};
  RelayFixture() {
    EXPECT_TRUE(relay.OnConnect(kNowUs, kAlice, tokens.Issue(kNowUs, kAlice)).ok());
    EXPECT_TRUE(relay.OnConnect(kNowUs, kBob, tokens.Issue(kNowUs, kBob)).ok());
    relay.AllowPair(kAlice, kBob);
  }
  OutgoingList Send(PeerId connection, const protocol::Message& message) {
    OutgoingList out;
    relay.OnMessage(kNowUs, connection, message, &out);
    return out;
  }
};

TEST(SignalingRelayTest, RelaysEachSignalingMessageUnchangedToItsRecipient) {
  RelayFixture f;
  const std::vector<std::pair<PeerId, protocol::Message>> cases = {
      {kAlice, Offer(kAlice, kBob)}, {kBob, Answer(kBob, kAlice)}, {kAlice, Candidate(kAlice, kBob)},
      {kBob, Candidate(kBob, kAlice)}};
  for (const auto& [connection, message] : cases) {
    const OutgoingList out = f.Send(connection, message);
    ASSERT_EQ(out.size(), 1u);
    EXPECT_EQ(out[0].to, connection == kAlice ? kBob : kAlice);
    EXPECT_EQ(out[0].message, message);
  }
  EXPECT_EQ(f.relay.stats().relayed, cases.size());
  EXPECT_EQ(f.relay.stats().refused, 0u);
}

TEST(SignalingRelayTest, BadTokensAreRefusedOnConnect) {
  RelayFixture f;
  const SessionTokens foreign(kSecret + 1, kTokenLifetimeUs);
  auto tampered = f.tokens.Issue(kNowUs, kCarol);
  tampered[20] ^= 0x01;
  const auto expired = f.tokens.Issue(kNowUs - kTokenLifetimeUs, kCarol);  // expires now
  for (const auto& token : {std::vector<std::uint8_t>{}, tampered, expired,
                            foreign.Issue(kNowUs, kCarol)}) {
    EXPECT_FALSE(f.relay.OnConnect(kNowUs, kCarol, token).ok());
  }
  EXPECT_EQ(f.relay.connected(), 2u);
  // Carol is still unknown: an offer to her is declined on her behalf.
  const OutgoingList out = f.Send(kAlice, Offer(kAlice, kCarol));
  ASSERT_EQ(MessagesOf<protocol::SignalAnswer>(out).size(), 1u);
}

TEST(SignalingRelayTest, OfferToAnUnconnectedPeerIsDeclinedWithItsSessionId) {
  RelayFixture f;
  const OutgoingList out = f.Send(kAlice, Offer(kAlice, kCarol, 0x5E55));
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].to, kAlice);
  const auto* answer = std::get_if<protocol::SignalAnswer>(&out[0].message);
  ASSERT_NE(answer, nullptr) << "the offerer must get a decline it can match, not an error";
  EXPECT_FALSE(answer->accepted);
  EXPECT_EQ(answer->session_id, 0x5E55u);
  EXPECT_EQ(answer->from, kCarol);
  EXPECT_EQ(answer->to, kAlice);
  EXPECT_TRUE(answer->sdp.empty());
}

TEST(SignalingRelayTest, AnswerOrCandidateToAnUnconnectedPeerIsUnknownPeer) {
  RelayFixture f;
  EXPECT_EQ(OnlyErrorCode(f.Send(kAlice, Answer(kAlice, kCarol)), kAlice),
            ServiceErrorCode::kUnknownPeer);
  EXPECT_EQ(OnlyErrorCode(f.Send(kAlice, Candidate(kAlice, kCarol)), kAlice),
            ServiceErrorCode::kUnknownPeer);
}

TEST(SignalingRelayTest, SpoofedSenderIsUnauthorizedAndNothingIsRelayed) {
  RelayFixture f;
  // Bob's connection claims to be Alice, for each kind of message, to Alice and to Bob.
  const std::vector<protocol::Message> spoofed = {
      Offer(kAlice, kBob), Answer(kAlice, kBob), Candidate(kAlice, kBob), Offer(kCarol, kAlice),
      Answer(kCarol, kAlice)};
  for (const protocol::Message& message : spoofed) {
    EXPECT_EQ(OnlyErrorCode(f.Send(kBob, message), kBob), ServiceErrorCode::kUnauthorized);
  }
  EXPECT_EQ(f.relay.stats().relayed, 0u);
  EXPECT_EQ(f.relay.stats().refused, spoofed.size());
}

TEST(SignalingRelayTest, UnconnectedSenderIsUnauthorized) {
  RelayFixture f;
  EXPECT_EQ(OnlyErrorCode(f.Send(kCarol, Offer(kCarol, kAlice)), kCarol),
            ServiceErrorCode::kUnauthorized);
}

TEST(SignalingRelayTest, NonSignalingMessageIsBadRequest) {
  RelayFixture f;
  for (const protocol::Message& message :
       {protocol::Message{protocol::Have{}}, protocol::Message{protocol::JoinSwarm{}},
        protocol::Message{protocol::Keepalive{}}}) {
    EXPECT_EQ(OnlyErrorCode(f.Send(kAlice, message), kAlice), ServiceErrorCode::kBadRequest);
  }
}

TEST(SignalingRelayTest, DisconnectedPeerNoLongerSendsNorReceives) {
  RelayFixture f;
  f.relay.OnDisconnect(kBob);
  EXPECT_EQ(f.relay.connected(), 1u);
  EXPECT_EQ(OnlyErrorCode(f.Send(kBob, Offer(kBob, kAlice)), kBob),
            ServiceErrorCode::kUnauthorized);
  const auto answers = MessagesOf<protocol::SignalAnswer>(f.Send(kAlice, Offer(kAlice, kBob)));
  ASSERT_EQ(answers.size(), 1u);
  EXPECT_FALSE(answers[0].accepted);
}

TEST(SignalingRelayTest, ConnectedButUnmatchedPairIsRefusedEveryWay) {
  RelayFixture f;
  EXPECT_TRUE(f.relay.OnConnect(kNowUs, kCarol, f.tokens.Issue(kNowUs, kCarol)).ok());
  // Carol is connected with a valid token, but the tracker never listed her with Alice or Bob.
  for (const auto& [connection, message] : std::vector<std::pair<PeerId, protocol::Message>>{
           {kCarol, Offer(kCarol, kAlice)}, {kCarol, Answer(kCarol, kBob)},
           {kCarol, Candidate(kCarol, kAlice)}, {kAlice, Offer(kAlice, kCarol)},
           {kBob, Candidate(kBob, kCarol)}}) {
    EXPECT_EQ(OnlyErrorCode(f.Send(connection, message), connection),
              ServiceErrorCode::kUnauthorized);
  }
  EXPECT_EQ(f.relay.stats().relayed, 0u);
  f.relay.AllowPair(kCarol, kAlice);  // now matched: relayed both ways
  EXPECT_EQ(f.Send(kCarol, Offer(kCarol, kAlice)).at(0).to, kAlice);
  EXPECT_EQ(f.Send(kAlice, Answer(kAlice, kCarol)).at(0).to, kCarol);
  EXPECT_EQ(f.relay.stats().relayed, 2u);
}

TEST(SignalingRelayTest, DisconnectForgetsThePairsOfThePeer) {
  RelayFixture f;
  f.relay.OnDisconnect(kBob);
  EXPECT_FALSE(f.relay.PairAllowed(kAlice, kBob));
  EXPECT_FALSE(f.relay.PairAllowed(kBob, kAlice));
  // Bob reconnects: the old match does not carry over.
  EXPECT_TRUE(f.relay.OnConnect(kNowUs, kBob, f.tokens.Issue(kNowUs, kBob)).ok());
  EXPECT_EQ(OnlyErrorCode(f.Send(kAlice, Offer(kAlice, kBob)), kAlice),
            ServiceErrorCode::kUnauthorized);
}

TEST(SignalingRelayTest, PartnersPerPeerAreBoundedOldestForgottenFirst) {
  const SessionTokens tokens = TestTokens();
  SignalingRelay relay(tokens, /*max_pairs_per_peer=*/3);
  for (PeerId p = 100; p < 104; ++p) relay.AllowPair(kAlice, p);  // 100 is the oldest: evicted
  EXPECT_FALSE(relay.PairAllowed(kAlice, 100));
  EXPECT_FALSE(relay.PairAllowed(100, kAlice));
  EXPECT_TRUE(relay.PairAllowed(kAlice, 103));
  EXPECT_TRUE(relay.PairAllowed(101, kAlice));
  relay.AllowPair(kAlice, 101);  // listed again: now the newest, so 102 goes next
  relay.AllowPair(kAlice, 104);
  EXPECT_TRUE(relay.PairAllowed(kAlice, 101));
  EXPECT_FALSE(relay.PairAllowed(kAlice, 102));
  relay.AllowPair(100, kAlice);  // the other side lists it: allowed again
  EXPECT_TRUE(relay.PairAllowed(kAlice, 100));
}

// The tracker's own answers open the pairs: every peer a PeerList names is paired with its
// recipient, and with no one else.
TEST(SignalingRelayTest, AllowListedPairsPairsEachRecipientWithTheListedPeers) {
  const SessionTokens tokens = TestTokens();
  TrackerServiceConfig config;
  config.policy = "random";
  auto tracker = std::move(TrackerService::Create(config, tokens, 1)).value();
  SignalingRelay relay(tokens);
  for (PeerId p = 1; p <= 3; ++p) {
    OutgoingList out;
    tracker->OnMessage(kNowUs, p, JoinMessage(tokens.Issue(kNowUs, p), static_cast<int>(p)), &out);
    AllowListedPairs(out, &relay);
    EXPECT_TRUE(relay.OnConnect(kNowUs, p, tokens.Issue(kNowUs, p)).ok());
  }
  EXPECT_TRUE(relay.OnConnect(kNowUs, 9, tokens.Issue(kNowUs, 9)).ok());  // not in the swarm
  for (PeerId a = 1; a <= 3; ++a) {
    for (PeerId b = 1; b <= 3; ++b) EXPECT_EQ(relay.PairAllowed(a, b), a != b) << a << "," << b;
    EXPECT_FALSE(relay.PairAllowed(a, 9));
  }
  OutgoingList out;
  relay.OnMessage(kNowUs, 3, Offer(3, 1), &out);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].to, 1u);
  out.clear();
  relay.OnMessage(kNowUs, 9, Offer(9, 1), &out);
  EXPECT_EQ(OnlyErrorCode(out, 9), ServiceErrorCode::kUnauthorized);
}

}  // namespace
}  // namespace cdnmesh::testing
