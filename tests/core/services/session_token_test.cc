// Session tokens: issue and check, every tampered byte, wrong sizes, another secret, and expiry
// at expiry - 1 us, expiry and expiry + 1 us.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "core/services/session_token.h"
#include "tests/core/services/services_test_util.h"

namespace cdnmesh::testing {
namespace {

using ::testing::HasSubstr;

constexpr TimeUs kIssuedUs = 5 * kUsPerSecond;

TEST(SessionTokenTest, IssuedTokenChecksAndHasTheDocumentedSize) {
  const SessionTokens tokens = TestTokens();
  const auto token = tokens.Issue(kIssuedUs, 42);
  EXPECT_EQ(token.size(), kSessionTokenBytes);
  EXPECT_TRUE(tokens.Check(kIssuedUs, token).ok());
  EXPECT_TRUE(tokens.Check(kIssuedUs + kTokenLifetimeUs / 2, token).ok());
}

TEST(SessionTokenTest, DistinctNoncesGiveDistinctTokens) {
  const SessionTokens tokens = TestTokens();
  EXPECT_NE(tokens.Issue(kIssuedUs, 1), tokens.Issue(kIssuedUs, 2));
  EXPECT_EQ(tokens.Issue(kIssuedUs, 1), tokens.Issue(kIssuedUs, 1));  // deterministic
}

TEST(SessionTokenTest, EveryTamperedByteIsRefused) {
  const SessionTokens tokens = TestTokens();
  const auto token = tokens.Issue(kIssuedUs, 42);
  for (std::size_t i = 0; i < token.size(); ++i) {
    for (const std::uint8_t flip : {0x01, 0x80, 0xFF}) {
      auto tampered = token;
      tampered[i] = static_cast<std::uint8_t>(tampered[i] ^ flip);
      const Status status = tokens.Check(kIssuedUs, tampered);
      EXPECT_FALSE(status.ok()) << "byte " << i << " ^ " << int{flip};
    }
  }
}

TEST(SessionTokenTest, AnExtendedExpiryWithTheOldTagIsRefused) {
  // Moving the expiry (bytes 8..15) forward is the forgery a client would try first.
  const SessionTokens tokens = TestTokens();
  auto token = tokens.Issue(kIssuedUs, 42);
  token[15] = 0x00;
  token[14] = 0x7F;
  const Status status = tokens.Check(kIssuedUs, token);
  ASSERT_FALSE(status.ok());
  EXPECT_THAT(status.message(), HasSubstr("tag"));
}

TEST(SessionTokenTest, AnotherSecretRefusesTheToken) {
  const SessionTokens issuer = TestTokens();
  const SessionTokens other(kSecret + 1, kTokenLifetimeUs);
  const Status status = other.Check(kIssuedUs, issuer.Issue(kIssuedUs, 42));
  ASSERT_FALSE(status.ok());
  EXPECT_THAT(status.message(), HasSubstr("tag"));
}

class SessionTokenSizeTest : public ::testing::TestWithParam<std::size_t> {};

TEST_P(SessionTokenSizeTest, WrongSizeIsRefusedNamingTheSize) {
  const SessionTokens tokens = TestTokens();
  auto token = tokens.Issue(kIssuedUs, 42);
  token.resize(GetParam(), 0);
  const Status status = tokens.Check(kIssuedUs, token);
  ASSERT_FALSE(status.ok());
  EXPECT_THAT(status.message(), HasSubstr(std::to_string(GetParam()) + " bytes"));
}

INSTANTIATE_TEST_SUITE_P(Sizes, SessionTokenSizeTest,
                         ::testing::Values(0u, 1u, kSessionTokenBytes - 1, kSessionTokenBytes + 1,
                                           2 * kSessionTokenBytes));

struct ExpiryCase {
  DurationUs offset_us;  // check time relative to the expiry (issue + lifetime)
  bool valid;
};

class SessionTokenExpiryTest : public ::testing::TestWithParam<ExpiryCase> {};

TEST_P(SessionTokenExpiryTest, ValidStrictlyBeforeExpiry) {
  const SessionTokens tokens = TestTokens();
  const auto token = tokens.Issue(kIssuedUs, 42);
  const TimeUs expiry_us = kIssuedUs + kTokenLifetimeUs;
  const Status status = tokens.Check(expiry_us + GetParam().offset_us, token);
  EXPECT_EQ(status.ok(), GetParam().valid) << status.message();
  if (!GetParam().valid) {
    EXPECT_THAT(status.message(), HasSubstr("expired"));
  }
}

INSTANTIATE_TEST_SUITE_P(Threshold, SessionTokenExpiryTest,
                         ::testing::Values(ExpiryCase{-1, true}, ExpiryCase{0, false},
                                           ExpiryCase{1, false}));

TEST(SessionTokenTest, IssueNearTheEndOfTimeSaturatesInsteadOfWrapping) {
  const SessionTokens tokens = TestTokens();
  const TimeUs late_us = kNever - kTokenLifetimeUs / 2;
  const auto token = tokens.Issue(late_us, 42);
  EXPECT_TRUE(tokens.Check(late_us, token).ok());
  EXPECT_TRUE(tokens.Check(kNever - 1, token).ok());
}

}  // namespace
}  // namespace cdnmesh::testing
