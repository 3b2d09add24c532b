#include "models/audience/audience-generator.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <utility>

#include "ns3/object.h"

namespace cdnmesh {
namespace {

/// A mix array as a weight vector.
template <std::size_t N>
std::vector<double> Weights(const std::array<double, N>& mix) {
  return std::vector<double>(mix.begin(), mix.end());
}

/// A µs duration from a double, rounded down and kept within [0, max TimeUs).
DurationUs ToDurationUs(double us) {
  if (!(us > 0.0)) return 0;  // also NaN
  constexpr double kMax = static_cast<double>(std::numeric_limits<DurationUs>::max() / 2);
  return static_cast<DurationUs>(std::floor(std::min(us, kMax)));
}

}  // namespace

AudienceGenerator::AudienceGenerator(const AudienceConfig& config, std::vector<double> isp_shares,
                                     DurationUs title_duration_us, TimeUs run_end_us)
    : m_session(config.session),
      m_vod_start(config.vod_start),
      m_max_viewers(config.max_viewers),
      m_title_duration_us(std::max<DurationUs>(title_duration_us, 0)),
      m_arrivals(config.arrivals, run_end_us),
      m_isp(isp_shares),
      m_device(Weights(config.device_mix)),
      m_nat(Weights(config.nat_mix)),
      m_content(CategoricalSampler::Zipf(config.catalog.titles, config.catalog.zipf_exponent)),
      m_session_exponential(ns3::CreateObject<ns3::ExponentialRandomVariable>()),
      m_session_lognormal(ns3::CreateObject<ns3::LogNormalRandomVariable>()),
      m_isp_uniform(ns3::CreateObject<ns3::UniformRandomVariable>()),
      m_device_uniform(ns3::CreateObject<ns3::UniformRandomVariable>()),
      m_nat_uniform(ns3::CreateObject<ns3::UniformRandomVariable>()),
      m_content_uniform(ns3::CreateObject<ns3::UniformRandomVariable>()),
      m_vod_uniform(ns3::CreateObject<ns3::UniformRandomVariable>()),
      m_vod_exponential(ns3::CreateObject<ns3::ExponentialRandomVariable>()) {}

std::int64_t AudienceGenerator::AssignStreams(std::int64_t stream) {
  std::int64_t next = stream + m_arrivals.AssignStreams(stream);
  m_session_exponential->SetStream(next++);
  m_session_lognormal->SetStream(next++);
  m_isp_uniform->SetStream(next++);
  m_device_uniform->SetStream(next++);
  m_nat_uniform->SetStream(next++);
  m_content_uniform->SetStream(next++);
  m_vod_uniform->SetStream(next++);
  m_vod_exponential->SetStream(next++);
  return next - stream;
}

bool AudienceGenerator::Next(ViewerSpec* out) {
  if (m_max_viewers > 0 && m_produced >= m_max_viewers) return false;
  TimeUs join_us = 0;
  if (!m_arrivals.Next(&join_us)) return false;
  ViewerSpec viewer;
  viewer.index = m_produced++;
  viewer.join_us = join_us;
  viewer.leave_us = DrawLeave(join_us);
  viewer.isp = static_cast<IspId>(m_isp.Sample(m_isp_uniform->GetValue(0.0, 1.0)));
  viewer.device = static_cast<DeviceClass>(m_device.Sample(m_device_uniform->GetValue(0.0, 1.0)));
  viewer.nat = static_cast<NatType>(m_nat.Sample(m_nat_uniform->GetValue(0.0, 1.0)));
  viewer.content = static_cast<ContentId>(m_content.Sample(m_content_uniform->GetValue(0.0, 1.0)));
  viewer.vod_start_media_us = DrawVodStart();
  *out = viewer;
  return true;
}

TimeUs AudienceGenerator::DrawLeave(TimeUs join_us) {
  if (m_session.kind == SessionKind::kUntilEnd) return kNever;
  const DurationUs session_us = std::max(DrawSession(), m_session.min_us);
  if (join_us > 0 && session_us >= kNever - join_us) return kNever;  // would overflow
  return join_us + std::max<DurationUs>(session_us, 0);
}

DurationUs AudienceGenerator::DrawSession() {
  if (m_session.kind == SessionKind::kExponential) {
    if (m_session.mean_us <= 0) return 0;
    return ToDurationUs(
        m_session_exponential->GetValue(static_cast<double>(m_session.mean_us), 0.0));
  }
  if (m_session.median_us <= 0) return 0;
  const double mu = std::log(static_cast<double>(m_session.median_us));
  return ToDurationUs(m_session_lognormal->GetValue(mu, std::max(m_session.sigma, 0.0)));
}

DurationUs AudienceGenerator::DrawVodStart() {
  if (m_title_duration_us <= 0) return 0;
  double start_us = 0.0;
  switch (m_vod_start.kind) {
    case VodStartKind::kBeginning:
      return 0;
    case VodStartKind::kUniform:
      start_us = m_vod_uniform->GetValue(0.0, static_cast<double>(m_title_duration_us));
      break;
    case VodStartKind::kExponential:
      if (m_vod_start.mean_us > 0) {
        start_us = m_vod_exponential->GetValue(static_cast<double>(m_vod_start.mean_us), 0.0);
      }
      break;
  }
  return std::min(ToDurationUs(start_us), m_title_duration_us - 1);
}

double AudienceGenerator::ExpectedArrivals() const {
  const double expected = m_arrivals.ExpectedCount();
  if (m_max_viewers <= 0) return expected;
  return std::min(expected, static_cast<double>(m_max_viewers));
}

}  // namespace cdnmesh
