// The whole viewer client as one sans-I/O state machine, built on the scheduler: the distributor
// join, the tracker session, the connection manager, availability (bitfield and haves) and
// byte-range upload serving. Its inputs are protocol messages and what a host observes locally
// (channel and transfer events, timers); its outputs are ClientActions and NextWakeUpUs. It
// knows only what a real client can know: its configuration, what messages told it, what its
// own transfers measured. The same object runs in the simulator and in the browser.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/client/client_action.h"
#include "core/client/client_stats.h"
#include "core/client/connection_table.h"
#include "core/client/uplink_estimator.h"
#include "core/config/client_config.h"
#include "core/player/reported_playback.h"
#include "core/scheduler/scheduler.h"
#include "core/stream/stream.h"

namespace cdnmesh {

/// Where playback comes from: the simulated model, or a real player's reports (OnPlayback).
enum class PlaybackSource : std::uint8_t { kSimulated, kReported };

/// What the host knows of its viewer before any message: what it watches and its own network.
struct ClientIdentity {
  ContentId content = 0;
  protocol::PeerProfile profile;  ///< ISP, location, device, NAT (upload capacity: see below)
  /// The host's first guess of the uplink, bps: 0 = none, kUnknownUploadCapacity = no guess.
  std::int64_t upload_guess_bps = kUnknownUploadCapacity;
  std::uint64_t seed = 1;  ///< seeds the client's and the scheduler's random draws
  std::string client_version = "cdnmesh/1";
  std::vector<std::uint8_t> auth_token;  ///< the publisher's credential for the distributor
  PlaybackSource playback = PlaybackSource::kSimulated;
};

/// One viewer's client. The stream must outlive it. Not thread-safe (one host thread).
class Client {
 public:
  /// Runs on `built_in` until the distributor answers.
  Client(const Stream& stream, ClientIdentity identity, const ClientConfig& built_in = {});

  // --- Inputs -------------------------------------------------------------------------------
  /// The viewer starts watching at `now_us`; the client asks the distributor for its
  /// configuration and, live, loads the playlist (playback starts behind its newest segment
  /// once it is loaded). VOD playback starts at once from `vod_start_seq`.
  void Start(TimeUs now_us, SegmentSeq vod_start_seq = 0);
  /// The viewer leaves: cancels everything, leaves the swarm, closes every channel.
  void Stop(TimeUs now_us);
  /// A message from a service or, over an open data channel, from a peer.
  void OnMessage(TimeUs now_us, Endpoint from, const protocol::Message& message);
  /// The data channel with `peer` opened (after a kConnect, or on the answering side).
  void OnChannelOpen(TimeUs now_us, PeerId peer);
  /// The data channel with `peer` closed, or the peer timed out.
  void OnChannelClosed(TimeUs now_us, PeerId peer);
  /// ICE or DTLS with `peer` failed.
  void OnConnectFailed(TimeUs now_us, PeerId peer);
  /// Download `transfer` has `bytes_received` bytes of `total_bytes` (0: size not known yet:
  /// HTTP Content-Length, Data.segment_size_bytes). Hosts report before other inputs.
  void OnTransferProgress(TimeUs now_us, TransferId transfer, std::int64_t bytes_received,
                          std::int64_t total_bytes = 0);
  /// Download `transfer` received its last byte; the segment has `size_bytes` (0: as reported).
  void OnTransferDone(TimeUs now_us, TransferId transfer, std::int64_t size_bytes = 0);
  /// Download `transfer` failed (HTTP error, stream broken) after `bytes_received`.
  void OnTransferFailed(TimeUs now_us, TransferId transfer, std::int64_t bytes_received);
  /// Upload `upload` ended (all bytes sent, or stopped) after sending `bytes_sent`.
  void OnUploadDone(TimeUs now_us, UploadRequestId upload, std::int64_t bytes_sent);
  /// The real player's state (PlaybackSource::kReported only; ignored otherwise).
  void OnPlayback(TimeUs now_us, const PlaybackReport& report);
  /// The playlist the host loaded (after a kReloadPlaylist).
  void OnPlaylist(TimeUs now_us, const Playlist& playlist);
  /// A timer fired (the host honours NextWakeUpUs).
  void OnTick(TimeUs now_us);
  /// `peer` sent bad segment bytes (the host's digest check failed; report the transfer with
  /// OnTransferFailed first): its channel closes, its downloads fail, and it is never dialled
  /// or accepted again in this session. The simulator never calls it.
  void OnPeerMisbehaved(TimeUs now_us, PeerId peer);
  /// The real player asks for segment `key` now (key.rendition must be the current one): it is
  /// fetched at once unless held or in flight (Scheduler::OnPlayerWants).
  void OnPlayerWants(TimeUs now_us, SegmentKey key);

  // --- Outputs ------------------------------------------------------------------------------
  /// Moves the pending actions into `out` (cleared first), in the order they were decided.
  void DrainActions(std::vector<ClientAction>* out);
  /// The next time the client needs an OnTick, or kNever.
  TimeUs NextWakeUpUs() const;

