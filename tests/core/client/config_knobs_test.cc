// The client's one knob list (core/config/client_knobs.h): every knob, changed alone to a valid
// value, round-trips through an encoded ConfigResponse and is seen by ClientConfig ==; every
// knob with an invalid value is refused by ValidateClientConfig with the knob's own name.
// (Meant for tests/core/config/; kept here while that folder is not this test's to create.)
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <set>
#include <string>

#include "core/config/client_knobs.h"
#include "core/protocol/codec.h"

namespace cdnmesh::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;

// Sets a knob to a valid value other than its default: bools flip, integers grow by one,
// doubles of 1 or more grow by a quarter and smaller ones halve (0 becomes 0.25), so factors
// bounded below by 1 and fractions bounded above by 1 stay valid; the ABR kind switches.
struct ValidChange {
  void operator()(bool& v) const { v = !v; }
  void operator()(int& v) const { v += 1; }
  void operator()(std::int64_t& v) const { v += 1; }
  void operator()(double& v) const { v = v == 0.0 ? 0.25 : v >= 1.0 ? v * 1.25 : v / 2; }
  void operator()(AbrKind& v) const {
    v = v == AbrKind::kThroughput ? AbrKind::kBuffer : AbrKind::kThroughput;
  }
};

// Sets a knob to a value no knob of its type accepts; false for bools (none exists).
struct InvalidChange {
  bool operator()(bool&) const { return false; }
  bool operator()(int& v) const {
    v = -1;
    return true;
  }
  bool operator()(std::int64_t& v) const {
    v = -1;
    return true;
  }
  bool operator()(double& v) const {
    v = std::numeric_limits<double>::quiet_NaN();
    return true;
  }
  bool operator()(AbrKind& v) const {
    v = static_cast<AbrKind>(kAbrKindCount);
    return true;
  }
};

// Applies `change` to knob number `index` (wire order) of `c`; returns its name.
template <typename Change>
std::string ChangeKnob(ClientConfig& c, int index, Change change, bool* changed = nullptr) {
  std::string name;
  int k = 0;
  VisitClientKnobs(c, [&](const char* knob, auto& value) {
    if (k++ != index) return;
    name = knob;
    if constexpr (std::is_same_v<decltype(change(value)), bool>) {
      if (changed != nullptr) *changed = change(value);
    } else {
      change(value);
    }
  });
  return name;
}

ClientConfig RoundTrip(const ClientConfig& config) {
  protocol::ConfigResponse response;
  response.tracker_url = "wss://t.example/v1";
  response.session_token = {1, 2, 3};
  *response.config = config;
  std::vector<std::uint8_t> frame;
  const Status encoded = protocol::EncodeMessage(response, frame);
  EXPECT_TRUE(encoded.ok()) << encoded.message();
  auto decoded = protocol::DecodeMessage(frame);
  EXPECT_TRUE(decoded.ok()) << (decoded.ok() ? "" : decoded.error().message);
  if (!decoded.ok()) return {};
  const auto* back = std::get_if<protocol::ConfigResponse>(&decoded.value());
  EXPECT_NE(back, nullptr);
  return back != nullptr ? *back->config : ClientConfig{};
}

TEST(ClientKnobsTest, NamesAreUniqueAndCounted) {
  ClientConfig c;
  std::set<std::string> names;
  int visited = 0;
  VisitClientKnobs(c, [&](const char* name, auto&) {
    ++visited;
    EXPECT_TRUE(names.insert(name).second) << "duplicate knob " << name;
  });
  EXPECT_EQ(visited, kClientKnobCount);
  EXPECT_GE(kClientKnobCount, 40);
}

class ClientKnobTest : public ::testing::TestWithParam<int> {};

TEST_P(ClientKnobTest, ChangedAloneItRoundTripsOnTheWire) {
  ClientConfig changed;
  const std::string name = ChangeKnob(changed, GetParam(), ValidChange{});
  ASSERT_TRUE(ValidateClientConfig(changed).ok())
      << name << ": " << ValidateClientConfig(changed).message();
  const ClientConfig back = RoundTrip(changed);
  EXPECT_TRUE(back == changed) << name << " did not survive the wire";
  EXPECT_FALSE(back == ClientConfig{}) << name << " came back as its default";
  // The knob itself, compared directly rather than through the derived ==.
  int k = 0;
  VisitClientKnobs(back, [&](const char*, const auto& value) {
    const int index = k++;
    if (index != GetParam()) return;
    int j = 0;
    VisitClientKnobs(changed, [&](const char*, const auto& original) {
      if (j++ != index) return;
      using A = std::decay_t<decltype(value)>;
      using B = std::decay_t<decltype(original)>;
      if constexpr (std::is_same_v<A, B>) {
        EXPECT_TRUE(value == original) << name;
      }
    });
  });
}

