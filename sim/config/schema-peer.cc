// Schema entries of a client config: p2p.*, scheduler.* and player.* (PeerConfig). The same
// table gives the top-level keys and the keys of distributor `set` maps.
#include "sim/config/schema-builders.h"
#include "sim/config/schema-tables.h"

namespace cdnmesh {
namespace {

using P = PeerConfig;

// A transfer timeout below a round trip fails every transfer at once and retries without end;
// 0.1 s is below any real CDN or peer round trip worth simulating.
constexpr double kMinTimeoutS = 0.1;

const NameTable<AbrKind>& AbrKindNames() {
  static const NameTable<AbrKind> table = {{"throughput", AbrKind::kThroughput},
                                           {"buffer", AbrKind::kBuffer}};
  return table;
}

void AppendWindows(std::vector<Field<P>>& f) {
  const std::string s = "scheduler.";
  f.push_back(SecondsEntry<P>(s + "urgent_window_s", CDNMESH_REF(scheduler.urgent_window_us),
                              ValueRange::AtLeast(0),
                              "Segments starting less than this far ahead of the playhead go to "
                              "the CDN unless a peer transfer surely finishes first."));
  f.push_back(SecondsEntry<P>(s + "p2p_window_s", CDNMESH_REF(scheduler.p2p_window_us),
                              ValueRange::AtLeast(0),
                              "Segments starting less than this far ahead may be prefetched from "
                              "peers; >= scheduler.urgent_window_s."));
  f.push_back(SecondsEntry<P>(s + "min_buffer_s", CDNMESH_REF(scheduler.min_buffer_us),
                              ValueRange::AtLeast(0),
                              "Below this buffer the next needed segment is fetched from the CDN "
                              "at once; <= scheduler.p2p_window_s."));
  f.push_back(BoolEntry<P>(s + "race_on_fallback", CDNMESH_REF(scheduler.race_on_fallback),
                           "On the minimum-buffer rule keep a running peer transfer and race "
                           "the CDN (true), or cancel it (false)."));
  f.push_back(BoolEntry<P>(s + "cdn_resumes_peer_prefix",
                           CDNMESH_REF(scheduler.cdn_resumes_peer_prefix),
                           "A peer download cancelled for the CDN keeps its bytes: the CDN "
                           "sends only the rest of the segment (an HTTP range)."));
  f.push_back(FloatEntry<P>(s + "p2p_finish_safety_factor",
                            CDNMESH_REF(scheduler.p2p_finish_safety_factor), "",
                            ValueRange::AtLeast(1),
                            "A peer transfer surely finishes first when its remaining time "
                            "times this is less than the time until the segment is needed."));
  f.push_back(FloatEntry<P>(s + "urgent_preempt_fraction",
                            CDNMESH_REF(scheduler.urgent_preempt_fraction), "",
                            ValueRange::Between(0, 1),
                            "When an urgent CDN fetch starts, cancel downloads of later segments "
                            "that received less than this share, and start no prefetch or "
                            "seeding while it runs (0 = off)."));
  f.push_back(FloatEntry<P>(s + "urgent_downswitch_safety_factor",
                            CDNMESH_REF(scheduler.urgent_downswitch_safety_factor), "x",
                            ValueRange::AtLeast(0),
                            "An urgent CDN fetch takes the highest rendition (up to the ABR's) "
                            "that arrives this many times over in time at the throughput "
                            "estimate shared with downloads in flight (0 = off; else >= 1)."));
}

void AppendLimits(std::vector<Field<P>>& f) {
  const std::string s = "scheduler.";
  f.push_back(IntEntry<P>(s + "max_cdn_transfers", CDNMESH_REF(scheduler.max_cdn_transfers),
                          "transfers", ValueRange::AtLeast(1), "Concurrent CDN requests."));
  f.push_back(IntEntry<P>(s + "max_p2p_transfers", CDNMESH_REF(scheduler.max_p2p_transfers),
                          "transfers", ValueRange::AtLeast(0), "Concurrent peer requests."));
  f.push_back(IntEntry<P>(s + "max_p2p_per_peer", CDNMESH_REF(scheduler.max_p2p_per_peer),
                          "transfers", ValueRange::AtLeast(1), "Concurrent requests to one peer."));
  f.push_back(SecondsEntry<P>(s + "p2p_timeout_s", CDNMESH_REF(scheduler.p2p_timeout_us),
                              ValueRange::AtLeast(kMinTimeoutS),
                              "A peer transfer with no bytes for this long fails."));
  f.push_back(SecondsEntry<P>(s + "cdn_timeout_s", CDNMESH_REF(scheduler.cdn_timeout_us),
                              ValueRange::AtLeast(kMinTimeoutS),
                              "A CDN transfer with no bytes for this long fails and is retried."));
  f.push_back(SecondsEntry<P>(s + "peer_busy_backoff_s",
                              CDNMESH_REF(scheduler.peer_busy_backoff_us), ValueRange::AtLeast(0),
                              "A busy peer is not asked again for this long (doubled per "
                              "consecutive failure, at most 64x)."));
  f.push_back(IntEntry<P>(s + "max_p2p_attempts_per_segment",
                          CDNMESH_REF(scheduler.max_p2p_attempts_per_segment), "attempts",
                          ValueRange::AtLeast(1),
                          "Failed peer attempts per segment before it goes to the CDN."));
  f.push_back(SecondsEntry<P>(s + "cdn_retry_backoff_s",
                              CDNMESH_REF(scheduler.cdn_retry_backoff_us), ValueRange::AtLeast(0),
                              "Wait before retrying a failed CDN request."));
  f.push_back(IntEntry<P>(
      s + "default_peer_throughput_bps", CDNMESH_REF(scheduler.default_peer_throughput_bps), "bps",
      ValueRange::Above(0), "Throughput assumed for a peer before a transfer from it completed."));
  f.push_back(FloatEntry<P>(
      s + "peer_throughput_ewma_weight", CDNMESH_REF(scheduler.peer_throughput_ewma_weight), "",
      ValueRange::AboveUpTo(0, 1), "Weight of the newest sample in a peer's throughput EWMA."));
}

void AppendSeedingUpload(std::vector<Field<P>>& f) {
  const std::string s = "scheduler.";
  f.push_back(BoolEntry<P>(s + "cdn_seeding_enabled", CDNMESH_REF(scheduler.cdn_seeding_enabled),
                           "Live: some viewers fetch new segments from the CDN early so the swarm "
                           "has a source."));
  f.push_back(FloatEntry<P>(s + "seeders_per_segment", CDNMESH_REF(scheduler.seeders_per_segment),
                            "viewers", ValueRange::Above(0),
                            "Expected viewers per swarm seeding each new segment from the CDN."));
  f.push_back(FloatEntry<P>(s + "seeding_fraction", CDNMESH_REF(scheduler.seeding_fraction),
                            "share", ValueRange::Between(0, 1),
                            "At least this share of a swarm seeds each new segment (0 = "
                            "seeders_per_segment alone)."));
  f.push_back(FloatEntry<P>(s + "seeding_miss_target",
                            CDNMESH_REF(scheduler.seeding_miss_target), "share",
                            ValueRange::Between(0, 0.4999),
                            "Adaptive seeding: seeding odds grow after each segment missed by the "
                            "mesh and shrink after each delivered, to miss this share (0 = off)."));
  f.push_back(SecondsEntry<P>(s + "seeding_jitter_s", CDNMESH_REF(scheduler.seeding_jitter_us),
                              ValueRange::AtLeast(0),
                              "A seeder waits a random delay in [0, this) before seeding."));
  f.push_back(IntEntry<P>(s + "upload_slots", CDNMESH_REF(scheduler.upload_slots), "uploads",
                          ValueRange::AtLeast(0), "Concurrent uploads served to other peers."));
  f.push_back(FloatEntry<P>(s + "upload_min_realtime_factor",
                            CDNMESH_REF(scheduler.upload_min_realtime_factor), "x",
                            ValueRange::AtLeast(0),
                            "With a known upload capacity, admit an upload only while each would "
                            "get this multiple of real time (0 = slots only)."));
  f.push_back(BoolEntry<P>(s + "upload_deadline_admission",
                           CDNMESH_REF(scheduler.upload_deadline_admission),
                           "Admit a request while the uplink's backlog drains before the "
                           "requester's deadline; the real-time factor then only gates "
                           "advertising."));
  f.push_back(IntEntry<P>(s + "upload_rate_limit_bps", CDNMESH_REF(scheduler.upload_rate_limit_bps),
                          "bps", ValueRange::AtLeast(0), "Upload rate budget (0 = unlimited)."));
  f.push_back(SecondsEntry<P>(s + "upload_burst_s", CDNMESH_REF(scheduler.upload_burst_us),
                              ValueRange::Above(0),
                              "Token bucket depth, as seconds of upload_rate_limit_bps."));
  f.push_back(IntEntry<P>(s + "upload_cap_bytes", CDNMESH_REF(scheduler.upload_cap_bytes), "bytes",
                          ValueRange::AtLeast(0),
                          "Bytes a viewer may upload per session (0 = no cap)."));
  f.push_back(IntEntry<P>(s + "relay_after_bytes", CDNMESH_REF(scheduler.relay_after_bytes),
                          "bytes", ValueRange::AtLeast(0),
                          "Pipelined relaying: announce and serve a segment once this many of its "
                          "bytes arrived, relaying the rest as it comes (0 = whole segments)."));
  f.push_back(IntEntry<P>(s + "cache_capacity_bytes", CDNMESH_REF(scheduler.cache_capacity_bytes),
                          "bytes", ValueRange::Above(0),
                          "Memory cap of the segment cache that serves uploads."));
  f.push_back(IntEntry<P>(s + "max_have_fanout", CDNMESH_REF(scheduler.max_have_fanout), "peers",
                          ValueRange::AtLeast(0),
                          "Peers told about each new segment (0 = all connected)."));
  f.push_back(SecondsEntry<P>(s + "announce_interval_s",
                              CDNMESH_REF(scheduler.announce_interval_us), ValueRange::AtLeast(1),
                              "Interval of tracker announces."));
}

void AppendPlayer(std::vector<Field<P>>& f) {
  const std::string p = "player.";
  f.push_back(SecondsEntry<P>(p + "startup_buffer_s", CDNMESH_REF(player.startup_buffer_us),
                              ValueRange::Above(0),
                              "Buffered media needed before the first frame."));
  f.push_back(SecondsEntry<P>(p + "resume_buffer_s", CDNMESH_REF(player.resume_buffer_us),
                              ValueRange::Above(0),
                              "Buffered media needed to resume after a stall."));
  f.push_back(IntEntry<P>(p + "live_start_behind_edge_segments",
                          CDNMESH_REF(player.live_start_behind_edge_segments), "segments",
                          ValueRange::AtLeast(0),
                          "Live: sessions start this many segments behind the newest one."));
  f.push_back(SecondsEntry<P>(p + "playlist_reload_s", CDNMESH_REF(playlist_reload_interval_us),
                              ValueRange::AtLeast(kMinTimeoutS),
                              "Live: the client reloads the playlist this often (hls.js: about "
                              "every target duration)."));
  f.push_back(EnumEntry<P>(p + "abr", CDNMESH_REF(abr), AbrKindNames(),
                           "ABR policy: throughput (hls.js-style EWMA) or buffer (BBA-0)."));
}

void AppendAbr(std::vector<Field<P>>& f) {
  const std::string t = "player.throughput_abr.";
  f.push_back(FloatEntry<P>(t + "fast_half_life_s", CDNMESH_REF(throughput_abr.fast_half_life_s),
                            "s", ValueRange::Above(0),
                            "Fast EWMA half-life, in seconds of download."));
  f.push_back(FloatEntry<P>(t + "slow_half_life_s", CDNMESH_REF(throughput_abr.slow_half_life_s),
                            "s", ValueRange::Above(0), "Slow EWMA half-life."));
  f.push_back(IntEntry<P>(t + "default_estimate_bps",
                          CDNMESH_REF(throughput_abr.default_estimate_bps), "bps",
                          ValueRange::Above(0), "Estimate before enough samples."));
  f.push_back(FloatEntry<P>(t + "min_sample_weight_s",
                            CDNMESH_REF(throughput_abr.min_sample_weight_s), "s",
                            ValueRange::AtLeast(0),
                            "Sampled download time before the "
                            "estimate is trusted."));
  f.push_back(FloatEntry<P>(t + "bandwidth_factor", CDNMESH_REF(throughput_abr.bandwidth_factor),
                            "", ValueRange::AboveUpTo(0, 1),
                            "Safety factor to stay on or go down."));
  f.push_back(FloatEntry<P>(t + "bandwidth_up_factor",
                            CDNMESH_REF(throughput_abr.bandwidth_up_factor), "",
                            ValueRange::AboveUpTo(0, 1), "Safety factor to switch up."));
  f.push_back(SecondsEntry<P>("player.buffer_abr.reservoir_s", CDNMESH_REF(buffer_abr.reservoir_us),
                              ValueRange::AtLeast(0),
                              "Buffer below which the lowest rendition is "
                              "chosen."));
  f.push_back(SecondsEntry<P>("player.buffer_abr.cushion_s", CDNMESH_REF(buffer_abr.cushion_us),
                              ValueRange::Above(0),
                              "From reservoir + cushion up, the highest "
                              "rendition is chosen."));
}

}  // namespace

const std::vector<Field<PeerConfig>>& PeerFields() {
  static const std::vector<Field<P>> fields = [] {
    std::vector<Field<P>> f;
    f.push_back(BoolEntry<P>("p2p.enabled", CDNMESH_REF(scheduler.p2p_enabled),
                             "false makes viewers CDN-only (no peer fetches, no uploads)."));
    f.push_back(IntEntry<P>("p2p.max_connections", CDNMESH_REF(max_connections), "peers",
                            ValueRange::AtLeast(0),
                            "Peer connections a client keeps open at most."));
    f.push_back(SecondsEntry<P>("p2p.connect_timeout_s", CDNMESH_REF(connect_timeout_us),
                                ValueRange::AtLeast(kMinTimeoutS),
                                "A connection set-up (offer to open channel) not done after this "
                                "long is given up."));
    AppendWindows(f);
    AppendLimits(f);
    AppendSeedingUpload(f);
    AppendPlayer(f);
    AppendAbr(f);
    return f;
  }();
  return fields;
}

}  // namespace cdnmesh
