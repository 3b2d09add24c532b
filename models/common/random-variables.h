// Turns a scenario's DistributionConfig into an ns-3 random stream, and applies the clamp the
// config documents. Streams are ns-3 RandomVariableStreams, so runs are reproducible from the
// run's seed (RngSeedManager) and the stream indices given to AssignStreams.
#pragma once

#include <ns3/ptr.h>
#include <ns3/random-variable-stream.h>

#include <cstdint>

#include "models/common/distribution-config.h"

namespace cdnmesh {

/// A new ns-3 stream for `d`, without clamping: kConstant -> ConstantRandomVariable(value),
/// kUniform -> UniformRandomVariable[min, max), kLognormal -> LogNormalRandomVariable(mu =
/// ln(median), sigma), kExponential -> ExponentialRandomVariable(mean, unbounded).
/// `d` must be valid (median > 0 for lognormal, sigma >= 0, mean > 0, min <= max for uniform).
ns3::Ptr<ns3::RandomVariableStream> MakeRandomVariable(const DistributionConfig& d);

/// `value` clamped as `d` documents: unchanged for kConstant; otherwise at least `d.min`, and at
/// most `d.max` when `d.max` > 0. Units are the caller's.
double ClampToDistribution(const DistributionConfig& d, double value);

/// A random stream drawn from a DistributionConfig with its clamp applied to every draw.
class ClampedVariable {
 public:
  /// A variable for `d` (see MakeRandomVariable for the preconditions).
  explicit ClampedVariable(const DistributionConfig& d);

  /// Draws one value, clamped to [min, max] as the config documents; units are the config's.
  double GetValue();
  /// ns-3 convention: uses stream index `stream`; returns the number of streams used (1).
  std::int64_t AssignStreams(std::int64_t stream);
  /// The distribution this variable draws from.
  const DistributionConfig& config() const { return m_config; }

 private:
  DistributionConfig m_config;
  ns3::Ptr<ns3::RandomVariableStream> m_variable;
};

}  // namespace cdnmesh
