#include "models/audience/categorical-sampler.h"

#include <algorithm>
#include <cmath>

namespace cdnmesh {

CategoricalSampler::CategoricalSampler(const std::vector<double>& weights) {
  bool any_positive = false;
  for (const double w : weights) any_positive = any_positive || w > 0.0;
  const std::size_t count = std::max<std::size_t>(weights.size(), 1);
  m_cdf.reserve(count);
  double total = 0.0;
  for (std::size_t i = 0; i < count; ++i) {
    const double w = any_positive ? weights[i] : 1.0;
    if (w > 0.0) {  // false for NaN too
      total += w;
      m_last_positive = i;
    }
    m_cdf.push_back(total);
  }
}

CategoricalSampler CategoricalSampler::Zipf(int count, double exponent) {
  std::vector<double> weights(static_cast<std::size_t>(std::max(count, 1)));
  for (std::size_t i = 0; i < weights.size(); ++i) {
    weights[i] = std::pow(static_cast<double>(i + 1), -exponent);
  }
  return CategoricalSampler(weights);
}

std::size_t CategoricalSampler::Sample(double u) const {
  const double target = std::clamp(u, 0.0, 1.0) * m_cdf.back();
  const auto it = std::upper_bound(m_cdf.begin(), m_cdf.end(), target);
  const auto index = static_cast<std::size_t>(it - m_cdf.begin());
  return std::min(index, m_last_positive);  // u * total rounded up to the total
}

double CategoricalSampler::Probability(std::size_t i) const {
  if (i >= m_cdf.size()) return 0.0;
  const double below = i == 0 ? 0.0 : m_cdf[i - 1];
  return (m_cdf[i] - below) / m_cdf.back();
}

}  // namespace cdnmesh
