#include "sim/world/flow-fit.h"

#include <Eigen/Dense>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "sim/world/flow-fit-probe.h"

namespace cdnmesh {
namespace {

const char* ProbeName(ProbeKind kind) {
  switch (kind) {
    case ProbeKind::kPeerOnBusyUplink: return "peer upload, busy uplink";
    case ProbeKind::kCdnWithBusyUplink: return "CDN download, ACKs on busy uplink";
    case ProbeKind::kCdnOnBusyDownlink: return "CDN download, busy downlink";
  }
  return "";
}

// Every access latency x busy capacity x background x size, per probe kind.
std::vector<ProbeCase> Cases() {
  std::vector<ProbeCase> cases;
  for (const ProbeKind kind : {ProbeKind::kPeerOnBusyUplink, ProbeKind::kCdnWithBusyUplink,
                               ProbeKind::kCdnOnBusyDownlink}) {
    const bool downlink = kind == ProbeKind::kCdnOnBusyDownlink;
    const std::vector<double> rates =
        downlink ? std::vector<double>{10e6, 30e6} : std::vector<double>{2e6, 5e6, 10e6};
    const std::vector<std::int64_t> sizes =
        kind == ProbeKind::kPeerOnBusyUplink ? std::vector<std::int64_t>{250'000, 1'000'000}
                                             : std::vector<std::int64_t>{500'000, 2'000'000};
    for (const DurationUs access_us : {5'000, 20'000}) {
      for (const double rate : rates) {
        for (int background = 0; background <= 2; ++background) {
          for (const std::int64_t size : sizes) {
            cases.push_back(ProbeCase{kind, access_us, rate, background, size});
          }
        }
      }
    }
  }
  return cases;
}

double MeanAbsError(const std::vector<FitSample>& samples, bool fitted) {
  double sum = 0;
  for (const FitSample& s : samples) sum += std::fabs(s.packet_s / (fitted ? s.fitted_s : s.flow_s) - 1);
  return samples.empty() ? 0 : sum / static_cast<double>(samples.size());
}

// Least squares of y on the columns of x with every coefficient >= 0: the best unconstrained
// fit over each subset of the columns whose solution is non-negative (few columns: exact).
Eigen::VectorXd NonNegativeLeastSquares(const Eigen::MatrixXd& x, const Eigen::VectorXd& y) {
  const auto k = static_cast<int>(x.cols());
  Eigen::VectorXd best = Eigen::VectorXd::Zero(k);
  double best_sse = y.squaredNorm();
  for (int subset = 1; subset < (1 << k); ++subset) {
    std::vector<int> columns;
    for (int c = 0; c < k; ++c) {
      if ((subset >> c) & 1) columns.push_back(c);
    }
    Eigen::MatrixXd sub(x.rows(), static_cast<Eigen::Index>(columns.size()));
    for (std::size_t i = 0; i < columns.size(); ++i) sub.col(static_cast<Eigen::Index>(i)) = x.col(columns[i]);
    const Eigen::VectorXd beta = sub.colPivHouseholderQr().solve(y);
    if ((beta.array() < 0).any()) continue;
    const double sse = (y - sub * beta).squaredNorm();
    if (sse >= best_sse) continue;
    best_sse = sse;
    best.setZero();
    for (std::size_t i = 0; i < columns.size(); ++i) best(columns[i]) = beta(static_cast<Eigen::Index>(i));
  }
  return best;
}

}  // namespace

Result<FlowFit> FitFlowModel(const PacketConfig& packet) {
  FlowFit fit;
  for (const ProbeCase& c : Cases()) {
    const ProbeResult flow = RunProbe(ProbeScenario(c, packet, NetworkFidelity::kFlow), c);
    const ProbeResult measured = RunProbe(ProbeScenario(c, packet, NetworkFidelity::kPacket), c);
    if (!flow.done || !measured.done) {
      return Error{std::string("flow-model fit: a probe did not finish (") + ProbeName(c.kind) + ")"};
    }
    FitSample s;
    s.probe = ProbeName(c.kind);
    s.access_latency_s = static_cast<double>(c.access_latency_us) / 1e6;
    s.busy_link_bps = c.busy_link_bps;
    s.background = c.background;
    s.size_bytes = static_cast<double>(c.size_bytes);
    s.rounds = flow.terms.rounds;
    s.path_queue_s = static_cast<double>(flow.terms.path_queue_us) / 1e6;
    s.ack_queue_s = static_cast<double>(flow.terms.ack_queue_us) / 1e6;
    s.saturated_fluid_s = static_cast<double>(flow.terms.saturated_fluid_us) / 1e6;
    s.flow_s = flow.seconds;
    s.packet_s = measured.seconds;
    fit.samples.push_back(s);
  }
  const auto n = static_cast<Eigen::Index>(fit.samples.size());
  Eigen::MatrixXd x(n, 3);
  Eigen::VectorXd y(n);
  for (Eigen::Index i = 0; i < n; ++i) {
    const FitSample& s = fit.samples[static_cast<std::size_t>(i)];
    x(i, 0) = s.path_queue_s * (s.rounds + 1);
    x(i, 1) = s.ack_queue_s * s.rounds;
    x(i, 2) = s.saturated_fluid_s;
    y(i) = s.packet_s - s.flow_s;
  }
  const Eigen::VectorXd beta = NonNegativeLeastSquares(x, y);
  fit.queue_factor = beta(0);
  fit.ack_queue_factor = beta(1);
  fit.newcomer_factor = beta(2);
  for (Eigen::Index i = 0; i < n; ++i) {
    FitSample& s = fit.samples[static_cast<std::size_t>(i)];
    s.fitted_s = s.flow_s + x.row(i).dot(beta);
  }
  fit.mean_abs_error_before = MeanAbsError(fit.samples, false);
  fit.mean_abs_error_after = MeanAbsError(fit.samples, true);
  return fit;
}

std::string FormatFlowFit(const FlowFit& fit) {
  char line[512];
  std::snprintf(line, sizeof line,
                "flow-model fit: transport.queue_factor %.3f, transport.ack_queue_factor %.3f, "
                "transport.newcomer_factor %.3f (%zu probes; mean |packet / flow - 1| %.3f "
                "without the queueing terms, %.3f with them)\n\n",
                fit.queue_factor, fit.ack_queue_factor, fit.newcomer_factor, fit.samples.size(),
                fit.mean_abs_error_before, fit.mean_abs_error_after);
  std::string out = line;
  out += "| probe | access latency s | busy link Mbit/s | background | size kB | rounds | "
         "path queue s | ACK queue s | saturated fluid s | flow s | fitted s | packet s | packet / flow | packet / "
         "fitted |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n";
  for (const FitSample& s : fit.samples) {
    std::snprintf(line, sizeof line,
                  "| %s | %.3f | %.0f | %d | %.0f | %d | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f "
                  "| %.3f | %.3f |\n",
                  s.probe.c_str(), s.access_latency_s, s.busy_link_bps / 1e6, s.background,
                  s.size_bytes / 1e3, s.rounds, s.path_queue_s, s.ack_queue_s,
                  s.saturated_fluid_s, s.flow_s,
                  s.fitted_s, s.packet_s, s.packet_s / s.flow_s, s.packet_s / s.fitted_s);
    out += line;
  }
  return out;
}

}  // namespace cdnmesh
