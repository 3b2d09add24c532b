// The world of one run: everything a scenario describes, built on ns-3's simulator.
#include "sim/world/world.h"

#include <algorithm>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

#include <ns3/node.h>
#include <ns3/nstime.h>
#include <ns3/random-variable-stream.h>
#include <ns3/rng-seed-manager.h>
#include <ns3/simulator.h>

#include "models/audience/audience-generator.h"
#include "models/peer/mesh-network.h"
#include "models/packager/packager.h"
#include "models/peer/peer-app.h"
#include "models/services/service-host.h"
#include "sim/world/event-queue.h"
#include "sim/world/make-transport.h"
#include "sim/world/measurement-window.h"
#include "sim/world/progress.h"
#include "sim/world/record-collector.h"
#include "sim/world/sampler.h"
#include "sim/world/summary.h"

namespace cdnmesh {
namespace {

TimeUs NowUs() { return ns3::Simulator::Now().GetMicroSeconds(); }

// One stream per catalog title; each title has its own segment sizes.
std::vector<Stream> MakeStreams(const ScenarioConfig& config) {
  std::vector<Stream> streams;
  for (int title = 0; title < config.audience.catalog.titles; ++title) {
    StreamConfig stream = DerivedStreamConfig(config);
    stream.content = static_cast<ContentId>(title);
    stream.size_seed = static_cast<std::uint64_t>(title) + 1;
    streams.emplace_back(std::move(stream));
  }
  return streams;
}

std::vector<std::string> IspNames(const TopologyConfig& topology) {
  std::vector<std::string> names;
  for (const IspConfig& isp : topology.isps) names.push_back(isp.name);
  return names;
}

// metrics.window_s = 0 means "until the end of the run".
MeasurementWindow WindowOf(const ScenarioConfig& config) {
  const MetricsConfig& m = config.metrics;
  return MeasurementWindow(m.warmup_us, m.window_us > 0 ? m.warmup_us + m.window_us
                                                        : config.run.duration_us);
}

std::vector<double> IspShares(const TopologyConfig& topology) {
  std::vector<double> shares;
  for (const IspConfig& isp : topology.isps) shares.push_back(isp.share);
  return shares;
}

class World {
 public:
  World(const ScenarioConfig& config, const RunOptions& options)
      : config_(config),
        streams_(MakeStreams(config)),
        transport_(MakeTransport(config)),
        topology_(config.topology, transport_->network()),
        signaling_(config.signaling),
        mesh_(transport_.get(), &topology_, &signaling_, config.topology.transport.request_round_trips,
              config.run.encode_messages),
        packager_(PackagerConfig{config.stream.packaging_delay_us, config.stream.cdn_propagation_us}),
        audience_(config.audience, IspShares(config.topology), config.stream.vod_duration_us,
                  config.run.duration_us),
        seed_draw_(ns3::CreateObject<ns3::UniformRandomVariable>()),
        window_(WindowOf(config)),
        tight_(streams_, config.run.timeseries_interval_us, window_.start_us(), window_.end_us()),
        records_(&tight_),
        interrupted_(options.interrupted),
        progress_(options.progress, config.run.duration_us,
                  static_cast<std::int64_t>(audience_.ExpectedArrivals())),
        record_transfer_times_(options.record_transfer_times),
        event_queue_(options.event_queue) {}

  Result<RunResult> Run();

 private:
  void AssignStreams();
  void ScheduleNextArrival();
  void Arrive();
  void SampleInterval();
  void ReportProgress();
  std::vector<PeerRecord> LiveRecords() const;
  void MarkWindowStart();
  void MarkWindowEnd();
  RunResult Collect();

