// The libFuzzer seeds in tests/fuzz/seeds/protocol_fuzz/ are encodings of the sample messages.
// This test checks that each still decodes (the wire format has not drifted from them) and,
// with CDNMESH_WRITE_FUZZ_SEEDS=1 in the environment, rewrites them from the samples.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "core/protocol/codec.h"
#include "tests/core/protocol/sample_messages.h"

namespace cdnmesh {
namespace protocol {
namespace {

// Absolute path of the seed directory, derived from this file's path.
std::string SeedDirectory() {
  const std::string file = __FILE__;
  const std::string suffix = "tests/core/protocol/seeds_test.cc";
  const std::string root = file.size() >= suffix.size() && file.compare(file.size() - suffix.size(),
                                                                        suffix.size(), suffix) == 0
                               ? file.substr(0, file.size() - suffix.size())
                               : std::string();
  return root + "tests/fuzz/seeds/protocol_fuzz/";
}

std::string SeedName(const Message& message) {
  return "sample_" + std::string(MessageTypeName(MessageTypeOf(message))) + ".bin";
}

TEST(FuzzSeedsTest, EverySampleHasASeedThatDecodesToIt) {
  const char* write = std::getenv("CDNMESH_WRITE_FUZZ_SEEDS");
  for (const Message& m : testing::SampleMessages()) {
    const std::string path = SeedDirectory() + SeedName(m);
    std::vector<std::uint8_t> encoded;
    ASSERT_TRUE(EncodeMessage(m, encoded).ok());
    if (write != nullptr && std::string(write) == "1") {
      std::ofstream(path, std::ios::binary)
          .write(reinterpret_cast<const char*>(encoded.data()),
                 static_cast<std::streamsize>(encoded.size()));
    }
    std::ifstream in(path, std::ios::binary);
    ASSERT_TRUE(in.good()) << "missing seed " << path << " (run with CDNMESH_WRITE_FUZZ_SEEDS=1)";
    const std::vector<std::uint8_t> seed((std::istreambuf_iterator<char>(in)),
                                         std::istreambuf_iterator<char>());
    const Result<Message> decoded = DecodeMessage(seed);
    ASSERT_TRUE(decoded.ok()) << path << ": " << decoded.error().message;
    EXPECT_EQ(decoded.value(), m) << path << " is stale (run with CDNMESH_WRITE_FUZZ_SEEDS=1)";
  }
}

}  // namespace
}  // namespace protocol
}  // namespace cdnmesh
