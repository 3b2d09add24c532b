// Every client setting a scenario can give (p2p.*, scheduler.*, player.*) is a knob of the one
// list core's ConfigResponse carries (core/config/client_knobs.h): a setting the list lacked
// would be simulated but never reach a real client through the distributor.
#include <gtest/gtest.h>

#include <variant>
#include <vector>

#include "core/config/client_knobs.h"
#include "core/protocol/codec.h"
#include "sim/config/schema-tables.h"

namespace cdnmesh {
namespace {

// A value of the entry's type that differs from `value` and stays in the entry's range.
ParamValue Changed(const FieldSpec& spec, const ParamValue& value) {
  if (const bool* b = std::get_if<bool>(&value)) return !*b;
  if (const std::int64_t* i = std::get_if<std::int64_t>(&value)) {
    return spec.range.Contains(static_cast<double>(*i + 1)) ? *i + 1 : *i - 1;
  }
  if (const double* d = std::get_if<double>(&value)) {
    for (const double candidate : {*d * 1.5 + 0.25, *d * 0.5, *d + 1e-3, *d - 1e-3}) {
      if (candidate != *d && spec.range.Contains(candidate)) return candidate;
    }
  }
  if (const std::string* s = std::get_if<std::string>(&value)) {
    for (const std::string& choice : spec.choices) {
      if (choice != *s) return choice;
    }
  }
  return value;
}

TEST(ClientKnobsSchemaTest, EverySchemaClientSettingIsAKnobOnTheWire) {
  int checked = 0;
  for (const Field<PeerConfig>& field : PeerFields()) {
    if (!field.get || !field.set) continue;  // lists and maps: none among client settings
    PeerConfig config;
    const ParamValue before = field.get(config);
    const ParamValue after = Changed(field, before);
    ASSERT_NE(after.index(), 0u) << field.key;
    ASSERT_FALSE(std::visit([&](const auto& b) {
      using B = std::decay_t<decltype(b)>;
      if constexpr (std::is_same_v<B, bool> || std::is_same_v<B, std::int64_t> ||
                    std::is_same_v<B, double> || std::is_same_v<B, std::string>) {
        return std::get<B>(after) == b;
      } else {
        return true;  // not a plain value: no client setting is one
      }
    }, before)) << field.key << ": no other valid value to try";
    field.set(config, after);
    EXPECT_NE(config, PeerConfig{}) << field.key << " is not in CDNMESH_CLIENT_KNOBS";
    protocol::ConfigResponse response;
    *response.config = config;
    std::vector<std::uint8_t> frame;
    ASSERT_TRUE(protocol::EncodeMessage(response, frame).ok()) << field.key;
    const Result<protocol::Message> decoded = protocol::DecodeMessage(frame);
    ASSERT_TRUE(decoded.ok()) << field.key << ": " << decoded.error().message;
    EXPECT_EQ(*std::get<protocol::ConfigResponse>(decoded.value()).config, config) << field.key;
    ++checked;
  }
  EXPECT_GE(checked, 30);
}

}  // namespace
}  // namespace cdnmesh
