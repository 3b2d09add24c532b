// Test support: a fake network hosting several core::Clients and the real services (tracker,
// distributor, signaling relay, session tokens), in the manner of h11's ConnectionPair. A fake
// clock and a queue of deliveries with scripted one-way latencies per pair of nodes carry out
// every ClientAction: messages reach services and peers after the latency, a peer message only
// over a channel open at both ends, data channels open a scripted set-up time after kConnect,
// CDN fetches and peer uploads complete after latency + size / rate. Protocol breaches by a
// client (a message without an open channel, an upload nobody asked for, a cap exceeded) are
// recorded as violations; every message is logged.
//
// This folder links the services too: tests/CMakeLists.txt must add tests/core/client/net/*.cc
// to cdnmesh_client_tests and link it with cdnmesh_core_services (the module glob alone does
// neither).
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <queue>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "core/client/client.h"
#include "core/services/distributor_service.h"
#include "core/services/signaling_relay.h"
#include "core/services/tracker_service.h"

namespace cdnmesh::testing {

/// Nodes of the fake network: clients by index (>= 0), and the services.
inline constexpr int kDistributorNode = -1;
inline constexpr int kTrackerNode = -2;
inline constexpr int kSignalingNode = -3;
inline constexpr int kUnknownNode = -100;  ///< a peer id no client has
inline constexpr int kAnyNode = -200;      ///< a wildcard for Sent()
/// The connection id services see for client 0 (client i is this + i); the tracker hands it
/// back as the peer id, so a lower index is a lower peer id.
inline constexpr PeerId kFirstConnectionId = 1001;

/// One message put on the fake network (logged when sent, whether or not it arrives).
struct LoggedMessage {
  TimeUs at_us = 0;
  int from = kUnknownNode;
  int to = kUnknownNode;
  protocol::MessageType type = protocol::MessageType::kKeepalive;
  protocol::Message message;
  friend bool operator==(const LoggedMessage& a, const LoggedMessage& b) {
    return a.at_us == b.at_us && a.from == b.from && a.to == b.to && a.type == b.type &&
           a.message == b.message;
  }
};

/// A download the harness delivered in full.
struct Completion {
  TimeUs at_us = 0;
  int client = 0;
  SegmentKey key;
  int source = -1;  ///< uploader's index, or -1 for the CDN
  /// A CDN fetch that continued a cancelled peer download: the bytes kept from it.
  std::int64_t prefix_bytes = 0;
};

/// Settings of the fake network and of the services it hosts.
struct ClientNetConfig {
  StreamConfig stream;                   ///< see DefaultNetConfig
  DistributorServiceConfig distributor;  ///< the configuration clients get
  TrackerServiceConfig tracker;
  std::uint64_t tracker_seed = 1;
  DurationUs latency_us = 20 * kUsPerMs;         ///< one-way, every pair not scripted
  DurationUs connect_setup_us = 100 * kUsPerMs;  ///< kConnect to OnChannelOpen
  DurationUs cdn_latency_us = 50 * kUsPerMs;     ///< request to first byte
  std::int64_t cdn_rate_bps = 20'000'000;
  std::int64_t upload_rate_bps = 8'000'000;  ///< per upload, unless scripted per client
  DurationUs progress_interval_us = 250 * kUsPerMs;
  DurationUs token_lifetime_us = 3600 * kUsPerSecond;
};

/// Live stream with constant 4 s segments (400 000 B at rendition 0) published since -120 s,
/// a buffer ABR that stays on the lowest rung, the random matching policy.
ClientNetConfig DefaultNetConfig();
/// A viewer of the default stream's content in `isp`, seeded with `seed`.
ClientIdentity ViewerIdentity(IspId isp, std::uint64_t seed);

/// The fake network. Not copyable; clients live as long as it does.
class ClientNet {
 public:
  explicit ClientNet(ClientNetConfig config);

