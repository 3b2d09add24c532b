// Per-viewer episodes that take its uplink away from P2P: stalls (the uplink carries practically
// nothing) and background uploads of the viewer's own (they take a share of it). Each kind
// alternates off and on for exponential times drawn from the viewer's seed, so they shift no
// other draw of the run; each change sets the uplink's rate through the Transport (a stall wins
// over a background upload). Two events per episode; none when the rates are 0.
#pragma once

#include <cstdint>

#include <ns3/event-id.h>

#include "models/network/transport.h"
#include "models/peer/failure-config.h"
#include "models/topology/topology.h"

namespace cdnmesh {

/// The uplink rate in bps of a viewer with access uplink `up_bps`: kStalledUplinkBps while
/// stalled, else the part a background upload taking `share` leaves while one is on.
BitsPerSecond EffectiveUplinkBps(std::int64_t up_bps, bool stalled, bool background,
                                 double share);

/// The stall and background-upload episodes of one viewer.
class UplinkEpisodes {
 public:
  /// Everything must outlive the episodes (or Stop() first); `seed` is the viewer's own.
  UplinkEpisodes(const FailureConfig& config, Transport& transport,
                 const ViewerAttachment& viewer, std::uint64_t seed, FailureStats* stats);
  UplinkEpisodes(const UplinkEpisodes&) = delete;
  UplinkEpisodes& operator=(const UplinkEpisodes&) = delete;

  /// Schedules the first episodes (nothing for a viewer without uplink or with rates 0).
  void Start();
  /// Cancels what is scheduled (the viewer leaves); its uplink is left as it is.
  void Stop();
  /// Whether a stall is on.
  bool stalled() const { return stall_.on; }
  /// Whether a background upload is on.
  bool background() const { return background_.on; }
  /// The rate the uplink has now, bps.
  BitsPerSecond rate_bps() const;

 private:
  /// One kind of episode: its settings, its draws and its next change.
  struct Kind {
    const EpisodeConfig* config;
    std::uint64_t salt;                       ///< separates its draws from the other kind's
    std::uint64_t FailureStats::*counter;     ///< episodes begun
    std::uint64_t draws = 0;
    bool on = false;
    ns3::EventId change;
  };
  double DrawUs(Kind& kind, double mean_us);
  void Arm(Kind& kind);
  void Toggle(Kind& kind);

  const FailureConfig& config_;
  Transport& transport_;
  const ViewerAttachment& viewer_;
  std::uint64_t seed_;
  FailureStats* stats_;
  Kind stall_;
  Kind background_;
};

}  // namespace cdnmesh
