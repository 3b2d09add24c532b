#include "core/matching/policy_factory.h"

#include <gtest/gtest.h>

#include <string>

namespace cdnmesh {
namespace {

TEST(PolicyFactoryTest, MakesEveryNamedPolicy) {
  ASSERT_EQ(MatchingPolicyNames().size(), 6u);
  for (const std::string_view name : MatchingPolicyNames()) {
    auto made = MakeMatchingPolicy(name);
    ASSERT_TRUE(made.ok()) << name;
    EXPECT_EQ(made.value()->name(), name);
  }
}

TEST(PolicyFactoryTest, UnknownNameListsTheValidOnes) {
  auto made = MakeMatchingPolicy("closest");
  ASSERT_FALSE(made.ok());
  const std::string& message = made.error().message;
  EXPECT_NE(message.find("'closest'"), std::string::npos);
  for (const std::string_view name : MatchingPolicyNames()) {
    EXPECT_NE(message.find(std::string(name)), std::string::npos) << name;
  }
  EXPECT_FALSE(MakeMatchingPolicy("").ok());
  EXPECT_FALSE(MakeMatchingPolicy("Random").ok());
}

TEST(PolicyFactoryTest, InvalidConfigNamesTheFieldPath) {
  MatchingConfig config;
  config.hybrid.position_scale_segments = -2;
  auto made = MakeMatchingPolicy("hybrid", config);
  ASSERT_FALSE(made.ok());
  EXPECT_NE(made.error().message.find("hybrid.position_scale_segments"), std::string::npos);
  config = {};
  config.nearest.max_cells_opened = 0;
  EXPECT_NE(ValidateMatchingConfig(config).message().find("nearest.max_cells_opened"),
            std::string::npos);
  EXPECT_TRUE(ValidateMatchingConfig(MatchingConfig{}).ok());
}

}  // namespace
}  // namespace cdnmesh
