// Distributor: per-viewer configuration by ordered overrides on device class and ISP name,
// through core's DistributorService built from the scenario's overrides.
#include "models/distributor/distributor.h"

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace cdnmesh {
namespace {

// Configurations are told apart by max_connections.
PeerConfig ConfigWithConnections(int connections) {
  PeerConfig config;
  config.max_connections = connections;
  return config;
}

DistributorOverride Override(std::optional<DeviceClass> device, std::optional<std::string> isp,
                             int connections) {
  DistributorOverride o;
  o.device = device;
  o.isp = std::move(isp);
  o.config = ConfigWithConnections(connections);
  return o;
}

const std::vector<std::string> kIsps = {"orange", "free", "sfr"};  // ids 0, 1, 2
constexpr int kBase = 20;

const SessionTokens kTokens(7, kUsPerSecond);

DistributorService Make(std::vector<DistributorOverride> overrides) {
  DistributorConfig config;
  config.overrides = std::move(overrides);
  return DistributorService(MakeDistributorServiceConfig(config, ConfigWithConnections(kBase), kIsps),
                            kTokens);
}

using Distributor = DistributorService;

TEST(DistributorTest, NoOverridesGivesTheBaseConfig) {
  Distributor distributor = Make({});
  EXPECT_EQ(distributor.ConfigFor(DeviceClass::kDesktop, 0).max_connections, kBase);
  EXPECT_EQ(distributor.ConfigFor(DeviceClass::kMobileCellular, 2).max_connections, kBase);
}

TEST(DistributorTest, DeviceConditionMatchesOnlyThatDevice) {
  Distributor distributor = Make({Override(DeviceClass::kMobileCellular, std::nullopt, 3)});
  EXPECT_EQ(distributor.ConfigFor(DeviceClass::kMobileCellular, 0).max_connections, 3);
  EXPECT_EQ(distributor.ConfigFor(DeviceClass::kMobileCellular, 2).max_connections, 3);
  EXPECT_EQ(distributor.ConfigFor(DeviceClass::kMobileWifi, 0).max_connections, kBase);
  EXPECT_EQ(distributor.ConfigFor(DeviceClass::kDesktop, 1).max_connections, kBase);
  EXPECT_EQ(distributor.ConfigFor(DeviceClass::kTv, 1).max_connections, kBase);
}

TEST(DistributorTest, IspConditionMatchesByName) {
  Distributor distributor = Make({Override(std::nullopt, "free", 7)});
  EXPECT_EQ(distributor.ConfigFor(DeviceClass::kDesktop, 1).max_connections, 7);
  EXPECT_EQ(distributor.ConfigFor(DeviceClass::kTv, 1).max_connections, 7);
  EXPECT_EQ(distributor.ConfigFor(DeviceClass::kDesktop, 0).max_connections, kBase);
  EXPECT_EQ(distributor.ConfigFor(DeviceClass::kDesktop, 2).max_connections, kBase);
}

TEST(DistributorTest, IspIdWithoutANameNeverMatchesAnIspCondition) {
  Distributor distributor =
      Make({Override(std::nullopt, "orange", 7), Override(std::nullopt, std::nullopt, 9)});
  // Id 3 is beyond the name table: the ISP override is skipped, the catch-all applies.
  EXPECT_EQ(distributor.ConfigFor(DeviceClass::kDesktop, 3).max_connections, 9);
  EXPECT_EQ(distributor.ConfigFor(DeviceClass::kDesktop, 0).max_connections, 7);
}

TEST(DistributorTest, BothConditionsMustHold) {
  Distributor distributor = Make({Override(DeviceClass::kTv, "sfr", 11)});
  EXPECT_EQ(distributor.ConfigFor(DeviceClass::kTv, 2).max_connections, 11);
  EXPECT_EQ(distributor.ConfigFor(DeviceClass::kTv, 0).max_connections, kBase);
  EXPECT_EQ(distributor.ConfigFor(DeviceClass::kDesktop, 2).max_connections, kBase);
}

TEST(DistributorTest, FirstMatchingOverrideWins) {
  Distributor distributor = Make({
      Override(DeviceClass::kMobileWifi, "orange", 1),  // most specific first
      Override(DeviceClass::kMobileWifi, std::nullopt, 2),
      Override(std::nullopt, "orange", 3),
      Override(std::nullopt, std::nullopt, 4),           // catch-all
      Override(DeviceClass::kDesktop, std::nullopt, 5),  // shadowed by the catch-all
  });
  EXPECT_EQ(distributor.ConfigFor(DeviceClass::kMobileWifi, 0).max_connections, 1);
  EXPECT_EQ(distributor.ConfigFor(DeviceClass::kMobileWifi, 1).max_connections, 2);
  EXPECT_EQ(distributor.ConfigFor(DeviceClass::kTv, 0).max_connections, 3);
  EXPECT_EQ(distributor.ConfigFor(DeviceClass::kTv, 1).max_connections, 4);
  EXPECT_EQ(distributor.ConfigFor(DeviceClass::kDesktop, 2).max_connections, 4);
}

TEST(DistributorTest, OrderMattersWhenTwoOverridesMatch) {
  Distributor general_first =
      Make({Override(std::nullopt, "free", 30), Override(DeviceClass::kDesktop, "free", 40)});
  Distributor specific_first =
      Make({Override(DeviceClass::kDesktop, "free", 40), Override(std::nullopt, "free", 30)});
  EXPECT_EQ(general_first.ConfigFor(DeviceClass::kDesktop, 1).max_connections, 30);
  EXPECT_EQ(specific_first.ConfigFor(DeviceClass::kDesktop, 1).max_connections, 40);
}

TEST(DistributorTest, ReturnsTheWholeOverrideConfig) {
  DistributorOverride o = Override(DeviceClass::kTv, std::nullopt, 6);
  o.config.abr = AbrKind::kBuffer;
  Distributor distributor = Make({o});
  const PeerConfig& tv = distributor.ConfigFor(DeviceClass::kTv, 0);
  EXPECT_EQ(tv.abr, AbrKind::kBuffer);
  EXPECT_EQ(tv.max_connections, 6);
  const PeerConfig& desktop = distributor.ConfigFor(DeviceClass::kDesktop, 0);
  EXPECT_EQ(desktop.abr, AbrKind::kThroughput);
  // Stable references: the same viewer class gets the same object.
  EXPECT_EQ(&distributor.ConfigFor(DeviceClass::kTv, 1), &tv);
}

TEST(DistributorTest, AnswersAJoinRequestWithTheViewersConfigAndAValidToken) {
  Distributor distributor = Make({Override(DeviceClass::kTv, "free", 6)});
  protocol::JoinRequest join;
  join.profile.device = DeviceClass::kTv;
  join.profile.isp = 1;
  OutgoingList out;
  distributor.OnMessage(1000, 42, join, &out);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].to, 42u);
  const auto* answer = std::get_if<protocol::ConfigResponse>(&out[0].message);
  ASSERT_NE(answer, nullptr);
  EXPECT_EQ(answer->config->max_connections, 6);
  EXPECT_TRUE(kTokens.Check(1000, answer->session_token).ok());
  EXPECT_FALSE(kTokens.Check(1000 + kUsPerSecond, answer->session_token).ok());  // expired
  EXPECT_EQ(distributor.requests(), 1u);
  distributor.OnMessage(1000, 42, protocol::Leave(), &out);
  ASSERT_EQ(out.size(), 2u);
  EXPECT_TRUE(std::holds_alternative<protocol::ServiceError>(out[1].message));
  EXPECT_EQ(distributor.requests(), 1u);
}

}  // namespace
}  // namespace cdnmesh
