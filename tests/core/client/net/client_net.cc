// ClientNet: set-up, the event loop, and messages to services and peers. Channels are in
// client_net_links.cc, transfers in client_net_transfers.cc.
#include "tests/core/client/net/client_net.h"

#include <algorithm>
#include <sstream>

namespace cdnmesh::testing {
namespace {

int NodeOf(EndpointKind kind) {
  switch (kind) {
    case EndpointKind::kDistributor:
      return kDistributorNode;
    case EndpointKind::kTracker:
      return kTrackerNode;
    case EndpointKind::kSignaling:
      return kSignalingNode;
    case EndpointKind::kPeer:
      break;
  }
  return kUnknownNode;
}

}  // namespace

ClientNetConfig DefaultNetConfig() {
  ClientNetConfig config;
  config.stream.content = 7;
  config.stream.size_jitter_ratio = 0.0;
  config.stream.live = true;
  config.stream.live_start_us = -120 * kUsPerSecond;  // 30 segments exist at t = 0
  config.stream.playlist_window_segments = 10;
  ClientConfig& base = config.distributor.base;
  base.abr = AbrKind::kBuffer;
  base.buffer_abr.reservoir_us = 600 * kUsPerSecond;  // never left: always the lowest rung
  config.tracker.policy = "random";
  config.tracker.peers_per_request = 20;
  return config;
}

ClientIdentity ViewerIdentity(IspId isp, std::uint64_t seed) {
  ClientIdentity identity;
  identity.content = 7;
  identity.profile.isp = isp;
  identity.profile.location = protocol::ToGeoE7({48.85, 2.35});
  identity.profile.device = DeviceClass::kDesktop;
  identity.profile.nat = NatType::kOpen;
  identity.seed = seed;
  identity.auth_token = {0xA, 0xB, 0xC};
  return identity;
}

ClientNet::ClientNet(ClientNetConfig config)
    : config_(std::move(config)),
      stream_(config_.stream),
      tokens_(0x70CE45, config_.token_lifetime_us),
      distributor_(std::make_unique<DistributorService>(config_.distributor, tokens_)),
      relay_(tokens_) {
  auto tracker = TrackerService::Create(config_.tracker, tokens_, config_.tracker_seed);
  if (!tracker.ok()) {
    Violation("tracker settings: " + tracker.error().message);
    TrackerServiceConfig fallback;
    tracker = TrackerService::Create(fallback, tokens_, config_.tracker_seed);
  }
  tracker_ = std::move(tracker).value();
}

int ClientNet::AddClient(ClientIdentity identity, TimeUs start_us, const ClientConfig& built_in) {
  const int i = size();
  clients_.push_back(std::make_unique<Client>(stream_, std::move(identity), built_in));
  armed_wakeup_.push_back(kNever);
  actions_[i];
  At(start_us, [this, i] {
    client(i).Start(now_us_);
    Touch(i);
  });
  return i;
}

void ClientNet::StopAt(int i, TimeUs at_us) {
  At(at_us, [this, i] {
    if (gone_[i]) return;
    client(i).Stop(now_us_);
    Touch(i);
    // The host closes its signaling connection with the viewer (the tracker hears Leave).
    At(now_us_ + Latency(i, kSignalingNode), [this, i] {
      if (signal_id_.count(i) != 0) relay_.OnDisconnect(signal_id_[i]);
    });
  });
}

void ClientNet::VanishAt(int i, TimeUs at_us) {
  At(at_us, [this, i] { Vanish(i); });
}

void ClientNet::SetLatency(int a, int b, DurationUs latency_us) {
  latency_us_[PairKey(a, b)] = latency_us;
}

void ClientNet::At(TimeUs at_us, std::function<void()> fn) {
  queue_.push(Event{std::max(at_us, now_us_), next_order_++, std::move(fn)});
}

void ClientNet::RunOne() {
  Event e = queue_.top();
  queue_.pop();
  now_us_ = e.at_us;
  touched_.clear();
  e.fn();
  for (std::size_t k = 0; k < touched_.size(); ++k) Pump(touched_[k]);  // may grow touched_
  std::vector<int> touched = touched_;
  std::sort(touched.begin(), touched.end());
  touched.erase(std::unique(touched.begin(), touched.end()), touched.end());
  for (const int i : touched) {
    CheckLimits(i);
    if (check_) check_(i);
    ArmWakeUp(i);
  }
}

void ClientNet::RunUntil(TimeUs end_us) {
  while (!queue_.empty() && queue_.top().at_us <= end_us) RunOne();
  now_us_ = std::max(now_us_, end_us);
}

bool ClientNet::RunUntil(TimeUs limit_us, const std::function<bool()>& done) {
  while (!queue_.empty() && queue_.top().at_us <= limit_us) {
    RunOne();
    if (done()) return true;
  }
  return done();
}

void ClientNet::ArmWakeUp(int i) {
  const TimeUs wake_us = client(i).NextWakeUpUs();
  TimeUs& armed = armed_wakeup_[static_cast<std::size_t>(i)];
  if (wake_us == kNever || wake_us == armed) return;
  armed = wake_us;
  At(wake_us, [this, i, wake_us] {
    TimeUs& current = armed_wakeup_[static_cast<std::size_t>(i)];
    if (current != wake_us || gone_[i]) return;  // superseded by another wake-up
    current = kNever;
    client(i).OnTick(now_us_);
    Touch(i);
  });
}

void ClientNet::CheckLimits(int i) {
  if (gone_[i]) return;
  const Client& c = client(i);
  if (c.connections().size() > c.config().max_connections) {
    Violation("client " + std::to_string(i) + " holds " + std::to_string(c.connections().size()) +
              " links, max_connections " + std::to_string(c.config().max_connections));
  }
  if (active_uploads(i) > c.scheduler().config().upload_slots) {
    Violation("client " + std::to_string(i) + " serves " + std::to_string(active_uploads(i)) +
              " uploads, upload_slots " + std::to_string(c.scheduler().config().upload_slots));
  }
}

void ClientNet::Pump(int i) {
  std::vector<ClientAction> actions;
  client(i).DrainActions(&actions);
  if (gone_[i]) return;  // a vanished host carries nothing out
  for (const ClientAction& a : actions) {
    actions_[i].push_back(a);
    CarryOut(i, a);
  }
  cancelled_in_batch_.clear();
}

void ClientNet::CarryOut(int i, const ClientAction& a) {
  switch (a.type) {
    case ClientActionType::kSend:
      if (a.to.kind == EndpointKind::kPeer) return SendToPeer(i, a.to.peer, a.message);
      return SendToService(i, a.to.kind, a.message);
    case ClientActionType::kOpenSignaling:
      return OpenSignaling(i, a.peer);
    case ClientActionType::kConnect:
      return Connect(i, a.peer);
    case ClientActionType::kDisconnect:
      return Disconnect(i, IndexOf(a.peer));
    case ClientActionType::kFetchFromCdn:
      return FetchFromCdn(i, a);
    case ClientActionType::kFetchFromPeer:
      return FetchFromPeer(i, a);
    case ClientActionType::kCancelFetch:
      return CancelFetch(i, a);
    case ClientActionType::kServeUpload:
      return ServeUpload(i, a);
    case ClientActionType::kStopUpload:
      return StopUpload(i, a.upload);
    case ClientActionType::kReloadPlaylist:
      return ReloadPlaylist(i);
    case ClientActionType::kSegmentReady:
      return;  // playback is simulated inside the client: no bytes to hand over
  }
}

// --- Messages -------------------------------------------------------------------------------

void ClientNet::SendToService(int i, EndpointKind kind, const protocol::Message& message) {
  const int node = NodeOf(kind);
  Log(i, node, message);
  At(now_us_ + Latency(i, node), [this, i, kind, message] { ServiceReceive(i, kind, message); });
}

void ClientNet::ServiceReceive(int i, EndpointKind kind, const protocol::Message& message) {
  OutgoingList out;
  const PeerId connection = kFirstConnectionId + static_cast<PeerId>(i);
  if (kind == EndpointKind::kDistributor) {
    distributor_->OnMessage(now_us_, connection, message, &out);
  } else if (kind == EndpointKind::kTracker) {
    tracker_->OnMessage(now_us_, connection, message, &out);
    AllowListedPairs(out, &relay_);  // listed peers may signal each other
  } else {
    const auto it = signal_id_.find(i);
    relay_.OnMessage(now_us_, it == signal_id_.end() ? kInvalidPeer : it->second, message, &out);
  }
  for (Outgoing& o : out) {
    int j = kUnknownNode;
    if (kind == EndpointKind::kSignaling) {
      const auto it = index_of_signal_.find(o.to);
      if (it != index_of_signal_.end()) j = it->second;
    } else if (o.to >= kFirstConnectionId && o.to < kFirstConnectionId + size()) {
      j = static_cast<int>(o.to - kFirstConnectionId);
    }
    if (const auto* joined = std::get_if<protocol::SwarmJoined>(&o.message)) {
      if (kind == EndpointKind::kTracker && j >= 0) index_of_peer_[joined->peer] = j;
    }
    Log(NodeOf(kind), j, o.message);
    if (j < 0) {
      Violation("a service answered connection " + std::to_string(o.to) + ", which is nobody");
      continue;
    }
    At(now_us_ + Latency(NodeOf(kind), j),
       [this, j, kind, m = std::move(o.message)] { DeliverFromService(j, kind, m); });
  }
}

void ClientNet::DeliverFromService(int j, EndpointKind kind, const protocol::Message& message) {
  if (gone_[j]) return;
  client(j).OnMessage(now_us_, Endpoint::Service(kind), message);
  Touch(j);
}

void ClientNet::SendToPeer(int i, PeerId peer, const protocol::Message& message) {
  const int j = IndexOf(peer);
  Log(i, j, message);
  const std::string what = std::string(protocol::MessageTypeName(protocol::MessageTypeOf(message)));
  if (j < 0) return Violation("client " + std::to_string(i) + " sent " + what + " to peer " +
                              std::to_string(peer) + ", which no client is");
  if (!EndOpen(i, j)) {
    return Violation("t=" + std::to_string(now_us_) + " client " + std::to_string(i) + " sent " +
                     what + " to client " + std::to_string(j) + " without an open channel");
  }
  Pair& pair = pairs_[PairKey(i, j)];
  bool& handshaken = pair.handshaken[End(i, j)];
  if (!handshaken && !std::holds_alternative<protocol::Handshake>(message)) {
    Violation("client " + std::to_string(i) + " opened its channel to " + std::to_string(j) +
              " with " + what + ", not a Handshake");
  }
  handshaken = true;
  if (const auto* reject = std::get_if<protocol::Reject>(&message)) {
    if (!TakeRequest(i, j, reject->key)) {
      Violation("client " + std::to_string(i) + " rejects a request client " +
                std::to_string(j) + " did not make");
    }
  }
  if (muted_[i]) {
    ++dropped_;
    return;
  }
  const std::uint64_t generation = pair.generation;
  At(now_us_ + Latency(i, j),
     [this, i, j, generation, message] { DeliverToPeer(i, j, generation, message); });
}

void ClientNet::DeliverToPeer(int i, int j, std::uint64_t generation,
                              const protocol::Message& message) {
  if (gone_[j] || pairs_[PairKey(i, j)].generation != generation || !EndOpen(i, j) ||
      !EndOpen(j, i)) {
    ++dropped_;  // the channel closed while the message was on its way
    return;
  }
  if (const auto* request = std::get_if<protocol::Request>(&message)) {
    requests_[j].emplace_back(i, request->key);
  }
  client(j).OnMessage(now_us_, Endpoint::Peer(IdOf(i)), message);
  Touch(j);
}

// --- Observation and helpers ----------------------------------------------------------------

int ClientNet::IndexOf(PeerId peer) const {
  const auto it = index_of_peer_.find(peer);
  return it == index_of_peer_.end() ? kUnknownNode : it->second;
}

int ClientNet::active_uploads(int i) const {
  const auto it = uploads_.find(i);
  return it == uploads_.end() ? 0 : static_cast<int>(it->second.size());
}

int ClientNet::downloads_from(int i, int j) const {
  const auto it = downloads_.find(i);
  if (it == downloads_.end()) return 0;
  return static_cast<int>(std::count_if(it->second.begin(), it->second.end(),
                                        [j](const auto& d) { return d.second.source == j; }));
}

bool ClientNet::ChannelOpen(int a, int b) const { return EndOpen(a, b) && EndOpen(b, a); }

bool ClientNet::EndOpen(int a, int b) const {
  const auto it = pairs_.find(PairKey(a, b));
  return it != pairs_.end() && it->second.open[End(a, b)];
}

DurationUs ClientNet::Latency(int a, int b) const {
  const auto it = latency_us_.find(PairKey(a, b));
  return it == latency_us_.end() ? config_.latency_us : it->second;
}

void ClientNet::Violation(const std::string& what) { violations_.push_back(what); }

void ClientNet::Log(int from, int to, const protocol::Message& message) {
  log_.push_back(LoggedMessage{now_us_, from, to, protocol::MessageTypeOf(message), message});
}

std::string Describe(const std::vector<std::string>& violations) {
  std::ostringstream out;
  const std::size_t shown = std::min<std::size_t>(violations.size(), 20);
  for (std::size_t k = 0; k < shown; ++k) out << "  " << violations[k] << "\n";
  if (violations.size() > shown) out << "  ... " << violations.size() - shown << " more\n";
  return out.str();
}

}  // namespace cdnmesh::testing