  // --- Scripting ----------------------------------------------------------------------------
  /// Adds a client that starts at `start_us`; returns its index.
  int AddClient(ClientIdentity identity, TimeUs start_us, const ClientConfig& built_in = {});
  /// Client `i` stops (Stop) at `at_us`.
  void StopAt(int i, TimeUs at_us);
  /// Client `i`'s host disappears at `at_us` without a word: channels and service connections
  /// close under it; it gets no more input.
  void VanishAt(int i, TimeUs at_us);
  /// One-way latency between nodes `a` and `b` (either direction).
  void SetLatency(int a, int b, DurationUs latency_us);
  /// Rate of each upload served by client `i`.
  void SetUploadRate(int i, std::int64_t rate_bps) { upload_rate_bps_[i] = rate_bps; }
  /// ICE between `a` and `b` fails (both get OnConnectFailed).
  void SetConnectFails(int a, int b) { failing_pairs_.insert(PairKey(a, b)); }
  /// Client `i` accepts uploads but never sends a byte of them.
  void SetStalledUploads(int i, bool stalled) { stalled_[i] = stalled; }
  /// Every peer message client `i` sends is dropped.
  void SetMuted(int i, bool muted) { muted_[i] = muted; }
  /// Runs `fn` at `at_us` (then pumps every client it touched via Touch).
  void At(TimeUs at_us, std::function<void()> fn);
  /// Marks client `i` as touched by the running event (its actions are carried out after).
  void Touch(int i) { touched_.push_back(i); }
  /// Called after every event for each client it touched.
  void SetCheck(std::function<void(int)> check) { check_ = std::move(check); }
  /// Carries out `action` now as if client `i` had emitted it (tests of the harness itself).
  void Inject(int i, const ClientAction& action) { CarryOut(i, action); }

  // --- Running ------------------------------------------------------------------------------
  /// Runs every event up to `end_us`.
  void RunUntil(TimeUs end_us);
  /// Runs events until `done()` holds after one (true) or `limit_us` passes (false).
  bool RunUntil(TimeUs limit_us, const std::function<bool()>& done);

  // --- Observation --------------------------------------------------------------------------
  Client& client(int i) { return *clients_[static_cast<std::size_t>(i)]; }
  int size() const { return static_cast<int>(clients_.size()); }
  TimeUs now_us() const { return now_us_; }
  const Stream& stream() const { return stream_; }
  /// The client with tracker-assigned id `peer`, or kUnknownNode.
  int IndexOf(PeerId peer) const;
  const std::vector<LoggedMessage>& log() const { return log_; }
  const std::vector<std::string>& violations() const { return violations_; }
  const std::vector<Completion>& completions() const { return completions_; }
  /// Every action client `i` emitted, in order.
  const std::vector<ClientAction>& actions(int i) const { return actions_.at(i); }
  /// Uploads client `i` is serving now.
  int active_uploads(int i) const;
  /// Client `i`'s downloads in flight from uploader `j` (-1: the CDN).
  int downloads_from(int i, int j) const;
  /// True when the channel between `a` and `b` is open at both ends.
  bool ChannelOpen(int a, int b) const;
  /// True when `a`'s end of its channel with `b` is open.
  bool EndOpen(int a, int b) const;
  /// True once client `i`'s host vanished.
  bool gone(int i) const { return gone_.count(i) != 0 && gone_.at(i); }
  /// Peer messages dropped (channel closed at delivery, or a muted sender).
  std::int64_t dropped() const { return dropped_; }
  TrackerService& tracker() { return *tracker_; }
  DistributorService& distributor() { return *distributor_; }
  SignalingRelay& relay() { return relay_; }
  const SessionTokens& tokens() const { return tokens_; }

 private:
  struct Event {
    TimeUs at_us;
    std::uint64_t order;
    std::function<void()> fn;
    bool operator>(const Event& o) const {
      return at_us != o.at_us ? at_us > o.at_us : order > o.order;
    }
  };
  struct Pair {
    bool open[2] = {false, false};  // end of the lower index, of the higher
    bool handshaken[2] = {false, false};  // that end's first message went out
    bool connecting = false;
    std::uint64_t generation = 0;
  };
  struct Download {
    int source;  // uploader, or -1 for the CDN
    SegmentKey key;
    std::uint64_t token;
    bool bound;  // an upload feeds it
    std::int64_t reported_bytes = 0;  // progress told to the client so far
  };
  struct Upload {
    int downloader;
    TransferId transfer;  // 0: nobody waits for it
    std::int64_t length_bytes;
    std::int64_t segment_bytes;
    TimeUs first_byte_us;
    std::int64_t rate_bps;
    std::uint64_t token;
  };
  using PairId = std::pair<int, int>;

