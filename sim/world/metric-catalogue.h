// The metric catalogue: every summary metric and every per-group (ISP, device) metric, written
// once with its type, kind (which gives its unit and range), label and definition. The summary
// struct, summary.json, the Python bindings, plots and docs/metrics.md are all derived from it.
#pragma once

#include <string>
#include <vector>

namespace cdnmesh {

/// What a metric measures; gives its unit, its range and how it is shown.
enum class MetricKind {
  kFraction,         ///< in [0, 1], shown in percent
  kFractionOfBound,  ///< >= 0, 1 = at the bound, shown in percent
  kViewers,          ///< a number of viewers
  kCount,            ///< a number of events or messages
  kMeanCount,        ///< a mean number per viewer
  kBytes,
  kSeconds,
  kHours,
  kBitsPerSecond,
  kPerHour,   ///< events per viewer-hour of watching
  kPerSecond, ///< events per simulated second
  kCost,      ///< the scenario's transit cost unit (transit.cost_per_gb x GB)
};

/// One catalogue entry.
struct MetricInfo {
  std::string name;         ///< as in summary.json, CSV headers and Python
  MetricKind kind;
  std::string label;        ///< short axis or column label, without the unit
  std::string description;  ///< exact definition
};

// X(type, name, kind, label, definition). The window is metrics.warmup_s .. + metrics.window_s.
// Undefined values (a ratio of 0 / 0, a percentile of nothing) are NaN: null in JSON.
#define CDNMESH_SUMMARY_METRICS(X)                                                                \
  X(double, offload_ratio, kFraction, "Offload",                                                  \
    "Peer bytes / (CDN + peer bytes) of segments completed by players in the window")            \
  X(double, theoretical_offload_bound, kFraction, "Offload bound",                                \
    "The loose bound min(1 - K/N, U/R) with sums over the window's samples: N live viewers, K "  \
    "swarms plus CDN-only viewers, U usable upload, R bitrate fetched (docs/metrics.md)")        \
  X(double, tight_offload_bound, kFraction, "Tight offload bound",                                \
    "Most peer bytes any client could have delivered in the window / CDN + peer bytes: a max "    \
    "flow over the run's viewers by slot, NAT type and swarm (docs/metrics.md)")                 \
  X(double, efficiency, kFractionOfBound, "Efficiency",                                           \
    "offload_ratio / tight_offload_bound (undefined when the bound is 0)")                       \
  X(std::int64_t, viewers, kViewers, "Viewers", "Sessions that overlap the window")               \
  X(double, peak_concurrent_viewers, kViewers, "Peak concurrent viewers",                         \
    "Most live viewers at a timeseries sample in the window")                                     \
  X(double, mean_concurrent_viewers, kViewers, "Mean concurrent viewers",                         \
    "Live viewers averaged over the timeseries samples in the window")                            \
  X(double, watch_hours, kHours, "Watch time", "Played plus stalled time in the window, hours")    \
  X(std::int64_t, cdn_bytes, kBytes, "CDN bytes",                                                 \
    "Segment bytes completed from the CDN in the window")                                         \
  X(std::int64_t, p2p_bytes, kBytes, "P2P bytes",                                                 \
    "Segment bytes completed from peers in the window")                                           \
  X(std::int64_t, wasted_bytes, kBytes, "Wasted bytes",                                           \
    "Bytes of cancelled, failed or duplicate transfers received in the window")                   \
  X(std::int64_t, resumed_bytes, kBytes, "Resumed peer bytes",                                    \
    "Peer bytes of downloads cancelled for the CDN that the CDN fetch continued (in p2p_bytes)")  \
  X(double, cdn_egress_bytes, kBytes, "CDN egress",                                               \
    "Bytes that left every PoP in the window (wasted bytes included)")                            \
  X(double, p2p_cross_isp_share, kFraction, "P2P bytes crossing ISPs",                            \
    "Share of the window's peer bytes that came from a viewer of another ISP")                    \
  X(double, transit_bytes, kBytes, "Transit bytes", "Bytes on inter-ISP transit links in the window") \
  X(double, transit_cost, kCost, "Transit cost", "transit_bytes / 1e9 x transit.cost_per_gb") \
  X(double, rebuffer_ratio, kFraction, "Rebuffer ratio",                                          \
    "Stalled time / (played + stalled time) in the window, after each viewer's startup")          \
  X(double, stalls_per_viewer_hour, kPerHour, "Stalls per viewer-hour",                           \
    "Stalls that began in the window / watch_hours")                                              \
  X(double, startup_delay_p50_s, kSeconds, "Startup delay p50",                                   \
    "Median time from session start to first frame, over sessions that started in the window "   \
    "and played (nearest-rank percentile)")                                                       \
  X(double, startup_delay_p95_s, kSeconds, "Startup delay p95",                                   \
    "95th percentile (nearest rank) of the same startup delays")                                  \
  X(std::int64_t, viewers_never_started, kViewers, "Viewers never started",                       \
    "Sessions that started in the window and had not played a frame by its end")                 \
  X(std::int64_t, live_resyncs, kCount, "Live resyncs",                                           \
    "Live jumps forward in the window because the awaited segment left the playlist")             \
  X(double, mean_bitrate_bps, kBitsPerSecond, "Mean bitrate",                                     \
    "Bitrate of the media played in the window, weighted by played time")                         \
  X(double, bitrate_switches_per_hour, kPerHour, "Bitrate switches per viewer-hour",              \
    "Rendition changes between consecutive played segments in the window / watch_hours")          \
  X(double, upload_per_viewer_p50_bytes, kBytes, "Upload per viewer p50",                         \
    "Median over the window's viewers of the bytes each one's uploads delivered in the window")  \
  X(double, upload_per_viewer_p95_bytes, kBytes, "Upload per viewer p95",                         \
    "95th percentile (nearest rank) of the same per-viewer upload bytes")                         \
  X(std::int64_t, cdn_requests, kCount, "CDN requests", "CDN transfers started in the window")    \
  X(std::int64_t, p2p_requests, kCount, "P2P requests", "Peer transfers started in the window")   \
  X(std::int64_t, p2p_failures, kCount, "P2P failures",                                           \
    "Peer transfers that failed in the window (not held, lost, errors, timeouts)")                \
  X(std::int64_t, p2p_timeouts, kCount, "P2P timeouts",                                           \
    "Peer transfers in the window that received no new bytes within the request timeout")       \
  X(std::int64_t, p2p_busy_refusals, kCount, "P2P busy refusals",                                 \
    "Peer requests refused in the window for lack of upload capacity")                            \
  X(std::int64_t, cdn_fallbacks, kCount, "CDN fallbacks",                                         \
    "CDN fetches in the window forced by the minimum-buffer rule")                                \
  X(std::int64_t, urgent_cdn_fetches, kCount, "Urgent CDN fetches",                               \
    "CDN fetches in the window because a segment entered the urgent window")                      \
  X(std::int64_t, seeding_fetches, kCount, "Seeding fetches",                                     \
    "CDN fetches in the window made to seed a segment no peer had")                               \
  X(std::int64_t, tracker_requests, kCount, "Tracker requests",                                   \
    "Requests the tracker answered in the window")                                                \
  X(double, tracker_requests_per_s, kPerSecond, "Tracker requests per second",                    \
    "tracker_requests / window length in simulated seconds")                                      \
  X(std::int64_t, distributor_requests, kCount, "Distributor requests",                           \
    "Join requests the distributor answered in the window")                                       \
  X(double, connections_per_peer, kMeanCount, "Connections per viewer",                           \
    "Peer connections opened in the window (as dialler or acceptor) per viewer")                  \
  X(double, max_connections_per_peer_mean, kMeanCount, "Max open connections per viewer",        \
    "Mean over viewers of each one's most simultaneously open connections in its session")       \
  X(std::int64_t, connection_attempts, kCount, "Connection attempts",                             \
    "Peer connection set-ups the signaling model attempted in the window")                        \
  X(std::int64_t, nat_traversal_failures, kCount, "NAT traversal failures",                       \
    "Attempts in the window that failed for the NAT pair or another ICE failure (not attempts "   \
    "towards a viewer that had left, unless signaling.ice_failure_timeout_s is 0)")              \
  X(std::int64_t, connection_timeouts, kCount, "Connection set-ups timed out",                    \
    "Attempts in the window whose failure was known only when ICE timed out "                     \
    "(signaling.ice_failure_timeout_s > 0): NAT pair, traversal or a viewer gone")                \
  X(std::int64_t, connections_to_departed, kCount, "Connections to departed viewers",             \
    "Attempts in the window towards a viewer that had left before or during the set-up "          \
    "(signaling.ice_failure_timeout_s > 0)")                                                      \
  X(std::int64_t, silent_departures, kCount, "Silent departures",                                 \
    "Sessions that ended in the window without closing anything (failures.vanish_fraction)")      \
  X(std::int64_t, uplink_stalls, kCount, "Uplink stalls",                                         \
    "Uploader stalls that began in the window (failures.stall.*)")                                \
  X(std::int64_t, background_uploads, kCount, "Background uploads",                               \
    "Episodes of the viewers' own uploads sharing their uplinks that began in the window "        \
    "(failures.background_upload.*)")                                                             \
  X(std::int64_t, peer_messages, kCount, "Peer messages",                                         \
    "Protocol messages delivered between viewers in the window")                                  \
  X(std::int64_t, service_messages, kCount, "Service messages",                                   \
    "Protocol messages from services to viewers in the window")                                   \
  X(std::int64_t, encoded_message_bytes, kBytes, "Encoded message bytes",                         \
    "Bytes of messages encoded in the window (run.encode_messages only, else 0)")                 \
  X(std::uint64_t, events, kCount, "Simulator events", "ns-3 events executed in the whole run")

// Per-group metrics (summary.json's breakdowns by ISP and by device): SHARED(type, name) has
// the summary metric's definition, restricted to the group's viewers; OWN is as above.
#define CDNMESH_GROUP_METRICS(SHARED, OWN)                                                        \
  SHARED(std::int64_t, viewers)                                                                   \
  SHARED(double, watch_hours)                                                                     \
  SHARED(double, offload_ratio)                                                                   \
  SHARED(std::int64_t, cdn_bytes)                                                                 \
  SHARED(std::int64_t, p2p_bytes)                                                                 \
  SHARED(double, p2p_cross_isp_share)                                                             \
  SHARED(double, rebuffer_ratio)                                                                  \
  SHARED(double, stalls_per_viewer_hour)                                                          \
  SHARED(double, startup_delay_p50_s)                                                             \
  SHARED(double, mean_bitrate_bps)                                                                \
  OWN(std::int64_t, uploaded_bytes, kBytes, "Uploaded bytes",                                     \
      "Bytes the group's viewers delivered to peers in the window")                               \
  OWN(double, upload_per_viewer_mean_bytes, kBytes, "Upload per viewer (mean)",                   \
      "uploaded_bytes / viewers")                                                                 \
  SHARED(double, upload_per_viewer_p50_bytes)

/// Summary metrics, in summary.json order.
const std::vector<MetricInfo>& SummaryMetricCatalogue();
/// Per-group metrics, in breakdown order (shared entries carry the summary's text).
const std::vector<MetricInfo>& GroupMetricCatalogue();
/// Every distinct metric: the summary's, then the group-only ones.
std::vector<MetricInfo> MetricCatalogue();

/// "%", "s", "bytes", "bit/s", "1/h", ... ("" for plain counts).
const char* MetricUnit(MetricKind kind);
/// "fraction", "bytes", ... as the Python side names kinds.
const char* MetricKindName(MetricKind kind);
/// Whether the metric is shown x100 with a % sign.
bool MetricInPercent(MetricKind kind);
/// Upper end of the range (1 for fractions), NaN when unbounded; the lower end is always 0.
double MetricUpperBound(MetricKind kind);

}  // namespace cdnmesh
