// The services' pieces without sockets: publisher tokens (mint, parse, forgery), the replay
// cache (expiry pruning, bounded memory), the token bucket at its thresholds, and the options
// table (flags, YAML file, errors naming the flag and the range).
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>

#include "services/options.h"
#include "services/publisher_token.h"
#include "services/replay_cache.h"
#include "services/token_bucket.h"

namespace cdnmesh::services {
namespace {

using ::testing::HasSubstr;

const std::vector<std::uint8_t> kKey(32, 0x42);

TEST(PublisherTokenTest, MintedTokenParsesBackAndHasTheDocumentedShape) {
  const std::string token = MintPublisherToken(kKey, 7, 1'900'000'000, 0x0123456789abcdefULL);
  EXPECT_EQ(token.rfind("v1.7.1900000000.0123456789abcdef.", 0), 0u) << token;
  EXPECT_EQ(token.size(), std::string("v1.7.1900000000.0123456789abcdef.").size() + 64);
  auto parsed = ParsePublisherToken(kKey, token);
  ASSERT_TRUE(parsed.ok()) << parsed.error().message;
  EXPECT_EQ(parsed.value().content, 7u);
  EXPECT_EQ(parsed.value().expiry_s, 1'900'000'000);
  EXPECT_EQ(parsed.value().nonce, 0x0123456789abcdefULL);
}

TEST(PublisherTokenTest, KnownHmacSha256Vector) {
  // RFC 4231 test case 2: key "Jefe", data "what do ya want for nothing?".
  EXPECT_EQ(HmacSha256Hex({'J', 'e', 'f', 'e'}, "what do ya want for nothing?"),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

TEST(PublisherTokenTest, AnyChangedByteOrOtherKeyIsForgedOrMalformed) {
  const std::string token = MintPublisherToken(kKey, 7, 1'900'000'000, 99);
  for (std::size_t i = 0; i < token.size(); ++i) {
    std::string changed = token;
    changed[i] = changed[i] == '1' ? '2' : '1';
    EXPECT_FALSE(ParsePublisherToken(kKey, changed).ok()) << "byte " << i;
  }
  EXPECT_THAT(ParsePublisherToken(std::vector<std::uint8_t>(32, 1), token).error().message,
              HasSubstr("forged"));
  for (const char* bad : {"", "v1", "v1.7.1.0123456789abcdef", "v1.07.1.0123456789abcdef.x",
                          "v1.7.-1.0123456789abcdef.x", "v1.7.1.0123456789ABCDEF.x",
                          "v1.7.1.0123.x", "v1.99999999999.1.0123456789abcdef.x"}) {
    EXPECT_THAT(ParsePublisherToken(kKey, bad).error().message, HasSubstr("malformed")) << bad;
  }
}

TEST(ReplayCacheTest, RemembersUntilExpiryThenForgets) {
  ReplayCache cache(10);
  EXPECT_EQ(cache.Insert(100, 1, 150), ReplayVerdict::kFresh);
  EXPECT_EQ(cache.Insert(149, 1, 150), ReplayVerdict::kReplayed);
  EXPECT_EQ(cache.Insert(150, 1, 150), ReplayVerdict::kReplayed);  // still valid at its expiry
  EXPECT_EQ(cache.Insert(151, 2, 200), ReplayVerdict::kFresh);     // prunes nonce 1
  EXPECT_EQ(cache.size(), 1u);
}

TEST(ReplayCacheTest, BoundedFailsClosedUntilRoomFrees) {
  ReplayCache cache(3);
  for (std::uint64_t n = 0; n < 3; ++n)
    EXPECT_EQ(cache.Insert(0, n, 10 + n), ReplayVerdict::kFresh);
  EXPECT_EQ(cache.Insert(5, 9, 50), ReplayVerdict::kFull);
  EXPECT_EQ(cache.earliest_expiry_s(), 10);
  EXPECT_EQ(cache.Insert(11, 9, 50), ReplayVerdict::kFresh);  // nonce 0 expired
  EXPECT_EQ(cache.size(), 3u);
}

TEST(TokenBucketTest, BurstThenRateAtThresholds) {
  TokenBucket bucket(/*rate_per_s=*/10, /*burst=*/2, /*now_us=*/0);
  EXPECT_TRUE(bucket.TryTake(0));
  EXPECT_TRUE(bucket.TryTake(0));
  EXPECT_FALSE(bucket.TryTake(0));
  EXPECT_EQ(bucket.WaitMs(0), 100u);
  EXPECT_EQ(bucket.WaitMs(50'500), 50u);  // 49.5 ms, rounded up
  EXPECT_FALSE(bucket.TryTake(99'999));
  EXPECT_TRUE(bucket.TryTake(100'000));
  EXPECT_FALSE(bucket.TryTake(100'001));
  EXPECT_TRUE(bucket.TryTake(10'000'000));  // long idle: at most the burst is saved
  EXPECT_TRUE(bucket.TryTake(10'000'000));
  EXPECT_FALSE(bucket.TryTake(10'000'000));
}

TEST(ServerOptionsTest, FlagsOverrideConfigFileOverDefaults) {
  const std::string path =
      ::testing::TempDir() + "/services-options-" + std::to_string(getpid()) + ".yaml";
  std::ofstream(path) << "policy: same_isp\npeers-per-request: 12\np2p: off\nport: 9000\n";
  auto options = ParseServerOptions(
      {"--config", path, "--port=9100", "--publisher-key-file", "k", "--dev-token-endpoint"});
  ASSERT_TRUE(options.ok()) << options.error().message;
  EXPECT_EQ(options.value().policy, "same_isp");
  EXPECT_EQ(options.value().peers_per_request, 12);
  EXPECT_FALSE(options.value().p2p);
  EXPECT_EQ(options.value().port, 9100);
  EXPECT_TRUE(options.value().dev_token_endpoint);
  EXPECT_EQ(options.value().bind, "127.0.0.1");
}

TEST(ServerOptionsTest, ErrorsNameTheFlagOrKeyAndTheRange) {
  const std::string path =
      ::testing::TempDir() + "/services-bad-" + std::to_string(getpid()) + ".yaml";
  std::ofstream(path) << "peers-per-requests: 12\n";
  const struct {
    std::vector<std::string> args;
    const char* message;
  } cases[] = {
      {{"--publisher-key-file", "k", "--peers-per-request", "201"},
       "--peers-per-request: 201 is out of range [0, 200]"},
      {{"--publisher-key-file", "k", "--port", "8x"}, "--port: '8x' is not an integer"},
      {{"--publisher-key-file", "k", "--policy", "best"}, "--policy: 'best' is not one of random"},
      {{"--publisher-key-file", "k", "--p2p=maybe"}, "--p2p: 'maybe' is not one of true"},
      {{"--publisher-key-file", "k", "--nope"}, "unknown flag --nope"},
      {{"--publisher-key-file"}, "--publisher-key-file: missing value"},
      {{"--port", "1"}, "--publisher-key-file: required"},
      {{"--config", path, "--publisher-key-file", "k"}, "unknown key 'peers-per-requests'"},
      {{"--config", "/nonexistent.yaml"}, "--config /nonexistent.yaml"},
  };
  for (const auto& c : cases) {
    auto options = ParseServerOptions(c.args);
    ASSERT_FALSE(options.ok()) << c.message;
    EXPECT_THAT(options.error().message, HasSubstr(c.message));
  }
}

}  // namespace
}  // namespace cdnmesh::services
