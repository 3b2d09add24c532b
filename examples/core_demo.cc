// cdnmesh core demonstration: one viewer of a live stream, driven by a scripted fake clock and a
// scripted network, prints every scheduler decision and the session's QoS and delivery summary.
//
// Script: the viewer joins at t = 60 s with 6 peers. Peers announce each new segment 0.3 s after
// it appears (one of them never answers requests). At t = 90 s the viewer's CDN path drops from
// 12 to 1.5 Mbit/s for 20 s, so the ABR steps down and the buffer rule is exercised.
//
// Usage: cdnmesh_core_demo [--seconds N] [--quiet]
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <vector>

#include "core/player/abr.h"
#include "core/scheduler/scheduler.h"

using namespace cdnmesh;

namespace {

constexpr TimeUs kJoinUs = 60 * kUsPerSecond;
constexpr int kPeers = 6;
constexpr PeerId kSilentPeer = 5;
constexpr std::int64_t kPeerRateBps = 6'000'000;

struct Pending {
  TimeUs at_us;  // last byte
  TransferId id;
  TimeUs first_byte_us;  // after the request latency
  std::int64_t rate_bps;
  std::int64_t size_bytes;
};
constexpr DurationUs kProgressIntervalUs = 250 * kUsPerMs;

std::int64_t CdnRateBps(TimeUs now_us) {
  const bool congested = now_us >= 90 * kUsPerSecond && now_us < 110 * kUsPerSecond;
  return congested ? 1'500'000 : 12'000'000;
}

void PrintAction(TimeUs now_us, const Action& a) {
  std::printf("%9.3f s  %-13s", UsToSeconds(now_us), ActionTypeName(a.type));
  if (a.type == ActionType::kSendHave || a.type == ActionType::kAnnounce) {
    std::printf(" seg %lld r%u", static_cast<long long>(a.key.seq), a.key.rendition);
    if (a.type == ActionType::kSendHave) std::printf(" -> peer %u", a.peer);
  } else {
    std::printf(" #%llu seg %lld r%u", static_cast<unsigned long long>(a.transfer),
                static_cast<long long>(a.key.seq), a.key.rendition);
    if (a.peer != kInvalidPeer) std::printf(" peer %u", a.peer);
    if (a.size_bytes > 0) std::printf(" %lld B", static_cast<long long>(a.size_bytes));
    if (a.reason != Reason::kNone) std::printf(" (%s)", ReasonName(a.reason));
  }
  std::printf("\n");
}

// Carries out the scheduler's actions: downloads complete after latency + size / rate.
void CarryOut(TimeUs now_us, const std::vector<Action>& actions, std::vector<Pending>* pending,
              bool quiet) {
  for (const Action& a : actions) {
    if (!quiet && a.type != ActionType::kSendHave) PrintAction(now_us, a);
    const bool cdn = a.type == ActionType::kFetchFromCdn;
    if (cdn || (a.type == ActionType::kFetchFromPeer && a.peer != kSilentPeer)) {
      const TimeUs first_byte_us = now_us + (cdn ? 40 : 60) * kUsPerMs;
      const std::int64_t rate_bps = cdn ? CdnRateBps(now_us) : kPeerRateBps;
      pending->push_back({first_byte_us + a.size_bytes * 8 * kUsPerSecond / rate_bps, a.transfer,
                          first_byte_us, rate_bps, a.size_bytes});
    } else if (a.type == ActionType::kCancel) {
      pending->erase(std::remove_if(pending->begin(), pending->end(),
                                    [&](const Pending& p) { return p.id == a.transfer; }),
                     pending->end());
    }
  }
}

// Reports the bytes each download has received so far, as a real host does on each chunk.
void ReportProgress(Scheduler& s, TimeUs now_us, const std::vector<Pending>& pending) {
  for (const Pending& p : pending) {
    if (now_us <= p.first_byte_us) continue;
    const std::int64_t bytes = (now_us - p.first_byte_us) * p.rate_bps / 8 / kUsPerSecond;
    s.OnTransferProgress(now_us, p.id, std::min(bytes, p.size_bytes - 1));
  }
}

void PrintSummary(const Scheduler& s, const Stream& stream, TimeUs end_us) {
  const QosRecord& q = s.player().qos();
  const SchedulerStats& st = s.stats();
  const double delivered = static_cast<double>(st.cdn_bytes + st.p2p_bytes);
  double bitrate_sum = 0;
  for (std::size_t r = 0; r < q.played_us_per_rendition.size(); ++r) {
    bitrate_sum += static_cast<double>(q.played_us_per_rendition[r]) *
                   static_cast<double>(stream.bitrate_bps(static_cast<RenditionIndex>(r)));
  }
  std::printf("\n== session summary (%.0f s watched) ==\n", UsToSeconds(end_us - kJoinUs));
  std::printf("startup delay        %.3f s\n", UsToSeconds(q.startup_delay_us()));
  std::printf("stalls               %d (%.3f s)\n", q.stall_count, UsToSeconds(q.stall_time_us));
  std::printf("rebuffer ratio       %.4f\n",
              UsToSeconds(q.stall_time_us) / std::max(1e-9, UsToSeconds(q.played_us)));
  std::printf("mean bitrate         %.0f kbit/s\n",
              bitrate_sum / std::max<double>(1, static_cast<double>(q.played_us)) / 1000);
  std::printf("bitrate switches     %d\n", q.bitrate_switches);
  std::printf("CDN bytes            %lld (%lld requests)\n", static_cast<long long>(st.cdn_bytes),
              static_cast<long long>(st.cdn_requests));
  std::printf("P2P bytes            %lld (%lld requests)\n", static_cast<long long>(st.p2p_bytes),
              static_cast<long long>(st.p2p_requests));
  std::printf("offload ratio        %.3f\n", delivered > 0 ? st.p2p_bytes / delivered : 0.0);
  std::printf("P2P timeouts         %lld\n", static_cast<long long>(st.p2p_timeouts));
  std::printf("buffer fallbacks     %lld\n", static_cast<long long>(st.buffer_fallbacks));
  std::printf("seeding fetches      %lld\n", static_cast<long long>(st.seeding_fetches));
  std::printf("wasted bytes         %lld\n", static_cast<long long>(st.wasted_bytes));
  std::printf("planning passes      %lld\n", static_cast<long long>(st.decisions));
}

}  // namespace