TEST_P(ClientKnobTest, EqualityDetectsAChangeInIt) {
  ClientConfig changed;
  const std::string name = ChangeKnob(changed, GetParam(), ValidChange{});
  EXPECT_TRUE(changed != ClientConfig{}) << name;
  EXPECT_FALSE(changed == ClientConfig{}) << name;
  ClientConfig copy = changed;
  EXPECT_TRUE(copy == changed) << name;
}

TEST_P(ClientKnobTest, InvalidValueIsRefusedNamingTheKnob) {
  ClientConfig broken;
  bool changed = false;
  const std::string name = ChangeKnob(broken, GetParam(), InvalidChange{}, &changed);
  if (!changed) {  // a bool: both values are valid
    ChangeKnob(broken, GetParam(), ValidChange{});
    EXPECT_TRUE(ValidateClientConfig(broken).ok()) << name;
    return;
  }
  const Status status = ValidateClientConfig(broken);
  ASSERT_FALSE(status.ok()) << name << " accepted an invalid value";
  EXPECT_THAT(status.message(), StartsWith(name + ":"));
  // The encoder refuses to send it, naming it under the message's config field.
  std::vector<std::uint8_t> frame;
  protocol::ConfigResponse response;
  *response.config = broken;
  const Status encoded = protocol::EncodeMessage(response, frame);
  ASSERT_FALSE(encoded.ok());
  EXPECT_THAT(encoded.message(), HasSubstr("config." + name));
  EXPECT_TRUE(frame.empty());
}

std::string KnobName(const ::testing::TestParamInfo<int>& info) {
  ClientConfig c;
  std::string name = ChangeKnob(c, info.param, ValidChange{});
  for (char& ch : name) {
    if (ch == '.') ch = '_';
  }
  return name;
}

INSTANTIATE_TEST_SUITE_P(EveryKnob, ClientKnobTest, ::testing::Range(0, kClientKnobCount),
                         KnobName);

struct ThresholdCase {
  const char* field;
  std::int64_t value;
  bool valid;
};

class ClientConfigThresholdTest : public ::testing::TestWithParam<ThresholdCase> {};

TEST_P(ClientConfigThresholdTest, ClientLevelBounds) {
  ClientConfig c;
  const std::string field = GetParam().field;
  if (field == "max_connections") c.max_connections = static_cast<int>(GetParam().value);
  if (field == "connect_timeout_us") c.connect_timeout_us = GetParam().value;
  if (field == "playlist_reload_interval_us") c.playlist_reload_interval_us = GetParam().value;
  const Status status = ValidateClientConfig(c);
  EXPECT_EQ(status.ok(), GetParam().valid) << field << " = " << GetParam().value;
  if (!GetParam().valid) {
    EXPECT_THAT(status.message(), StartsWith(field + ":"));
  }
}

// max_connections >= 0 (0: CDN only); the durations > 0.
INSTANTIATE_TEST_SUITE_P(
    Threshold, ClientConfigThresholdTest,
    ::testing::Values(ThresholdCase{"max_connections", -1, false},
                      ThresholdCase{"max_connections", 0, true},
                      ThresholdCase{"max_connections", 1, true},
                      ThresholdCase{"connect_timeout_us", -1, false},
                      ThresholdCase{"connect_timeout_us", 0, false},
                      ThresholdCase{"connect_timeout_us", 1, true},
                      ThresholdCase{"playlist_reload_interval_us", -1, false},
                      ThresholdCase{"playlist_reload_interval_us", 0, false},
                      ThresholdCase{"playlist_reload_interval_us", 1, true}));

TEST(ClientKnobsTest, DecoderRefusesAnUnknownAbrKind) {
  protocol::ConfigResponse response;
  std::vector<std::uint8_t> frame;
  ASSERT_TRUE(protocol::EncodeMessage(response, frame).ok());
  // The ABR kind is the only one-byte knob whose value is 0 by default: find it by changing it.
  protocol::ConfigResponse buffer = response;
  buffer.config->abr = AbrKind::kBuffer;
  std::vector<std::uint8_t> other;
  ASSERT_TRUE(protocol::EncodeMessage(buffer, other).ok());
  ASSERT_EQ(frame.size(), other.size());
  std::size_t at = 0;
  while (at < frame.size() && frame[at] == other[at]) ++at;
  ASSERT_LT(at, frame.size());
  frame[at] = static_cast<std::uint8_t>(kAbrKindCount);
  auto decoded = protocol::DecodeMessage(frame);
  ASSERT_FALSE(decoded.ok());
  EXPECT_THAT(decoded.error().message, HasSubstr("abr"));
}

}  // namespace
}  // namespace cdnmesh::testing
