// Draws a category index from relative weights with one uniform draw: a precomputed cumulative
// distribution and a binary search, O(log n) per draw. Also builds Zipf popularity.
#pragma once

#include <cstddef>
#include <vector>

namespace cdnmesh {

/// Categorical distribution over indices 0..n-1 given relative weights.
class CategoricalSampler {
 public:
  /// Weights are relative (normalized here); negative or NaN weights count as 0. If no weight
  /// is positive (or `weights` is empty) every index is equally likely (index 0 when empty).
  explicit CategoricalSampler(const std::vector<double>& weights);
  /// Zipf popularity over `count` items (at least 1): P(i) proportional to 1 / (i + 1)^exponent.
  static CategoricalSampler Zipf(int count, double exponent);
  /// The index chosen by a uniform draw `u` in [0, 1); never an index of zero weight.
  std::size_t Sample(double u) const;
  /// Number of categories (at least 1).
  std::size_t Size() const { return m_cdf.size(); }
  /// Probability of index `i` (normalized weight).
  double Probability(std::size_t i) const;

 private:
  std::vector<double> m_cdf;        ///< cumulative weights; m_cdf.back() is the total
  std::size_t m_last_positive = 0;  ///< highest index with positive weight
};

}  // namespace cdnmesh
