// Scheduler decisions per second for one viewer over a long live session: 8 fake peers announce
// each new segment at staggered delays; transfers complete after size / rate. Each input the
// scheduler handles runs one planning pass (a "decision"); the counter is passes per wall second,
// including this small driver loop.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <memory>
#include <vector>

#include "core/player/abr.h"
#include "core/scheduler/scheduler.h"

namespace cdnmesh {
namespace {

constexpr int kPeers = 8;
constexpr std::int64_t kCdnRateBps = 20'000'000;
constexpr std::int64_t kPeerRateBps = 6'000'000;

struct PendingDone {
  TimeUs at_us;
  TransferId id;
};

// Runs one session of `session_us` and returns the planning passes executed.
std::int64_t RunSession(TimeUs session_us, std::uint64_t seed) {
  StreamConfig stream_config;
  Stream stream(stream_config);
  ViewerProfile profile;
  profile.seed = seed;
  Scheduler s(stream, SchedulerConfig{}, PlayerConfig{},
              MakeThroughputAbr(stream, ThroughputAbrConfig{}), profile);
  std::vector<Action> actions;
  std::vector<PendingDone> pending;
  const TimeUs start_us = 60 * kUsPerSecond;
  for (PeerId p = 0; p < kPeers; ++p) s.OnPeerConnected(start_us, p);
  s.OnSwarmSize(start_us, 1000);
  s.OnStart(start_us, Player::LiveStartSeq(stream, PlayerConfig{}, start_us));
  SegmentSeq announced = stream.LastAvailable(start_us) - 6;
  TimeUs now = start_us;
  while (now < start_us + session_us) {
    s.DrainActions(&actions);
    for (const Action& a : actions) {
      if (a.type == ActionType::kFetchFromCdn || a.type == ActionType::kFetchFromPeer) {
        const std::int64_t rate = a.type == ActionType::kFetchFromCdn ? kCdnRateBps : kPeerRateBps;
        pending.push_back(
            {now + 30 * kUsPerMs + a.size_bytes * 8 * kUsPerSecond / rate, a.transfer});
      } else if (a.type == ActionType::kCancel) {
        pending.erase(std::remove_if(pending.begin(), pending.end(),
                                     [&](const PendingDone& d) { return d.id == a.transfer; }),
                      pending.end());
      }
    }
    // Next event: a completion, the next peer announcement, or the scheduler's wake-up.
    const SegmentSeq next_seq = announced + 1;
    const TimeUs next_have_us = stream.AvailableAtUs(next_seq) + 300 * kUsPerMs;
    auto first_done = std::min_element(
        pending.begin(), pending.end(),
        [](const PendingDone& x, const PendingDone& y) { return x.at_us < y.at_us; });
    TimeUs next = std::min(s.NextWakeUpUs(), next_have_us);
    if (first_done != pending.end() && first_done->at_us <= next) {
      now = first_done->at_us;
      const TransferId id = first_done->id;
      pending.erase(first_done);
      s.OnTransferDone(now, id);
    } else if (next == next_have_us) {
      now = next;
      for (PeerId p = 0; p < kPeers; ++p) s.OnPeerHave(now, p, {s.current_rendition(), next_seq});
      announced = next_seq;
    } else {
      now = next;
      s.OnTick(now);
    }
  }
  return s.stats().decisions;
}

void BM_SchedulerDecisions(benchmark::State& state) {
  std::int64_t decisions = 0;
  std::uint64_t seed = 1;
  for (auto _ : state) decisions += RunSession(2 * 3600 * kUsPerSecond, seed++);
  state.counters["decisions_per_s"] =
      benchmark::Counter(static_cast<double>(decisions), benchmark::Counter::kIsRate);
  state.counters["decisions_per_session"] =
      benchmark::Counter(static_cast<double>(decisions), benchmark::Counter::kAvgIterations);
}
BENCHMARK(BM_SchedulerDecisions)->Unit(benchmark::kMillisecond)->MinTime(2.0);

}  // namespace
}  // namespace cdnmesh

BENCHMARK_MAIN();
