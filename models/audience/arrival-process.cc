#include "models/audience/arrival-process.h"

#include <algorithm>
#include <cmath>
#include <utility>
#include <vector>

#include "ns3/object.h"

namespace cdnmesh {
namespace {

/// The rate points of the Poisson part of `config` (empty for a flash crowd).
std::vector<std::pair<TimeUs, double>> PoissonPoints(const ArrivalConfig& config,
                                                     TimeUs run_end_us) {
  switch (config.kind) {
    case ArrivalKind::kConstant: {
      const TimeUs end_us = config.end_us > 0 ? std::min(config.end_us, run_end_us) : run_end_us;
      if (end_us <= config.start_us) return {};
      return {{config.start_us, config.rate_per_s}, {end_us, 0.0}};
    }
    case ArrivalKind::kCsv:
      return config.curve;
    case ArrivalKind::kFlashCrowd:
    case ArrivalKind::kEvenlySpaced:
      break;
  }
  return {};
}

/// `config` without its rate curve (kept by the Poisson process instead).
ArrivalConfig WithoutCurve(const ArrivalConfig& config) {
  ArrivalConfig copy = config;
  copy.curve.clear();
  copy.curve.shrink_to_fit();
  return copy;
}

/// A fractional time in µs rounded down (monotone, and below an integer bound stays below it).
TimeUs FloorUs(double time_us) { return static_cast<TimeUs>(std::floor(time_us)); }

}  // namespace

double TriangularQuantile(double p, double mode) {
  const double c = std::clamp(mode, 0.0, 1.0);
  const double q = std::clamp(p, 0.0, 1.0);
  if (q < c) return std::sqrt(q * c);
  return 1.0 - std::sqrt((1.0 - q) * (1.0 - c));
}

double TriangularCdf(double x, double mode) {
  const double c = std::clamp(mode, 0.0, 1.0);
  if (x <= 0.0) return 0.0;
  if (x >= 1.0) return 1.0;
  if (x <= c) return x * x / c;
  return 1.0 - (1.0 - x) * (1.0 - x) / (1.0 - c);
}

ArrivalProcess::ArrivalProcess(const ArrivalConfig& config, TimeUs run_end_us)
    : m_config(WithoutCurve(config)),
      m_run_end_us(run_end_us),
      m_initial(config.initial_viewers),
      m_flash(config.kind == ArrivalKind::kFlashCrowd ? config.viewers : 0),
      m_poisson(PoissonPoints(config, run_end_us), run_end_us),
      m_initial_uniform(ns3::CreateObject<ns3::UniformRandomVariable>()),
      m_flash_uniform(ns3::CreateObject<ns3::UniformRandomVariable>()),
      m_poisson_hazard(ns3::CreateObject<ns3::ExponentialRandomVariable>()) {}

std::int64_t ArrivalProcess::AssignStreams(std::int64_t stream) {
  m_initial_uniform->SetStream(stream);
  m_flash_uniform->SetStream(stream + 1);
  m_poisson_hazard->SetStream(stream + 2);
  return kStreamCount;
}

bool ArrivalProcess::Next(TimeUs* join_us) {
  if (!m_primed) {
    m_next_initial_us = DrawInitial();
    m_next_process_us = DrawProcess();
    m_primed = true;
  }
  const bool take_initial = m_next_initial_us.has_value() &&
                            (!m_next_process_us || *m_next_initial_us <= *m_next_process_us);
  if (take_initial) {
    *join_us = *m_next_initial_us;
    m_next_initial_us = DrawInitial();
    return true;
  }
  if (m_next_process_us) {
    *join_us = *m_next_process_us;
    m_next_process_us = DrawProcess();
    return true;
  }
  return false;
}

std::optional<TimeUs> ArrivalProcess::DrawInitial() {
  double fraction = 0.0;
  if (!m_initial.Next(m_initial_uniform->GetValue(0.0, 1.0), &fraction)) return std::nullopt;
  const double window_us =
      static_cast<double>(std::max<DurationUs>(m_config.initial_join_window_us, 0));
  const TimeUs join_us = FloorUs(fraction * window_us);
  if (join_us >= m_run_end_us) return std::nullopt;  // the rest are later still
  return join_us;
}

std::optional<TimeUs> ArrivalProcess::DrawProcess() {
  switch (m_config.kind) {
    case ArrivalKind::kFlashCrowd:
      return DrawFlashCrowd();
    case ArrivalKind::kEvenlySpaced:
      return DrawEvenlySpaced();
    case ArrivalKind::kConstant:
    case ArrivalKind::kCsv:
      break;
  }
  return DrawPoisson();
}

std::optional<TimeUs> ArrivalProcess::DrawEvenlySpaced() {
  if (m_evenly_spaced_drawn >= m_config.viewers) return std::nullopt;
  const double spacing_us = static_cast<double>(std::max<DurationUs>(m_config.ramp_us, 0)) /
                            static_cast<double>(m_config.viewers);
  const TimeUs join_us =
      m_config.start_us + FloorUs(spacing_us * static_cast<double>(m_evenly_spaced_drawn++));
  if (join_us >= m_run_end_us) return std::nullopt;
  return join_us;
}

std::optional<TimeUs> ArrivalProcess::DrawFlashCrowd() {
  double fraction = 0.0;
  if (!m_flash.Next(m_flash_uniform->GetValue(0.0, 1.0), &fraction)) return std::nullopt;
  const double ramp_us = static_cast<double>(std::max<DurationUs>(m_config.ramp_us, 0));
  const double offset_us = ramp_us * TriangularQuantile(fraction, m_config.peak_fraction);
  const TimeUs join_us = m_config.start_us + FloorUs(offset_us);
  if (join_us >= m_run_end_us) return std::nullopt;  // the rest are later still
  return join_us;
}

std::optional<TimeUs> ArrivalProcess::DrawPoisson() {
  double time_us = 0.0;
  if (!m_poisson.Next(m_poisson_hazard->GetValue(1.0, 0.0), &time_us)) return std::nullopt;
  return FloorUs(time_us);
}

double ArrivalProcess::ExpectedCount() const {
  double process = m_poisson.ExpectedCount();
  if (m_config.kind == ArrivalKind::kFlashCrowd) process = ExpectedFlashCrowd();
  if (m_config.kind == ArrivalKind::kEvenlySpaced) process = ExpectedEvenlySpaced();
  return ExpectedInitial() + process;
}

double ArrivalProcess::ExpectedInitial() const {
  const auto count = static_cast<double>(std::max<std::int64_t>(m_config.initial_viewers, 0));
  const auto window_us = static_cast<double>(m_config.initial_join_window_us);
  if (window_us <= 0.0) return m_run_end_us > 0 ? count : 0.0;
  return count * std::clamp(static_cast<double>(m_run_end_us) / window_us, 0.0, 1.0);
}

double ArrivalProcess::ExpectedEvenlySpaced() const {
  const auto count = static_cast<double>(std::max<std::int64_t>(m_config.viewers, 0));
  if (count == 0.0 || m_run_end_us <= m_config.start_us) return 0.0;
  const auto spacing_us = static_cast<double>(std::max<DurationUs>(m_config.ramp_us, 0)) / count;
  if (spacing_us <= 0.0) return count;
  // Arrivals i with start + i * spacing < run end.
  const double before_end = std::ceil(static_cast<double>(m_run_end_us - m_config.start_us) /
                                      spacing_us);
  return std::min(count, before_end);
}

double ArrivalProcess::ExpectedFlashCrowd() const {
  const auto count = static_cast<double>(std::max<std::int64_t>(m_config.viewers, 0));
  const auto ramp_us = static_cast<double>(m_config.ramp_us);
  const auto span_us = static_cast<double>(m_run_end_us - m_config.start_us);
  if (ramp_us <= 0.0) return span_us > 0.0 ? count : 0.0;
  return count * TriangularCdf(span_us / ramp_us, m_config.peak_fraction);
}

}  // namespace cdnmesh
