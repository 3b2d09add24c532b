// Every threshold, window and limit of the per-viewer scheduler, with units and defaults.
#pragma once

#include <cstdint>

#include "core/common/result.h"
#include "core/common/time.h"

namespace cdnmesh {

/// Scheduler settings. Defaults suit 4 s live segments and a few tens of connected peers.
struct SchedulerConfig {
  /// Master switch: false makes the viewer CDN-only (no peer fetches, no uploads).
  bool p2p_enabled = true;

  // --- Windows around the playhead -----------------------------------------------------------
  /// A segment that starts less than this far ahead of the playhead is urgent: it goes to the CDN
  /// unless a peer transfer for it will surely finish before it is needed.
  DurationUs urgent_window_us = 6 * kUsPerSecond;
  /// Segments starting less than this far ahead of the playhead may be prefetched from peers.
  DurationUs p2p_window_us = 30 * kUsPerSecond;
  /// Minimum-buffer rule: when buffered media ahead falls below this, the next needed segment is
  /// fetched from the CDN at once.
  DurationUs min_buffer_us = 4 * kUsPerSecond;
  /// On the minimum-buffer rule, keep a running peer transfer for that segment and race the CDN
  /// (true), or cancel it (false).
  bool race_on_fallback = false;
  /// When a peer download is cancelled for the CDN (too slow for the urgent window, or the
  /// minimum-buffer rule), the CDN fetch that replaces it asks only for the bytes after those
  /// already received (an HTTP range) and the segment is the peer's prefix plus the CDN's rest
  /// (true), or the prefix is dropped and the CDN sends the whole segment (false).
  bool cdn_resumes_peer_prefix = true;
  /// A peer transfer "surely finishes first" when its estimated remaining time times this factor
  /// is less than the time until the segment is needed.
  double p2p_finish_safety_factor = 1.5;
  /// Downlink priority of urgent fetches: a CDN fetch of a segment needed within the urgent
  /// window (or by the minimum-buffer rule) shares the viewer's downlink with every other
  /// download, so when one starts, downloads of later segments that have received less than this
  /// share of their bytes (and hold no uploader's promise) are cancelled, and while one runs no
  /// prefetch or seeding fetch starts. 0 = urgent fetches share the downlink like any other.
  /// Default 0.5.
  double urgent_preempt_fraction = 0.5;
  /// Emergency switch-down, as hls.js does when a fragment would arrive too late: an urgent CDN
  /// fetch takes the highest rendition, up to the ABR's choice, whose expected size arrives this
  /// many times over before it is needed at the ABR's throughput estimate shared evenly with the
  /// downloads in flight (the lowest if none does). 0 = always the ABR's choice. Default 1.5.
  double urgent_downswitch_safety_factor = 1.5;

  // --- Concurrency, timeouts, retries --------------------------------------------------------
  int max_cdn_transfers = 2;  ///< concurrent CDN requests
  int max_p2p_transfers = 4;  ///< concurrent peer requests in total
  int max_p2p_per_peer = 1;   ///< concurrent requests to one peer
  /// A peer transfer with no bytes for this long fails (and is cancelled).
  DurationUs p2p_timeout_us = 3 * kUsPerSecond;
  /// A CDN transfer with no bytes for this long fails (and is retried).
  DurationUs cdn_timeout_us = 10 * kUsPerSecond;
  /// A peer that refused for lack of capacity is not asked again for this long; after a failure
  /// it is not asked for this long doubled per consecutive failure (at most 64x).
  DurationUs peer_busy_backoff_us = 1 * kUsPerSecond;
  /// Failed peer attempts per segment (busy refusals excluded) before it goes to the CDN.
  int max_p2p_attempts_per_segment = 2;
  /// Wait before re-requesting a segment from the CDN after a CDN failure.
  DurationUs cdn_retry_backoff_us = 500 * kUsPerMs;

