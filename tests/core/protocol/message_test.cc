#include "core/protocol/message.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <set>
#include <string>

namespace cdnmesh {
namespace protocol {
namespace {

TEST(MessageTest, EveryTypeHasAUniqueNameAndADefaultMessage) {
  std::set<std::string> names;
  int known = 0;
  for (int code = 0; code < 256; ++code) {
    const auto raw = static_cast<std::uint8_t>(code);
    const auto type = static_cast<MessageType>(raw);
    if (!IsKnownMessageType(raw)) {
      EXPECT_EQ(MessageTypeName(type), "Unknown");
      continue;
    }
    ++known;
    names.insert(std::string(MessageTypeName(type)));
    EXPECT_EQ(MessageTypeOf(MakeMessage(type)), type);
  }
  EXPECT_EQ(known, static_cast<int>(kMessageTypeCount));
  EXPECT_EQ(names.size(), kMessageTypeCount);
  EXPECT_EQ(MessageTypeName(MessageType::kPeerList), "PeerList");
  EXPECT_EQ(MessageTypeOf(Message(Reject())), MessageType::kReject);
}

TEST(MessageTest, GeoE7RoundsAndConvertsBack) {
  const GeoE7 berlin = ToGeoE7({52.5200066, 13.4049540});
  EXPECT_EQ(berlin.latitude_e7, 525200066);
  EXPECT_EQ(berlin.longitude_e7, 134049540);
  const GeoPoint back = FromGeoE7(berlin);
  EXPECT_NEAR(back.latitude_deg, 52.5200066, 1e-9);
  EXPECT_NEAR(back.longitude_deg, 13.4049540, 1e-9);
  const GeoE7 south_west = ToGeoE7({-33.8688, -151.2093});
  EXPECT_EQ(south_west.latitude_e7, -338688000);
  EXPECT_EQ(south_west.longitude_e7, -1512093000);
}

TEST(MessageTest, GeoE7ClampsOutOfRangeAndNonFiniteDegrees) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const double inf = std::numeric_limits<double>::infinity();
  EXPECT_EQ(ToGeoE7({91.0, 181.0}).latitude_e7, kMaxLatitudeE7);
  EXPECT_EQ(ToGeoE7({91.0, 181.0}).longitude_e7, kMaxLongitudeE7);
  EXPECT_EQ(ToGeoE7({-1e300, -inf}).latitude_e7, -kMaxLatitudeE7);
  EXPECT_EQ(ToGeoE7({-1e300, -inf}).longitude_e7, 0);  // not finite -> 0
  EXPECT_EQ(ToGeoE7({nan, 0.0}).latitude_e7, 0);
  EXPECT_EQ(ToGeoE7({89.99999999, 0.0}).latitude_e7, kMaxLatitudeE7);
}

}  // namespace
}  // namespace protocol
}  // namespace cdnmesh
