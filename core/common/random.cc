#include "core/common/random.h"

#include <cassert>

namespace cdnmesh {
namespace {
__extension__ typedef unsigned __int128 Uint128;  // GCC/Clang extension
constexpr std::uint64_t RotateLeft(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
}  // namespace

void Rng::Reseed(std::uint64_t seed) {
  std::uint64_t x = seed;
  for (auto& word : state_) {
    x += 0x9E3779B97F4A7C15ULL;
    word = SplitMix64(x);
  }
}

std::uint64_t Rng::NextU64() {
  const std::uint64_t result = RotateLeft(state_[1] * 5, 7) * 9;
  const std::uint64_t t = state_[1] << 17;
  state_[2] ^= state_[0];
  state_[3] ^= state_[1];
  state_[1] ^= state_[2];
  state_[0] ^= state_[3];
  state_[2] ^= t;
  state_[3] = RotateLeft(state_[3], 45);
  return result;
}

std::uint64_t Rng::UniformIndex(std::uint64_t n) {
  assert(n > 0);
  // Lemire's multiply-shift with rejection of the biased low band.
  Uint128 m = static_cast<Uint128>(NextU64()) * n;
  std::uint64_t low = static_cast<std::uint64_t>(m);
  if (low < n) {
    const std::uint64_t threshold = (0 - n) % n;
    while (low < threshold) {
      m = static_cast<Uint128>(NextU64()) * n;
      low = static_cast<std::uint64_t>(m);
    }
  }
  return static_cast<std::uint64_t>(m >> 64);
}

}  // namespace cdnmesh
