// What a run produces: the summary metrics (named as in DESIGN.md everywhere), the time series
// and the per-viewer records.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "models/network/transport.h"
#include "models/peer/peer-record.h"

namespace cdnmesh {

/// Summary metrics of a run. Bytes are completed segment bytes unless the name says egress.
struct RunSummary {
  std::int64_t viewers = 0;                  ///< sessions started
  double peak_concurrent_viewers = 0;        ///< most viewers at a sampling instant
  double mean_concurrent_viewers = 0;        ///< time-averaged over the samples
  double watch_hours = 0;                    ///< played + stalled time, hours
  double offload_ratio = 0;                  ///< p2p bytes / (cdn + p2p bytes)
  std::int64_t cdn_bytes = 0;                ///< segment bytes completed from the CDN
  std::int64_t p2p_bytes = 0;                ///< segment bytes completed from peers
  std::int64_t wasted_bytes = 0;             ///< bytes of aborted or duplicate transfers
  double cdn_egress_bytes = 0;               ///< bytes that left the PoPs (wasted included)
  std::vector<std::string> pop_names;        ///< PoP names, same order as below
  std::vector<double> cdn_egress_bytes_per_pop;
  double p2p_cross_isp_share = 0;            ///< share of p2p bytes that crossed ISPs
  double transit_bytes = 0;                  ///< bytes on inter-ISP transit links
  double transit_cost = 0;                   ///< transit_bytes / 1e9 x cost_per_gb
  double rebuffer_ratio = 0;                 ///< stall time / watch time
  double stalls_per_viewer_hour = 0;
  double startup_delay_p50_s = 0;            ///< over viewers whose playback started
  double startup_delay_p95_s = 0;
  std::int64_t viewers_never_started = 0;    ///< sessions that never played a frame
  std::int64_t live_resyncs = 0;             ///< live jumps after falling out of the playlist
  double mean_bitrate_bps = 0;               ///< weighted by played time
  double bitrate_switches_per_hour = 0;
  double upload_per_viewer_p50_bytes = 0;
  double upload_per_viewer_p95_bytes = 0;
  std::int64_t p2p_requests = 0;
  std::int64_t p2p_failures = 0;
  std::int64_t p2p_timeouts = 0;
  std::int64_t p2p_busy_refusals = 0;
  std::int64_t cdn_requests = 0;
  std::int64_t cdn_fallbacks = 0;            ///< CDN fetches forced by the buffer threshold
  std::int64_t urgent_cdn_fetches = 0;
  std::int64_t seeding_fetches = 0;
  std::int64_t tracker_requests = 0;
  double tracker_requests_per_s = 0;
  std::int64_t distributor_requests = 0;
  double connections_per_peer = 0;           ///< mean connections opened per viewer
  double max_connections_per_peer_mean = 0;  ///< mean of each viewer's most open at once
  std::int64_t connection_attempts = 0;
  std::int64_t nat_traversal_failures = 0;   ///< NAT-pair and other ICE failures
  double theoretical_offload_bound = 0;      ///< min(1 - K/N, u/r), see offload-bound.h
  double efficiency = 0;                     ///< offload / bound (0 when the bound is 0)
  std::int64_t peer_messages = 0;            ///< protocol messages between viewers
  std::int64_t service_messages = 0;         ///< protocol messages from services to viewers
  std::int64_t encoded_message_bytes = 0;    ///< bytes encoded (run.encode_messages only)
  std::uint64_t events = 0;                  ///< simulator events executed
};

/// One row of timeseries.csv: what happened during [start_s, start_s + interval).
struct TimeseriesRow {
  double start_s = 0;
  std::int64_t viewers = 0;                  ///< at the end of the interval
  std::vector<double> cdn_egress_bps_per_pop;
  double cdn_bps = 0;                        ///< completed CDN segment bytes, as a rate
  double p2p_bps = 0;                        ///< completed peer segment bytes, as a rate
  double offload = 0;                        ///< p2p / (cdn + p2p) within the interval
  std::int64_t stalls = 0;                   ///< stalls that started in the interval
  double stall_s = 0;                        ///< stalled time within the interval
  std::int64_t swarms = 0;                   ///< non-empty (content, rendition) swarms
};

/// Everything a run returns.
struct RunResult {
  RunSummary summary;
  std::vector<TimeseriesRow> timeseries;
  std::vector<PeerRecord> peers;  ///< in the order sessions ended
  std::vector<std::string> isp_names;
  double wall_seconds = 0;        ///< not part of summary.json (it would break determinism)
  /// Completed transfers' times (RunOptions::record_transfer_times only; not in any file).
  std::vector<TransferTime> transfer_times;
};

}  // namespace cdnmesh
