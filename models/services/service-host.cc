#include "models/services/service-host.h"

#include <ns3/nstime.h>
#include <ns3/simulator.h>

#include "core/common/random.h"
#include "models/distributor/distributor.h"
#include "models/peer/mesh-network.h"

namespace cdnmesh {
namespace {

TimeUs NowUs() { return ns3::Simulator::Now().GetMicroSeconds(); }

// Session tokens outlive any run: a day.
constexpr DurationUs kTokenLifetimeUs = 24LL * 3600 * kUsPerSecond;

TrackerServiceConfig TrackerSettings(const TrackerConfig& config) {
  TrackerServiceConfig service;
  service.policy = config.policy;
  service.matching = config.matching;
  service.peers_per_request = config.peers_per_request;
  return service;
}

}  // namespace

Result<std::unique_ptr<ServiceHost>> ServiceHost::Create(const ServiceHostConfig& config,
                                                         MeshNetwork* mesh) {
  std::unique_ptr<ServiceHost> host(new ServiceHost(config, mesh));
  auto tracker = TrackerService::Create(TrackerSettings(config.tracker), host->tokens_,
                                        HashKeys(config.seed, 1));
  if (!tracker.ok()) return tracker.error();
  host->tracker_ = std::move(tracker).value();
  return host;
}

ServiceHost::ServiceHost(const ServiceHostConfig& config, MeshNetwork* mesh)
    : config_(config),
      mesh_(mesh),
      tokens_(HashKeys(config.seed, 2), kTokenLifetimeUs),
      signaling_(tokens_),
      distributor_(MakeDistributorServiceConfig(config.distributor, config.base_client,
                                                config.isp_names),
                   tokens_) {}

DurationUs ServiceHost::LatencyUs(EndpointKind kind) const {
  switch (kind) {
    case EndpointKind::kDistributor:
      return config_.distributor.latency_us;
    case EndpointKind::kTracker:
      return config_.tracker.latency_us;
    case EndpointKind::kSignaling:
      return config_.signaling.latency_us;
    case EndpointKind::kPeer:
      break;
  }
  return 0;
}

void ServiceHost::Post(PeerId from, EndpointKind to, protocol::Message message) {
  mesh_->Transcode(message);
  ns3::Simulator::Schedule(ns3::MicroSeconds(LatencyUs(to)),
                           [this, from, to, message = std::move(message)] {
                             Handle(from, to, message);
                           });
}

void ServiceHost::Handle(PeerId from, EndpointKind to, const protocol::Message& message) {
  answers_.clear();
  const TimeUs now_us = NowUs();
  switch (to) {
    case EndpointKind::kDistributor:
      distributor_.OnMessage(now_us, from, message, &answers_);
      break;
    case EndpointKind::kTracker:
      tracker_->OnMessage(now_us, from, message, &answers_);
      AllowListedPairs(answers_, &signaling_);  // listed peers may signal each other
      break;
    case EndpointKind::kSignaling:
      signaling_.OnMessage(now_us, from, message, &answers_);
      break;
    case EndpointKind::kPeer:
      return;
  }
  Answer(to, &answers_);
}

void ServiceHost::Answer(EndpointKind from, OutgoingList* answers) {
  for (Outgoing& answer : *answers) {
    mesh_->DeliverFromService(answer.to, from, std::move(answer.message), LatencyUs(from));
  }
}

void ServiceHost::OpenSignaling(PeerId peer, std::vector<std::uint8_t> token) {
  ns3::Simulator::Schedule(ns3::MicroSeconds(config_.signaling.latency_us),
                           [this, peer, token = std::move(token)] {
                             signaling_.OnConnect(NowUs(), peer, token);
                           });
}

void ServiceHost::CloseConnections(PeerId peer) {
  DisconnectAfter(peer, config_.tracker.latency_us, config_.signaling.latency_us);
}

void ServiceHost::LoseConnections(PeerId peer, DurationUs detection_us) {
  DisconnectAfter(peer, detection_us, detection_us);
}

void ServiceHost::DisconnectAfter(PeerId peer, DurationUs tracker_us, DurationUs signaling_us) {
  ns3::Simulator::Schedule(ns3::MicroSeconds(tracker_us),
                           [this, peer] { tracker_->OnDisconnect(peer); });
  ns3::Simulator::Schedule(ns3::MicroSeconds(signaling_us),
                           [this, peer] { signaling_.OnDisconnect(peer); });
}

}  // namespace cdnmesh