int main(int argc, char** argv) {
  double seconds = 180;
  bool quiet = false;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--quiet") == 0) {
      quiet = true;
    } else if (std::strcmp(argv[i], "--seconds") == 0 && i + 1 < argc) {
      seconds = std::atof(argv[++i]);
    } else {
      std::fprintf(stderr, "usage: %s [--seconds N] [--quiet]\n", argv[0]);
      return 2;
    }
  }
  if (!(seconds > 0 && seconds <= 24 * 3600)) {
    std::fprintf(stderr, "--seconds: must be in (0, 86400]\n");
    return 2;
  }
  Stream stream{StreamConfig{}};
  ViewerProfile profile;
  profile.seed = 7;
  Scheduler s(stream, SchedulerConfig{}, PlayerConfig{},
              MakeThroughputAbr(stream, ThroughputAbrConfig{}), profile);
  std::printf(
      "cdnmesh core demo: live stream, ladder 800/2500/5000 kbit/s, 4 s segments, %d peers\n",
      kPeers);
  for (PeerId p = 0; p < kPeers; ++p) s.OnPeerConnected(kJoinUs, p);
  s.OnSwarmSize(kJoinUs, 40);
  s.OnStart(kJoinUs, Player::LiveStartSeq(stream, PlayerConfig{}, kJoinUs));

  std::vector<Action> actions;
  std::vector<Pending> pending;
  const TimeUs end_us = kJoinUs + SecondsToUs(seconds);
  TimeUs now = kJoinUs;
  TimeUs next_progress_us = kJoinUs + kProgressIntervalUs;
  SegmentSeq announced = stream.LastAvailable(kJoinUs);
  while (true) {
    s.DrainActions(&actions);
    CarryOut(now, actions, &pending, quiet);
    // Peers announce segment n 0.3 s after it appears, in the viewer's current rendition.
    const TimeUs next_have_us = stream.AvailableAtUs(announced + 1) + 300 * kUsPerMs;
    auto done =
        std::min_element(pending.begin(), pending.end(),
                         [](const Pending& a, const Pending& b) { return a.at_us < b.at_us; });
    const TimeUs next = std::min({s.NextWakeUpUs(), next_have_us, next_progress_us,
                                  done == pending.end() ? kNever : done->at_us});
    if (next >= end_us) break;
    now = next;
    if (done != pending.end() && done->at_us == now) {
      const TransferId id = done->id;
      pending.erase(done);
      s.OnTransferDone(now, id);
    } else if (now == next_progress_us) {
      ReportProgress(s, now, pending);
      next_progress_us += kProgressIntervalUs;
    } else if (now == next_have_us) {
      ++announced;
      for (PeerId i = 0; i < kPeers; ++i) {  // the first to announce rotates with the segment
        const PeerId p = static_cast<PeerId>((announced + i) % kPeers);
        s.OnPeerHave(now, p, {s.current_rendition(), announced});
      }
    } else {
      s.OnTick(now);
    }
  }
  s.OnStop(end_us);
  PrintSummary(s, stream, end_us);
  return 0;
}
