// ValidateClient and ReportCoreStatus (declared in scenario-validate.h).
#include "core/player/abr.h"
#include "core/player/player.h"
#include "core/scheduler/scheduler_config.h"
#include "sim/config/scenario-validate.h"
#include "sim/config/value-format.h"

namespace cdnmesh {
namespace {

std::string Seconds(DurationUs us) { return FormatNumber(UsToSeconds(us)); }

void CheckWindows(const SchedulerConfig& s, const std::string& prefix, Diagnostics& diag) {
  if (s.urgent_window_us > s.p2p_window_us) {
    diag.Add(prefix + "scheduler.urgent_window_s",
             Seconds(s.urgent_window_us) + " is larger than " + prefix +
                 "scheduler.p2p_window_s (" + Seconds(s.p2p_window_us) +
                 "); the urgent window must fit in the prefetch window");
  }
  if (s.min_buffer_us > s.p2p_window_us) {
    diag.Add(prefix + "scheduler.min_buffer_s", Seconds(s.min_buffer_us) + " is larger than " +
                                                    prefix + "scheduler.p2p_window_s (" +
                                                    Seconds(s.p2p_window_us) +
                                                    "); the CDN fallback threshold must fit in the "
                                                    "prefetch window");
  }
}

void CheckLiveStart(const PlayerConfig& player, const StreamConfig& stream,
                    const std::string& prefix, Diagnostics& diag) {
  if (!stream.live || stream.playlist_window_segments > player.live_start_behind_edge_segments) {
    return;
  }
  diag.Add(prefix + "player.live_start_behind_edge_segments",
           std::to_string(player.live_start_behind_edge_segments) +
               " must be less than stream.playlist_window_segments (" +
               std::to_string(stream.playlist_window_segments) +
               "); a live session must start inside the playlist window");
}

}  // namespace

void ReportCoreStatus(const Status& status, const std::string& prefix, Diagnostics& diag) {
  if (status.ok()) return;
  const std::string& message = status.message();
  const std::size_t colon = message.find(": ");
  if (colon == std::string::npos) return diag.Add(prefix, message);
  std::string field = message.substr(0, colon);
  if (field.size() > 3 && field.compare(field.size() - 3, 3, "_us") == 0) {
    field = field.substr(0, field.size() - 3) + "_s";
  }
  diag.Add(prefix + field, message.substr(colon + 2));
}

void ValidateClient(const PeerConfig& peer, const StreamConfig& stream, const std::string& prefix,
                    Diagnostics& diag) {
  const std::size_t errors_before = diag.count();
  CheckWindows(peer.scheduler, prefix, diag);
  CheckLiveStart(peer.player, stream, prefix, diag);
  if (diag.count() > errors_before) return;  // the core would repeat them in microseconds
  ReportCoreStatus(ValidateSchedulerConfig(peer.scheduler), prefix + "scheduler.", diag);
  ReportCoreStatus(ValidatePlayerConfig(peer.player), prefix + "player.", diag);
  ReportCoreStatus(ValidateThroughputAbrConfig(peer.throughput_abr),
                   prefix + "player.throughput_abr.", diag);
  ReportCoreStatus(ValidateBufferAbrConfig(peer.buffer_abr), prefix + "player.buffer_abr.", diag);
}

}  // namespace cdnmesh
