// The flow model's queueing term fitted against the packet level (LV08-style: controlled
// experiments, then least squares). Each case fills one access link with long transfers and
// times one probe transfer across it at both fidelities: the packet level's excess over the
// corrected flow model (slow start and headers, no queueing) is regressed on the queueing term's
// three inputs: the saturated path links' full-queue drain time x (slow-start rounds + 1), the
// receiver's saturated uplink's x rounds (ACKs), and the fluid time on a saturated path (a
// newcomer's share deficit). Pure measurement: no scenario file.
#pragma once

#include <string>
#include <vector>

#include "core/common/result.h"
#include "models/network/packet-config.h"

namespace cdnmesh {

/// One probe, measured at both fidelities.
struct FitSample {
  std::string probe;              ///< what was timed, and across which busy link
  double access_latency_s = 0;    ///< one-way access latency of every viewer
  double busy_link_bps = 0;       ///< capacity of the link the background fills
  int background = 0;             ///< long transfers filling it
  double size_bytes = 0;          ///< the probe's size
  int rounds = 0;                 ///< slow-start rounds the flow model counts
  double path_queue_s = 0;        ///< full-queue drain time of saturated path links
  double ack_queue_s = 0;         ///< ... of the receiver's saturated uplink
  double saturated_fluid_s = 0;   ///< fluid time at the starting rate, on a saturated path
  double flow_s = 0;              ///< corrected flow model, queueing factors 0
  double packet_s = 0;            ///< packet level
  double fitted_s = 0;            ///< flow model with the fitted factors (linear term added)
};

/// The fitted factors (transport.queue_factor, ack_queue_factor, newcomer_factor) and their
/// evidence.
struct FlowFit {
  double queue_factor = 0;
  double ack_queue_factor = 0;
  double newcomer_factor = 0;
  std::vector<FitSample> samples;
  double mean_abs_error_before = 0;  ///< mean |packet / flow - 1| over the samples
  double mean_abs_error_after = 0;   ///< ... with the fitted term
};

/// Runs every case (a few seconds of wall time) with `packet` as the packet level's settings
/// (and the queue the flow term assumes) and fits by non-negative least squares.
Result<FlowFit> FitFlowModel(const PacketConfig& packet);
/// The fit as Markdown: the factors, the errors before and after, every sample.
std::string FormatFlowFit(const FlowFit& fit);

}  // namespace cdnmesh