  static PairId PairKey(int a, int b) { return a < b ? PairId{a, b} : PairId{b, a}; }
  static int End(int a, int b) { return a < b ? 0 : 1; }
  DurationUs Latency(int a, int b) const;
  PeerId IdOf(int i) { return client(i).id(); }
  void RunOne();
  void Violation(const std::string& what);
  void Log(int from, int to, const protocol::Message& message);
  void ArmWakeUp(int i);
  void CheckLimits(int i);
  void Pump(int i);
  void CarryOut(int i, const ClientAction& a);
  void CheckResume(int i, const ClientAction& a, std::int64_t size_bytes);
  // Messages (client_net.cc).
  void SendToService(int i, EndpointKind kind, const protocol::Message& message);
  void ServiceReceive(int i, EndpointKind kind, const protocol::Message& message);
  void DeliverFromService(int j, EndpointKind kind, const protocol::Message& message);
  void SendToPeer(int i, PeerId peer, const protocol::Message& message);
  void DeliverToPeer(int i, int j, std::uint64_t generation, const protocol::Message& message);
  // Channels (client_net_links.cc).
  void OpenSignaling(int i, PeerId peer);
  void Connect(int i, PeerId peer);
  void FinishConnect(int i, int j, bool fails);
  void Disconnect(int i, int j);
  void Vanish(int i);
  // Transfers (client_net_transfers.cc).
  void FetchFromCdn(int i, const ClientAction& a);
  void FetchFromPeer(int i, const ClientAction& a);
  void CancelFetch(int i, const ClientAction& a);
  void ServeUpload(int i, const ClientAction& a);
  void UploadProgress(int i, UploadRequestId id, std::uint64_t token);
  void UploadDone(int i, UploadRequestId id, std::uint64_t token);
  void StopUpload(int i, UploadRequestId id);
  void ReloadPlaylist(int i);
  std::int64_t BytesSent(int i, const Upload& u);
  bool TakeRequest(int uploader, int downloader, SegmentKey key);

  ClientNetConfig config_;
  Stream stream_;
  SessionTokens tokens_;
  std::unique_ptr<DistributorService> distributor_;
  std::unique_ptr<TrackerService> tracker_;
  SignalingRelay relay_;
  std::vector<std::unique_ptr<Client>> clients_;
  std::map<int, std::vector<ClientAction>> actions_;
  std::map<PeerId, int> index_of_peer_;    // tracker-assigned ids
  std::map<PeerId, int> index_of_signal_;  // signaling connections
  std::map<int, PeerId> signal_id_;
  std::map<PairId, Pair> pairs_;
  std::map<PairId, DurationUs> latency_us_;
  std::set<PairId> failing_pairs_;
  std::map<int, std::int64_t> upload_rate_bps_;
  std::map<int, bool> stalled_, muted_, gone_;
  std::map<int, std::map<TransferId, Download>> downloads_;
  std::map<TransferId, Download> cancelled_in_batch_;  // of the client being pumped
  std::map<int, std::map<UploadRequestId, Upload>> uploads_;
  std::map<int, std::vector<std::pair<int, SegmentKey>>> requests_;  // delivered, unanswered
  std::vector<TimeUs> armed_wakeup_;
  std::vector<LoggedMessage> log_;
  std::vector<std::string> violations_;
  std::vector<Completion> completions_;
  std::priority_queue<Event, std::vector<Event>, std::greater<Event>> queue_;
  std::vector<int> touched_;
  std::function<void(int)> check_;
  std::uint64_t next_order_ = 0;
  std::uint64_t next_token_ = 1;
  std::int64_t dropped_ = 0;
  TimeUs now_us_ = 0;
};

/// The logged messages of type M sent from node `from` to node `to` (kAnyNode: any).
template <typename M>
std::vector<M> Sent(const std::vector<LoggedMessage>& log, int from = kAnyNode,
                    int to = kAnyNode) {
  std::vector<M> found;
  for (const LoggedMessage& m : log) {
    if ((from != kAnyNode && m.from != from) || (to != kAnyNode && m.to != to)) continue;
    if (const auto* typed = std::get_if<M>(&m.message)) found.push_back(*typed);
  }
  return found;
}

/// Violations joined one per line (for failure messages).
std::string Describe(const std::vector<std::string>& violations);

}  // namespace cdnmesh::testing
