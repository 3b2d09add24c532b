#include "models/peer/uplink-episodes.h"

#include <algorithm>
#include <cmath>

#include <ns3/nstime.h>
#include <ns3/simulator.h>

#include "core/common/random.h"

namespace cdnmesh {
namespace {

constexpr std::uint64_t kStallSalt = 0x57a11ed0ULL;
constexpr std::uint64_t kBackgroundSalt = 0xbac6a0d0ULL;
constexpr double kUsPerHour = 3.6e9;
/// Changes later than this (a billion seconds: beyond any run) are not scheduled.
constexpr double kMaxDelayUs = 1e15;

}  // namespace

BitsPerSecond EffectiveUplinkBps(std::int64_t up_bps, bool stalled, bool background,
                                 double share) {
  if (stalled) return kStalledUplinkBps;
  if (!background) return up_bps;
  const double left_bps = static_cast<double>(up_bps) * (1.0 - share);
  return std::max(kStalledUplinkBps, static_cast<BitsPerSecond>(std::llround(left_bps)));
}

UplinkEpisodes::UplinkEpisodes(const FailureConfig& config, Transport& transport,
                               const ViewerAttachment& viewer, std::uint64_t seed,
                               FailureStats* stats)
    : config_(config),
      transport_(transport),
      viewer_(viewer),
      seed_(seed),
      stats_(stats),
      stall_{&config.stall, kStallSalt, &FailureStats::uplink_stalls, 0, false, {}},
      background_{&config.background_upload, kBackgroundSalt, &FailureStats::background_uploads,
                  0, false, {}} {}

BitsPerSecond UplinkEpisodes::rate_bps() const {
  return EffectiveUplinkBps(viewer_.up_bps, stall_.on, background_.on,
                            config_.background_upload_share);
}

void UplinkEpisodes::Start() {
  if (viewer_.up_link == kInvalidLink) return;
  Arm(stall_);
  Arm(background_);
}

void UplinkEpisodes::Stop() {
  stall_.change.Cancel();
  background_.change.Cancel();
}

// An exponential time of mean `mean_us` from the viewer's own hash sequence, in us.
double UplinkEpisodes::DrawUs(Kind& kind, double mean_us) {
  const double u = BitsToUnitDouble(HashKeys(seed_, kind.salt, kind.draws++));
  return -mean_us * std::log1p(-u);
}

// Schedules the kind's next change: the end of this episode, or the start of the next.
void UplinkEpisodes::Arm(Kind& kind) {
  if (kind.config->per_hour <= 0) return;
  const double mean_us = kind.on ? static_cast<double>(kind.config->mean_duration_us)
                                 : kUsPerHour / kind.config->per_hour;
  const double drawn_us = DrawUs(kind, mean_us);
  if (drawn_us > kMaxDelayUs) return;
  const DurationUs delay_us = std::max<DurationUs>(1, std::llround(drawn_us));
  Kind* target = &kind;
  kind.change = ns3::Simulator::Schedule(ns3::MicroSeconds(delay_us),
                                         [this, target] { Toggle(*target); });
}

void UplinkEpisodes::Toggle(Kind& kind) {
  kind.on = !kind.on;
  if (kind.on && stats_ != nullptr) ++(stats_->*kind.counter);
  transport_.SetUplinkRate(viewer_, rate_bps());
  Arm(kind);
}

}  // namespace cdnmesh
