// SHA-256 (FIPS 180-4), pure C++17 with no I/O: the client checks segments received from peers
// against the digests the packager publishes (docs/real-client.md, "Segment integrity").
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace cdnmesh {

/// A SHA-256 digest, 32 bytes.
using Sha256Digest = std::array<std::uint8_t, 32>;

/// Incremental SHA-256: Update any number of times, then Finish once.
class Sha256 {
 public:
  Sha256();
  /// Hashes `size` more bytes.
  void Update(const std::uint8_t* data, std::size_t size);
  /// Pads, hashes the length and returns the digest; the object must not be used afterwards.
  Sha256Digest Finish();

 private:
  void Compress(const std::uint8_t* block);  // one 64-byte block

  std::array<std::uint32_t, 8> state_;
  std::array<std::uint8_t, 64> block_{};
  std::size_t block_bytes_ = 0;  // bytes waiting in block_
  std::uint64_t total_bytes_ = 0;
};

/// The digest of data[0, size).
Sha256Digest Sha256Of(const std::uint8_t* data, std::size_t size);
/// The digest of a string's bytes.
Sha256Digest Sha256Of(std::string_view bytes);
/// Lower-case hex of a digest (64 characters).
std::string Sha256Hex(const Sha256Digest& digest);

}  // namespace cdnmesh
