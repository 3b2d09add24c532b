#include "sim/world/flow-fit-probe.h"

#include <memory>
#include <vector>

#include <ns3/nstime.h>
#include <ns3/rng-seed-manager.h>
#include <ns3/simulator.h>

#include "models/topology/topology.h"
#include "sim/config/schema.h"
#include "sim/world/make-transport.h"

namespace cdnmesh {
namespace {

constexpr double kWarmUpS = 0.5;      // opens the connections the probe will use
constexpr double kBackgroundS = 1.0;  // the long transfers start
constexpr double kProbeS = 6.0;       // the probe starts (the background is at its share)
constexpr double kGiveUpS = 300.0;
// A background transfer lasts this long alone on the busy link: past any probe. (Not longer:
// the flow model adds its header overhead, 3-4 % of the transfer, before the first byte.)
constexpr double kBackgroundAloneS = 60.0;

// The viewers: the busy one (desktop), the probe's peer (tv), the background's far ends
// (mobile_wifi); every access link 50 Mbit/s down and 20 Mbit/s up but the busy one's.
void SetAccess(const ProbeCase& c, IspConfig* isp) {
  for (AccessProfileConfig& a : isp->access) {
    a.down_bps = DistributionConfig::Constant(50e6);
    a.up_bps = DistributionConfig::Constant(20e6);
  }
  AccessProfileConfig& busy = isp->access[static_cast<int>(DeviceClass::kDesktop)];
  if (c.kind == ProbeKind::kCdnOnBusyDownlink) {
    busy.down_bps = DistributionConfig::Constant(c.busy_link_bps);
  } else {
    busy.up_bps = DistributionConfig::Constant(c.busy_link_bps);
  }
}

class ProbeSink : public TransferSink {
 public:
  void OnTransferComplete(TransferHandle /*handle*/, std::uint64_t cookie) override {
    if (cookie != kProbeCookie) return;
    done_s = ns3::Simulator::Now().GetSeconds();
    ns3::Simulator::Stop();
  }
  static constexpr std::uint64_t kProbeCookie = 1;
  double done_s = -1;
};

// Builds the transfer specs as the viewer host and the mesh do (peer-app-transfers.cc,
// mesh-network.cc), from the topology's paths, caps and latencies.
class Transfers {
 public:
  Transfers(Topology& topology, Transport& transport, ProbeSink& sink)
      : topology_(topology), transport_(transport), sink_(sink) {}
  TransferSpec Cdn(const ViewerAttachment& to, std::int64_t bytes) {
    topology_.CdnPath(to, &path_);
    const DurationUs one_way_us = topology_.CdnLatencyUs(to);
    TransferSpec spec;
    spec.kind = TransferKind::kCdn;
    spec.receiver = &to;
    spec.path = &path_;
    spec.size_bytes = bytes;
    spec.cap_bps = topology_.CdnFlowCapBps(to);
    spec.request_latency_us = 2 * one_way_us;
    spec.path_latency_us = 2 * one_way_us;
    spec.rtt_us = 2 * one_way_us;
    return spec;
  }
  TransferSpec Peer(const ViewerAttachment& from, const ViewerAttachment& to, std::int64_t bytes) {
    topology_.PeerPath(from, to, &path_);
    const DurationUs one_way_us = topology_.PeerLatencyUs(from, to);
    TransferSpec spec;
    spec.kind = TransferKind::kPeer;
    spec.receiver = &to;
    spec.sender = &from;
    spec.path = &path_;
    spec.size_bytes = bytes;
    spec.cap_bps = topology_.PeerFlowCapBps(from, to);
    spec.request_latency_us = one_way_us;
    spec.path_latency_us = one_way_us;
    spec.rtt_us = 2 * one_way_us;
    return spec;
  }
  void Start(const TransferSpec& spec, std::uint64_t cookie) {
    transport_.Start(spec, &sink_, cookie);
  }

 private:
  Topology& topology_;
  Transport& transport_;
  ProbeSink& sink_;
  std::vector<LinkId> path_;
};

}  // namespace

ScenarioConfig ProbeScenario(const ProbeCase& c, const PacketConfig& packet,
                             NetworkFidelity fidelity) {
  ScenarioConfig config = DefaultScenario();
  IspConfig& isp = config.topology.isps[0];
  isp.access_latency_us = c.access_latency_us;
  isp.core_latency_us = 2'000;
  SetAccess(c, &isp);
  config.topology.pops[0].peering_latency_us = 5'000;
  config.topology.pops[0].egress_bps = 0;
  config.topology.propagation.stretch = 0;
  config.topology.transport.slow_start = true;
  config.topology.transport.queue_factor = 0;
  config.topology.transport.ack_queue_factor = 0;
  config.topology.transport.newcomer_factor = 0;
  config.network.packet = packet;
  config.network.fidelity = fidelity;
  return config;
}

ProbeResult RunProbe(const ScenarioConfig& config, const ProbeCase& c) {
  ns3::Simulator::Destroy();
  ns3::RngSeedManager::SetSeed(1);
  ns3::RngSeedManager::SetRun(1);
  ProbeResult result;
  {
    std::unique_ptr<Transport> transport = MakeTransport(config);
    Topology topology(config.topology, transport->network());
    topology.AssignStreams(0);
    std::vector<std::unique_ptr<ViewerAttachment>> viewers;
    const auto attach = [&](DeviceClass device) -> const ViewerAttachment& {
      viewers.push_back(std::make_unique<ViewerAttachment>(topology.AttachViewer(0, device)));
      transport->AttachViewer(*viewers.back());
      return *viewers.back();
    };
    const ViewerAttachment& busy = attach(DeviceClass::kDesktop);
    const ViewerAttachment& other = attach(DeviceClass::kTv);
    std::vector<const ViewerAttachment*> far;
    for (int i = 0; i < c.background; ++i) far.push_back(&attach(DeviceClass::kMobileWifi));
    ProbeSink sink;
    Transfers transfers(topology, *transport, sink);
    const bool peer_probe = c.kind == ProbeKind::kPeerOnBusyUplink;
    ns3::Simulator::Schedule(ns3::Seconds(kWarmUpS), [&] {
      transfers.Start(peer_probe ? transfers.Peer(busy, other, 1000) : transfers.Cdn(busy, 1000), 0);
    });
    const auto long_bytes = static_cast<std::int64_t>(c.busy_link_bps / 8 * kBackgroundAloneS);
    ns3::Simulator::Schedule(ns3::Seconds(kBackgroundS), [&] {
      for (const ViewerAttachment* v : far) {
        transfers.Start(c.kind == ProbeKind::kCdnOnBusyDownlink ? transfers.Cdn(busy, long_bytes)
                                                                : transfers.Peer(busy, *v, long_bytes),
                        0);
      }
    });
    ns3::Simulator::Schedule(ns3::Seconds(kProbeS), [&] {
      const TransferSpec spec = peer_probe ? transfers.Peer(busy, other, c.size_bytes)
                                           : transfers.Cdn(busy, c.size_bytes);
      if (auto* flow = dynamic_cast<FlowTransport*>(transport.get())) {
        result.terms = flow->CorrectionTerms(spec);
      }
      transfers.Start(spec, ProbeSink::kProbeCookie);
    });
    ns3::Simulator::Stop(ns3::Seconds(kGiveUpS));
    ns3::Simulator::Run();
    result.done = sink.done_s >= 0;
    result.seconds = sink.done_s - kProbeS;
  }
  ns3::Simulator::Destroy();
  return result;
}

}  // namespace cdnmesh