  // --- Observation --------------------------------------------------------------------------
  /// The scheduler (player, QoS, delivery counters).
  const Scheduler& scheduler() const { return scheduler_; }
  /// The configuration in force.
  const ClientConfig& config() const { return config_; }
  /// The tracker-assigned id, kInvalidPeer before SwarmJoined.
  PeerId id() const { return id_; }
  /// Connections in every stage.
  const ConnectionTable& connections() const { return links_; }
  /// Mesh counters.
  const ClientStats& stats() const { return stats_; }
  /// The current uplink estimate, bps.
  std::int64_t uplink_estimate_bps() const { return uplink_.estimate_bps(); }
  /// The session token from the distributor (presented to signaling on kOpenSignaling).
  const std::vector<std::uint8_t>& session_token() const { return session_token_; }
  /// True once Stop ran.
  bool stopped() const { return stopped_; }
  /// True when `peer` was banned by OnPeerMisbehaved.
  bool IsBanned(PeerId peer) const;

 private:
  struct PeerDownload {
    TransferId transfer;
    PeerId peer;
    SegmentKey key;
  };
  struct ServedUpload {
    UploadRequestId id;
    PeerId peer;
    SegmentKey key;
    std::uint32_t offset_bytes;
    std::uint32_t length_bytes;
    TimeUs started_us;
    double sharing_start_us;     ///< the upload-count integral when it started
    double fair_share_start_us;  ///< the fair-share integral when it started
    bool partial;  ///< relayed while still arriving
    /// A relayed upload ran during this one (or this is one): the link's share was not fair,
    /// as a relay goes at its download's pace, so the upload does not measure the uplink.
    bool beside_relay;
  };
  struct PendingRequest {
    UploadRequestId id;
    std::uint32_t offset_bytes;
    std::uint32_t length_bytes;
  };

  // Services (client_services.cc).
  void OnConfig(TimeUs now_us, const protocol::ConfigResponse& m);
  void OnServiceError(TimeUs now_us, Endpoint from, const protocol::ServiceError& m);
  void OnSwarmJoined(TimeUs now_us, const protocol::SwarmJoined& m);
  void OnPeerList(TimeUs now_us, const protocol::PeerList& m);
  void JoinSwarm();
  void Announce(SegmentKey position);
  protocol::PeerProfile Profile() const;

  // Connections (client_connections.cc).
  void Dial(TimeUs now_us, PeerId peer, NatType nat);
  void OnOffer(TimeUs now_us, const protocol::SignalOffer& m);
  void OnAnswer(TimeUs now_us, const protocol::SignalAnswer& m);
  void Decline(PeerId peer, std::uint64_t session_id);
  void DropLink(TimeUs now_us, PeerId peer, bool was_open);
  void SendAvailability(PeerId peer);
  void ExpireLinks(TimeUs now_us);

  // Peer messages and uploads (client_peers.cc).
  void OnPeerMessage(TimeUs now_us, PeerId from, const protocol::Message& message);
  void OnRequest(TimeUs now_us, PeerId from, const protocol::Request& m);
  void OnCancel(PeerId from, const protocol::Cancel& m);
  void OnReject(TimeUs now_us, PeerId from, const protocol::Reject& m);
  void OnHaves(TimeUs now_us, PeerId from, RenditionIndex rendition, SegmentSeq first,
               const std::vector<std::uint8_t>* bits, std::uint32_t count);
  void AnswerUpload(const Action& action);
  void AbortUpload(const Action& action);
  void ForgetDownloadsFrom(PeerId peer);
  void StopUploadsTo(PeerId peer);
  void AdvanceSharing(TimeUs now_us);

  // Scheduler actions to client actions (client.cc).
  void Translate();
  void TranslateOne(const Action& action);
  void RequestFromPeer(const Action& action);
  void CancelFetch(const Action& action);
  void Emit(ClientAction action) { actions_.push_back(std::move(action)); }
  void ForgetPeerDownload(TransferId transfer, PeerId peer);
  void ErasePeerDownload(TransferId transfer);
  void Send(Endpoint to, protocol::Message message);

  const Stream& stream_;
  ClientIdentity identity_;
  ClientConfig config_;
  ReportedPlayback* reported_ = nullptr;  ///< owned by the scheduler; kReported only
  Scheduler scheduler_;
  Rng rng_;
  ConnectionTable links_;
  UplinkEstimator uplink_;
  std::vector<PeerDownload> peer_downloads_;
  std::vector<ServedUpload> uploads_;
  std::vector<PendingRequest> pending_requests_;
  std::vector<PeerId> banned_;             ///< peers that sent bad bytes (few: linear scans)
  std::vector<Action> scheduler_actions_;  ///< scratch
  std::vector<ClientAction> actions_;
  std::vector<std::uint8_t> session_token_;
  ClientStats stats_;
  PeerId id_ = kInvalidPeer;
  SegmentKey joined_at_;  ///< rendition and position the JoinSwarm carried
  UploadRequestId next_upload_ = 1;
  double sharing_integral_us_ = 0;     ///< integral of uploads in progress over time
  double fair_share_integral_us_ = 0;  ///< integral of 1 / uploads in progress
  TimeUs sharing_at_us_ = 0;
  TimeUs now_us_ = 0;  ///< time of the request being answered (AnswerUpload)
  TimeUs session_start_us_ = 0;
  TimeUs next_reload_us_ = kNever;  ///< next playlist reload (kNever: one is in flight or none)
  bool configured_ = false;
  bool joining_ = false;
  bool started_ = false;
  bool stopped_ = false;
};

}  // namespace cdnmesh
