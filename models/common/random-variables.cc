#include "models/common/random-variables.h"

#include <ns3/abort.h>
#include <ns3/double.h>
#include <ns3/object.h>

#include <algorithm>
#include <cmath>

namespace cdnmesh {

ns3::Ptr<ns3::RandomVariableStream> MakeRandomVariable(const DistributionConfig& d) {
  ns3::Ptr<ns3::RandomVariableStream> variable;
  switch (d.kind) {
    case DistributionKind::kConstant:
      variable = ns3::CreateObject<ns3::ConstantRandomVariable>();
      variable->SetAttribute("Constant", ns3::DoubleValue(d.value));
      return variable;
    case DistributionKind::kUniform:
      NS_ABORT_MSG_IF(d.min > d.max, "uniform distribution with min > max");
      variable = ns3::CreateObject<ns3::UniformRandomVariable>();
      variable->SetAttribute("Min", ns3::DoubleValue(d.min));
      variable->SetAttribute("Max", ns3::DoubleValue(d.max));
      return variable;
    case DistributionKind::kLognormal:
      NS_ABORT_MSG_IF(!(d.median > 0.0) || d.sigma < 0.0, "lognormal needs median > 0, sigma >= 0");
      variable = ns3::CreateObject<ns3::LogNormalRandomVariable>();
      variable->SetAttribute("Mu", ns3::DoubleValue(std::log(d.median)));
      variable->SetAttribute("Sigma", ns3::DoubleValue(d.sigma));
      return variable;
    case DistributionKind::kExponential:
      NS_ABORT_MSG_IF(!(d.mean > 0.0), "exponential distribution needs mean > 0");
      variable = ns3::CreateObject<ns3::ExponentialRandomVariable>();
      variable->SetAttribute("Mean", ns3::DoubleValue(d.mean));
      variable->SetAttribute("Bound", ns3::DoubleValue(0.0));
      return variable;
  }
  NS_FATAL_ERROR("unknown distribution kind");
}

double ClampToDistribution(const DistributionConfig& d, double value) {
  if (d.kind == DistributionKind::kConstant) {
    return value;
  }
  value = std::max(value, d.min);
  if (d.max > 0.0) {
    value = std::min(value, d.max);
  }
  return value;
}

ClampedVariable::ClampedVariable(const DistributionConfig& d)
    : m_config(d), m_variable(MakeRandomVariable(d)) {}

double ClampedVariable::GetValue() { return ClampToDistribution(m_config, m_variable->GetValue()); }

std::int64_t ClampedVariable::AssignStreams(std::int64_t stream) {
  m_variable->SetStream(stream);
  return 1;
}

}  // namespace cdnmesh