  // --- Peer choice -----------------------------------------------------------------------------
  /// Throughput assumed for a peer before any transfer from it completed.
  std::int64_t default_peer_throughput_bps = 2'000'000;
  /// Weight of the newest sample in a peer's throughput EWMA, in (0, 1].
  double peer_throughput_ewma_weight = 0.3;

  // --- CDN seeding of live segments no peer has ------------------------------------------------
  /// Live only: fetch some new segments from the CDN early so the swarm has a source.
  bool cdn_seeding_enabled = true;
  /// Expected number of viewers per swarm that seed each new segment from the CDN.
  double seeders_per_segment = 1.5;
  /// At least this share of a swarm seeds each new segment (0 = seeders_per_segment alone). In
  /// large swarms a segment needs many hops to reach everyone from a few seeders; seeding a
  /// share of the swarm keeps that depth small. Default 0.
  double seeding_fraction = 0.0;
  /// Adaptive seeding: 0 = off; else the share of segments the mesh may fail to deliver in time.
  /// The viewer multiplies its seeding odds (from the two settings above) by a gain that doubles
  /// after each segment it had to fetch from the CDN while playing (urgent window or
  /// minimum-buffer rule) and shrinks after each it got from a peer, so that at equilibrium
  /// this share of its segments misses. Every viewer does so on its own, so the swarm's seeders
  /// follow how well segments disseminate: more in large or slow swarms, fewer in small ones.
  /// Default 2 %.
  double seeding_miss_target = 0.02;
  /// A seeder waits a random delay in [0, this) after a segment appears before seeding it.
  DurationUs seeding_jitter_us = 500 * kUsPerMs;

  // --- Upload side ---------------------------------------------------------------------------
  /// Concurrent uploads served to other peers.
  int upload_slots = 4;
  /// Upload rate budget (token bucket refill rate); 0 = unlimited.
  std::int64_t upload_rate_limit_bps = 0;
  /// Token bucket depth, as seconds of upload_rate_limit_bps.
  DurationUs upload_burst_us = 4 * kUsPerSecond;
  /// Capacity-aware admission: with a known upload capacity (ViewerProfile), an upload is
  /// admitted only while every upload in progress would still get this multiple of the
  /// segment's real-time rate (size / duration); 0 = slots only. Default 1.5.
  double upload_min_realtime_factor = 1.5;
  /// Deadline admission: a request that carries the requester's deadline is admitted while the
  /// uplink's backlog (every byte admitted so far plus this request, at the measured capacity)
  /// drains before that deadline, however slow the uplink; an uplink that can give one upload
  /// upload_min_realtime_factor x real time also keeps that rule beyond its first upload. A
  /// viewer advertises when it could send one segment within the longest deadline
  /// (p2p_window / p2p_finish_safety_factor). False = the real-time rule for every request.
  bool upload_deadline_admission = false;
  /// Total bytes this viewer may upload in its session; 0 = no cap.
  std::int64_t upload_cap_bytes = 0;
  /// Pipelined relaying: once this many bytes of a segment have arrived, the viewer announces
  /// it (Have) and serves requests for it while the rest arrives; the host sends each byte as
  /// it comes in (the simulator relays in steps of this size). A segment then crosses several
  /// hops of the mesh in little more than one transfer time. 0 = whole segments only. Default
  /// 256 KiB (smaller steps relay faster for more events: 64 KiB gives 3x the events).
  std::int64_t relay_after_bytes = 256 * 1024;
  /// Memory cap of the segment cache that serves uploads.
  std::int64_t cache_capacity_bytes = 64 * 1024 * 1024;

  // --- Telling others --------------------------------------------------------------------------
  /// Peers told about each new segment (those that have not announced it); 0 = all connected.
  int max_have_fanout = 0;
  /// Interval of tracker announces (position, rendition, stats).
  DurationUs announce_interval_us = 30 * kUsPerSecond;
};

/// Checks ranges and consistency; the error names the offending field and the allowed range.
Status ValidateSchedulerConfig(const SchedulerConfig& config);

}  // namespace cdnmesh
