// A small world built by hand for the mesh's failure tests: one ISP, one PoP, a 2 Mbit/s live
// stream, the real services, flow-level transport, and viewers that join when a test says so.
// Desktops have a 4 Mbit/s uplink (one upload takes a segment in about 2 s), cellular viewers
// none (they only download).
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <vector>

#include <ns3/node.h>
#include <ns3/nstime.h>
#include <ns3/rng-seed-manager.h>
#include <ns3/simulator.h>

#include "models/network/flow-transport.h"
#include "models/packager/packager.h"
#include "models/peer/mesh-network.h"
#include "models/peer/peer-app.h"
#include "models/services/service-host.h"
#include "models/signaling/signaling.h"
#include "models/topology/topology.h"

namespace cdnmesh::testing {

/// Keeps every finished session's record.
class Records : public PeerRecordSink {
 public:
  void OnPeerFinished(const PeerRecord& record) override { records.push_back(record); }
  std::vector<PeerRecord> records;
};

class MeshFixture : public ::testing::Test {
 protected:
  void SetUp() override {
    ns3::Simulator::Destroy();
    ns3::RngSeedManager::SetSeed(1);
    ns3::RngSeedManager::SetRun(3);
    IspConfig isp;
    isp.name = "isp";
    for (AccessProfileConfig& access : isp.access) {
      access.down_bps = DistributionConfig::Constant(50e6);
      access.up_bps = DistributionConfig::Constant(4e6);
    }
    isp.access[static_cast<std::size_t>(DeviceClass::kMobileCellular)].up_bps =
        DistributionConfig::Constant(0);
    topology_config_.isps = {isp};
    PopConfig pop;
    pop.name = "pop";
    topology_config_.pops = {pop};
    stream_config_.ladder = {{2'000'000, 720}};
    stream_config_.size_jitter_ratio = 0;
    stream_config_.live_start_us = -60 * kUsPerSecond;
  }
  void TearDown() override {
    ns3::Simulator::Destroy();
    peers_.clear();
  }

  /// Builds the world from the settings (call once, after changing them).
  void Build() {
    transport_ = std::make_unique<FlowTransport>();
    topology_ = std::make_unique<Topology>(topology_config_, transport_->network());
    signaling_ = std::make_unique<Signaling>(signaling_config_);
    std::int64_t stream = topology_->AssignStreams(0);
    signaling_->AssignStreams(stream);
    mesh_ = std::make_unique<MeshNetwork>(transport_.get(), topology_.get(), signaling_.get(), 1,
                                          false);
    packager_ = std::make_unique<Packager>(PackagerConfig{});
    stream_ = std::make_unique<Stream>(stream_config_);
    ServiceHostConfig services;
    services.signaling = signaling_config_;
    services.base_client = client_config_;
    services.isp_names = {"isp"};
    services.tracker.policy = "random";
    services_ = std::move(ServiceHost::Create(services, mesh_.get())).value();
    mesh_->SetServices(services_.get());
    context_ = PeerContext{mesh_.get(), services_.get(), packager_.get(), &records_, -1,
                           &failures_, &failure_stats_};
  }

  /// A viewer of `device` joins now (and leaves after `stay_s` if > 0).
  PeerApp* Join(DeviceClass device, double stay_s = 0) {
    PeerIdentity identity;
    identity.id = static_cast<PeerId>(peers_.size());
    identity.device = device;
    identity.nat = NatType::kOpen;
    identity.join_us = NowUs();
    identity.net = topology_->AttachViewer(0, device);
    transport_->AttachViewer(identity.net);
    ns3::Ptr<PeerApp> peer = ns3::CreateObject<PeerApp>();
    peer->Setup(context_, identity, *stream_, client_config_, 1000 + identity.id);
    peer->SetStartTime(ns3::Seconds(0));
    if (stay_s > 0) peer->SetStopTime(ns3::Seconds(stay_s));
    ns3::CreateObject<ns3::Node>()->AddApplication(peer);
    peers_.push_back(peer);
    return ns3::PeekPointer(peer);
  }

  /// Runs the simulation until `at_s` (absolute simulated seconds).
  static void RunUntil(double at_s) {
    ns3::Simulator::Stop(ns3::Seconds(at_s) - ns3::Simulator::Now());
    ns3::Simulator::Run();
  }
  /// Runs in steps of `step_s` until `done()` or `limit_s`; true if `done()` happened.
  template <typename Done>
  static bool RunUntilTrue(Done done, double limit_s, double step_s = 0.01) {
    while (NowS() < limit_s) {
      if (done()) return true;
      RunUntil(NowS() + step_s);
    }
    return done();
  }
  static double NowS() { return ns3::Simulator::Now().GetSeconds(); }
  static TimeUs NowUs() { return ns3::Simulator::Now().GetMicroSeconds(); }

  /// A stream `uploader` sends that has started delivering and is not finished, or
  /// kInvalidStream.
  StreamId StreamInFlight(const PeerApp* uploader) const {
    for (const StreamId id : mesh_->StreamsFrom(uploader->identity().id)) {
      if (mesh_->StreamBytes(id) > 10'000 && !mesh_->StreamFrozen(id)) return id;
    }
    return kInvalidStream;
  }

  TopologyConfig topology_config_;
  StreamConfig stream_config_;
  SignalingConfig signaling_config_;
  PeerConfig client_config_;
  FailureConfig failures_;
  FailureStats failure_stats_;
  std::unique_ptr<FlowTransport> transport_;
  std::unique_ptr<Topology> topology_;
  std::unique_ptr<Signaling> signaling_;
  std::unique_ptr<MeshNetwork> mesh_;
  std::unique_ptr<Packager> packager_;
  std::unique_ptr<Stream> stream_;
  std::unique_ptr<ServiceHost> services_;
  Records records_;
  PeerContext context_;
  std::vector<ns3::Ptr<PeerApp>> peers_;
};

}  // namespace cdnmesh::testing
