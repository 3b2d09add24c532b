// A scalar probability distribution as scenarios describe it (access capacities, session
// lengths). Pure data; models/common/random-variables.h turns it into an ns-3 random stream.
#pragma once

namespace cdnmesh {

/// Kinds of distributions a scenario can name.
enum class DistributionKind {
  kConstant,     ///< always `value`
  kUniform,      ///< uniform on [min, max]
  kLognormal,    ///< median `median`, shape `sigma` (of the underlying normal)
  kExponential,  ///< mean `mean`
};

/// A distribution with its parameters; only those of `kind` are used. Units are the caller's
/// (bits per second for capacities, seconds for durations). Draws are clamped to [min, max]
/// for every kind except kConstant when `max` > 0 (so a lognormal cannot produce absurd tails).
struct DistributionConfig {
  DistributionKind kind = DistributionKind::kConstant;
  double value = 0.0;   ///< kConstant
  double min = 0.0;     ///< kUniform lower bound; lower clamp for the others
  double max = 0.0;     ///< kUniform upper bound; upper clamp for the others when > 0
  double median = 0.0;  ///< kLognormal
  double sigma = 0.0;   ///< kLognormal shape (>= 0)
  double mean = 0.0;    ///< kExponential

  /// A constant distribution.
  static DistributionConfig Constant(double v) {
    DistributionConfig d;
    d.value = v;
    return d;
  }
  /// A lognormal distribution with the given median and shape, clamped to [lo, hi].
  static DistributionConfig Lognormal(double median_value, double shape, double lo, double hi) {
    DistributionConfig d;
    d.kind = DistributionKind::kLognormal;
    d.median = median_value;
    d.sigma = shape;
    d.min = lo;
    d.max = hi;
    return d;
  }
};

}  // namespace cdnmesh