  ScenarioConfig config_;
  std::vector<Stream> streams_;
  std::unique_ptr<Transport> transport_;
  Topology topology_;
  Signaling signaling_;
  MeshNetwork mesh_;
  Packager packager_;
  std::unique_ptr<ServiceHost> services_;
  AudienceGenerator audience_;
  ns3::Ptr<ns3::UniformRandomVariable> seed_draw_;
  MeasurementWindow window_;
  TightBoundRecorder tight_;
  RecordCollector records_;
  std::unique_ptr<Sampler> sampler_;
  WorldView view_;
  WorldCounters at_window_start_;
  std::optional<WorldCounters> at_window_end_;
  std::vector<ns3::Ptr<PeerApp>> peers_;
  std::vector<TimeseriesRow> timeseries_;
  std::function<bool()> interrupted_;
  bool stopped_early_ = false;
  ViewerSpec next_viewer_;
  PeerContext context_;
  FailureStats failure_stats_;
  TimeUs last_sample_us_ = 0;
  ProgressReporter progress_;
  bool record_transfer_times_;
  EventQueueKind event_queue_;
};

// Fixed stream numbers per model keep draws independent of one another and reproducible.
void World::AssignStreams() {
  std::int64_t stream = 0;
  stream += topology_.AssignStreams(stream);
  stream += audience_.AssignStreams(stream);
  stream += signaling_.AssignStreams(stream);
  seed_draw_->SetStream(stream);
}

Result<RunResult> World::Run() {
  UseEventQueue(event_queue_);
  ns3::RngSeedManager::SetSeed(1);
  ns3::RngSeedManager::SetRun(config_.run.seed);
  AssignStreams();
  transport_->RecordTransferTimes(record_transfer_times_);
  ServiceHostConfig services;
  services.tracker = config_.tracker;
  services.signaling = config_.signaling;
  services.distributor = config_.distributor;
  services.base_client = config_.peer;
  services.isp_names = IspNames(config_.topology);
  services.seed = seed_draw_->GetInteger(1, 1u << 31);
  auto host = ServiceHost::Create(services, &mesh_);
  if (!host.ok()) return host.error();
  services_ = std::move(host).value();
  mesh_.SetServices(services_.get());

  context_ = PeerContext{&mesh_, services_.get(), &packager_, &records_,
                         config_.audience.uplink_speed_test_error, &config_.failures,
                         &failure_stats_};
  sampler_ = std::make_unique<Sampler>(topology_, *transport_, services_->tracker(), mesh_,
                                       records_, streams_, window_, &tight_);
  view_ = WorldView{&topology_, transport_.get(), services_.get(), &signaling_, &mesh_,
                    &failure_stats_};
  if (window_.start_us() > 0) {
    ns3::Simulator::Schedule(ns3::MicroSeconds(window_.start_us()), &World::MarkWindowStart, this);
  } else {
    at_window_start_ = ReadWorldCounters(view_, 0);
  }
  if (window_.end_us() < config_.run.duration_us) {
    ns3::Simulator::Schedule(ns3::MicroSeconds(window_.end_us()), &World::MarkWindowEnd, this);
  }
  ScheduleNextArrival();
  ns3::Simulator::Schedule(ns3::MicroSeconds(config_.run.timeseries_interval_us),
                           &World::SampleInterval, this);
  ns3::Simulator::Schedule(ns3::Seconds(1), &World::ReportProgress, this);
  ns3::Simulator::Stop(ns3::MicroSeconds(config_.run.duration_us));
  ns3::Simulator::Run();
  if (stopped_early_) {
    const std::string at = std::to_string(NowUs() / kUsPerSecond);
    ns3::Simulator::Destroy();
    return Error{"interrupted at " + at + " s simulated"};
  }
  RunResult result = Collect();
  ns3::Simulator::Destroy();
  if (mesh_.stats().codec_mismatches > 0) {
    return Error{"run.encode_messages: " + std::to_string(mesh_.stats().codec_mismatches) +
                 " protocol messages did not decode to themselves"};
  }
  return result;
}

void World::ScheduleNextArrival() {
  if (!audience_.Next(&next_viewer_)) return;
  ns3::Simulator::Schedule(ns3::MicroSeconds(next_viewer_.join_us - NowUs()), &World::Arrive,
                           this);
}

void World::Arrive() {
  const ViewerSpec& spec = next_viewer_;
  PeerIdentity identity;
  identity.id = static_cast<PeerId>(spec.index);
  identity.device = spec.device;
  identity.nat = spec.nat;
  identity.content = spec.content;
  identity.join_us = spec.join_us;
  identity.vod_start_media_us = spec.vod_start_media_us;
  identity.net = topology_.AttachViewer(spec.isp, spec.device);
  transport_->AttachViewer(identity.net);

  ns3::Ptr<PeerApp> peer = ns3::CreateObject<PeerApp>();
  peer->Setup(context_, identity, streams_[spec.content], config_.peer,
              seed_draw_->GetInteger(1, 0xFFFFFFFFu));
  peer->SetStartTime(ns3::Seconds(0));
  if (spec.leave_us != kNever) {  // a stop time of 0 would mean "never" to ns-3
    peer->SetStopTime(ns3::MicroSeconds(std::max<DurationUs>(1, spec.leave_us - spec.join_us)));
  }
  ns3::Ptr<ns3::Node> node = ns3::CreateObject<ns3::Node>();
  node->AddApplication(peer);
  peers_.push_back(peer);
  ScheduleNextArrival();
}

void World::SampleInterval() {
  const TimeUs now_us = NowUs();
  sampler_->Sample(last_sample_us_, now_us, &timeseries_);
  last_sample_us_ = now_us;
  const TimeUs next_us = now_us + config_.run.timeseries_interval_us;
  if (next_us <= config_.run.duration_us) {
    ns3::Simulator::Schedule(ns3::MicroSeconds(config_.run.timeseries_interval_us),
                             &World::SampleInterval, this);
  }
}

void World::ReportProgress() {
  if (interrupted_ && interrupted_()) {
    stopped_early_ = true;
    ns3::Simulator::Stop();
    return;
  }
  progress_.Update(NowUs(), ns3::Simulator::GetEventCount(), mesh_.live());
  ns3::Simulator::Schedule(ns3::Seconds(1), &World::ReportProgress, this);
}

std::vector<PeerRecord> World::LiveRecords() const {
  std::vector<PeerRecord> live;
  for (const PeerApp* peer : mesh_.all()) {
    if (peer != nullptr && peer->client() != nullptr) live.push_back(peer->Record(NowUs()));
  }
  return live;
}

void World::MarkWindowStart() {
  window_.MarkStart(LiveRecords());
  at_window_start_ = ReadWorldCounters(view_, NowUs());
}

void World::MarkWindowEnd() {
  window_.MarkEnd(LiveRecords());
  at_window_end_ = ReadWorldCounters(view_, NowUs());
}

RunResult World::Collect() {
  const TimeUs end_us = NowUs();
  if (end_us > last_sample_us_) sampler_->Sample(last_sample_us_, end_us, &timeseries_);
  for (const ns3::Ptr<PeerApp>& peer : peers_) peer->Finish();  // sessions still running
  const std::uint64_t events = ns3::Simulator::GetEventCount();
  progress_.Finish(end_us, events, mesh_.live());

  RunResult result;
  result.peers = std::move(records_.records());
  if (!at_window_end_) at_window_end_ = ReadWorldCounters(view_, end_us);
  SummaryInputs inputs{&config_,          &result.peers,     &view_, sampler_.get(), &window_,
                       &at_window_start_, &*at_window_end_, &tight_};
  result.summary = ComputeSummary(inputs);
  result.bound_demand_bytes = tight_.demand_bytes();
  result.summary.events = events;
  result.timeseries = std::move(timeseries_);
  result.isp_names = IspNames(config_.topology);
  result.wall_seconds = progress_.ElapsedSeconds();
  result.transfer_times = transport_->transfer_times();
  return result;
}

}  // namespace

Result<RunResult> RunScenario(const ScenarioConfig& config, const RunOptions& options) {
  ns3::Simulator::Destroy();  // a clean simulator even if a previous run was interrupted
  World world(config, options);
  return world.Run();
}

}  // namespace cdnmesh
