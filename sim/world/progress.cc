#include "sim/world/progress.h"

#include <unistd.h>

#include <cstdio>

namespace cdnmesh {
namespace {

constexpr double kFirstLineAfterS = 2.0;  // short runs print nothing while running
constexpr double kRedrawEveryS = 1.0;  // on a terminal, in place
constexpr double kLineEveryS = 5.0;    // elsewhere (a log file, a pipe, a notebook), appended

}  // namespace

ProgressReporter::ProgressReporter(bool enabled, DurationUs duration_us,
                                   std::int64_t expected_viewers)
    : enabled_(enabled),
      tty_(isatty(STDERR_FILENO) != 0),
      duration_us_(duration_us),
      expected_viewers_(expected_viewers),
      start_(std::chrono::steady_clock::now()) {}

double ProgressReporter::ElapsedSeconds() const {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
}

void ProgressReporter::Update(TimeUs now_us, std::uint64_t events, std::size_t live_viewers) {
  if (!enabled_) return;
  const double wall_s = ElapsedSeconds();
  const double every_s = tty_ ? kRedrawEveryS : kLineEveryS;
  if (wall_s < kFirstLineAfterS || wall_s - last_print_s_ < every_s) return;
  last_print_s_ = wall_s;
  Print(now_us, events, live_viewers, false);
}

void ProgressReporter::Finish(TimeUs now_us, std::uint64_t events, std::size_t live_viewers) {
  if (!enabled_) return;
  Print(now_us, events, live_viewers, true);
}

void ProgressReporter::Print(TimeUs now_us, std::uint64_t events, std::size_t live_viewers,
                             bool final_line) {
  const double wall_s = ElapsedSeconds();
  const double sim_s = UsToSeconds(now_us);
  const double total_s = UsToSeconds(duration_us_);
  const double events_per_s = wall_s > 0 ? static_cast<double>(events) / wall_s : 0;
  const double eta_s = sim_s > 0 ? wall_s * (total_s - sim_s) / sim_s : 0;
  std::fprintf(stderr,
               "%ssim %7.1f/%.0f s | wall %7.1f s | %6.2f M events/s | %zu viewers (%lld "
               "expected) | ETA %5.0f s%s",
               tty_ ? "\r" : "", sim_s, total_s, wall_s, events_per_s / 1e6, live_viewers,
               static_cast<long long>(expected_viewers_), final_line ? 0.0 : eta_s,
               final_line || !tty_ ? "\n" : "");
  std::fflush(stderr);
}

}  // namespace cdnmesh
