// Deterministic random numbers for the core. The host seeds a generator and passes it in;
// the algorithms are fixed (xoshiro256** seeded by SplitMix64) so a seed replays identically on
// every platform and standard library.
#pragma once

#include <cstdint>

namespace cdnmesh {

/// SplitMix64 step: a good 64-bit mix of `x`; also used to derive stable per-key hashes.
constexpr std::uint64_t SplitMix64(std::uint64_t x) {
  x += 0x9E3779B97F4A7C15ULL;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
  return x ^ (x >> 31);
}

/// Combines a seed with two keys into one stable 64-bit value (for per-item deterministic draws).
constexpr std::uint64_t HashKeys(std::uint64_t seed, std::uint64_t a, std::uint64_t b = 0) {
  return SplitMix64(SplitMix64(SplitMix64(seed) ^ a) ^ (b * 0xD6E8FEB86659FD93ULL));
}

/// Maps 64 random bits to a double uniform in [0, 1).
constexpr double BitsToUnitDouble(std::uint64_t bits) {
  return static_cast<double>(bits >> 11) * 0x1.0p-53;
}

/// xoshiro256** generator; owned by the host, passed by reference to core code that draws.
class Rng {
 public:
  /// Seeds the four words of state from `seed` through SplitMix64.
  explicit Rng(std::uint64_t seed = 1) { Reseed(seed); }

  /// Restarts the sequence from `seed`.
  void Reseed(std::uint64_t seed);
  /// Next 64 uniformly random bits.
  std::uint64_t NextU64();
  /// Uniform double in [0, 1).
  double UniformDouble() { return BitsToUnitDouble(NextU64()); }
  /// Uniform double in [lo, hi).
  double Uniform(double lo, double hi) { return lo + (hi - lo) * UniformDouble(); }
  /// Uniform integer in [0, n); n must be > 0. Unbiased (Lemire's method).
  std::uint64_t UniformIndex(std::uint64_t n);
  /// True with probability p.
  bool Bernoulli(double p) { return UniformDouble() < p; }

 private:
  std::uint64_t state_[4];
};

}  // namespace cdnmesh
