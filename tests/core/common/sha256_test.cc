// SHA-256 against the FIPS 180-2 test vectors (appendix B) and incremental feeding.
#include "core/common/sha256.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

namespace cdnmesh {
namespace {

struct Vector {
  std::string input;
  std::string digest_hex;
};

TEST(Sha256, Fips180Vectors) {
  const std::vector<Vector> vectors = {
      {"abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"},
      {"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
       "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"},
      {"", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"},
      {std::string(1'000'000, 'a'),
       "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"},
  };
  for (const Vector& v : vectors) {
    EXPECT_EQ(Sha256Hex(Sha256Of(v.input)), v.digest_hex) << "input of " << v.input.size();
  }
}

// Padding edges: 55 bytes fit one block with the length, 56 and 64 need a second.
TEST(Sha256, PaddingBoundaries) {
  EXPECT_EQ(Sha256Hex(Sha256Of(std::string(55, 'a'))),
            "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318");
  EXPECT_EQ(Sha256Hex(Sha256Of(std::string(56, 'a'))),
            "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a");
  EXPECT_EQ(Sha256Hex(Sha256Of(std::string(64, 'a'))),
            "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb");
}

TEST(Sha256, IncrementalEqualsOneShot) {
  std::string data;
  for (int i = 0; i < 1000; ++i) data.push_back(static_cast<char>(i * 7 + 3));
  const Sha256Digest whole = Sha256Of(data);
  for (const std::size_t chunk : {1u, 3u, 63u, 64u, 65u, 500u}) {
    Sha256 hash;
    for (std::size_t at = 0; at < data.size(); at += chunk) {
      const std::size_t n = std::min(chunk, data.size() - at);
      hash.Update(reinterpret_cast<const std::uint8_t*>(data.data() + at), n);
    }
    EXPECT_EQ(hash.Finish(), whole) << "chunks of " << chunk;
  }
}

}  // namespace
}  // namespace cdnmesh
