#include "sim/world/sampler.h"

#include <algorithm>

#include "models/peer/peer-app.h"
#include "sim/world/record-aggregate.h"

namespace cdnmesh {
namespace {

// The largest segment of `stream`, bits (top rendition, full size jitter).
double MaxSegmentBits(const Stream& stream) {
  const StreamConfig& c = stream.config();
  const double top_bps = c.ladder.empty() ? 0.0 : static_cast<double>(c.ladder.back().bitrate_bps);
  return top_bps * UsToSeconds(c.segment_duration_us) * (1 + c.size_jitter_ratio);
}

// Upload capacity a viewer can offer others, bps (0 when it does not upload at all), as an
// average over its time in the run so far. Under a rate limit, admission lets a viewer send
// more than the rate: the token bucket starts full (rate x upload_burst) and an upload is
// admitted while any token is left, so one segment can overdraw it. Spread over the time the
// viewer has watched, that is what it can have averaged (without these terms short runs showed
// offload above the bound: efficiency 334 %).
double UsableUploadBps(const PeerApp& peer, const Stream& stream, TimeUs now_us) {
  const PeerConfig& config = *peer.config();
  if (!config.scheduler.p2p_enabled || peer.identity().device == DeviceClass::kMobileCellular ||
      config.scheduler.upload_slots == 0) {
    return 0;
  }
  double bps = static_cast<double>(peer.identity().net.up_bps);
  if (config.scheduler.upload_rate_limit_bps > 0) {
    const auto limit_bps = static_cast<double>(config.scheduler.upload_rate_limit_bps);
    const double burst_bits = limit_bps * UsToSeconds(config.scheduler.upload_burst_us);
    const double watched_s = std::max(1.0, UsToSeconds(now_us - peer.identity().join_us));
    bps = std::min(bps, limit_bps + (burst_bits + MaxSegmentBits(stream)) / watched_s);
  }
  return bps;
}

}  // namespace

Sampler::Sampler(const Topology& topology, const Transport& transport,
                 const TrackerService& tracker, const MeshNetwork& directory,
                 const RecordCollector& records,
                 const std::vector<Stream>& streams, const MeasurementWindow& window,
                 TightBoundRecorder* tight)
    : topology_(topology),
      transport_(transport),
      tracker_(tracker),
      directory_(directory),
      records_(records),
      streams_(streams),
      previous_egress_bytes_(topology.pop_count(), 0.0),
      window_(window),
      tight_(tight) {}

// Live viewers' counters; the bound's inputs for this instant when `in_window`.
DeliveryTotals Sampler::LiveTotals(TimeUs now_us, bool in_window) {
  DeliveryTotals live = records_.finished();
  double upload_bps = 0;
  double bitrate_bps = 0;
  double cdn_only_viewers = 0;
  for (const PeerApp* peer : directory_.all()) {
    if (peer == nullptr || peer->client() == nullptr) continue;
    const Scheduler& scheduler = peer->client()->scheduler();
    live.Add(scheduler.stats(), scheduler.player().qos());
    if (!peer->p2p_enabled()) cdn_only_viewers += 1;  // a group of its own in the bound
    const Stream& stream = streams_[peer->identity().content];
    const double usable_bps = UsableUploadBps(*peer, stream, now_us);
    upload_bps += usable_bps;
    if (tight_ != nullptr) tight_->AddLiveUpload(peer->identity(), usable_bps, now_us);
    bitrate_bps += static_cast<double>(stream.bitrate_bps(scheduler.current_rendition()));
  }
  if (tight_ != nullptr) tight_->EndInstant(now_us);
  if (in_window) {
    bound_.upload_bps += upload_bps;
    bound_.bitrate_bps += bitrate_bps;
    bound_.swarms += cdn_only_viewers;
  }
  return live;
}

void Sampler::Sample(TimeUs start_us, TimeUs now_us, std::vector<TimeseriesRow>* rows) {
  const double seconds = UsToSeconds(now_us - start_us);
  TimeseriesRow row;
  row.start_s = UsToSeconds(start_us);
  row.end_s = UsToSeconds(now_us);
  row.viewers = static_cast<std::int64_t>(directory_.live());
  row.swarms = static_cast<std::int64_t>(tracker_.swarm_count());
  for (std::size_t pop = 0; pop < topology_.pop_count(); ++pop) {
    const double bytes =
        transport_.LinkBytes(topology_.PopEgressLink(static_cast<PopIndex>(pop)), now_us);
    row.cdn_egress_bps_per_pop.push_back(
        seconds > 0 ? (bytes - previous_egress_bytes_[pop]) * 8 / seconds : 0);
    previous_egress_bytes_[pop] = bytes;
  }
  // A sample belongs to the window when its interval ends inside it.
  const bool in_window = now_us > window_.start_us() && now_us <= window_.end_us();
  const DeliveryTotals totals = LiveTotals(now_us, in_window);
  const auto cdn = static_cast<double>(totals.cdn_bytes - previous_.cdn_bytes);
  const auto p2p = static_cast<double>(totals.p2p_bytes - previous_.p2p_bytes);
  row.cdn_bps = seconds > 0 ? cdn * 8 / seconds : 0;
  row.p2p_bps = seconds > 0 ? p2p * 8 / seconds : 0;
  row.offload = RatioOrNan(p2p, cdn + p2p);
  row.stalls = totals.stall_count - previous_.stall_count;
  row.stall_s = UsToSeconds(totals.stall_time_us - previous_.stall_time_us);
  previous_ = totals;

  if (in_window) {
    bound_.viewers += static_cast<double>(row.viewers);
    bound_.swarms += static_cast<double>(row.swarms);
    bound_.samples += 1;
    peak_viewers_ = std::max(peak_viewers_, row.viewers);
  }
  rows->push_back(std::move(row));
}

}  // namespace cdnmesh
