// A viewer as an ns-3 application: the host of one core Client. It turns simulator events
// (messages from the mesh and the services, channel events, flow progress and completion,
// timers) into client inputs and carries out the client's actions on the simulated network.
// It holds no policy: every decision is the client's.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include <ns3/application.h>
#include <ns3/event-id.h>

#include "core/client/client.h"
#include "models/peer/mesh-network.h"
#include "models/peer/peer-config.h"
#include "models/peer/peer-context.h"
#include "models/peer/peer-record.h"
#include "models/peer/uplink-episodes.h"

namespace cdnmesh {

/// One viewer's host.
class PeerApp : public ns3::Application, public TransferSink {
 public:
  /// ns-3 type registration.
  static ns3::TypeId GetTypeId();
  PeerApp() = default;
  ~PeerApp() override;

  /// Sets who the viewer is; call before the application starts. `stream` and `built_in` must
  /// outlive the application; `built_in` is the configuration the client ships with (the
  /// deployment's base; the distributor's answer replaces it); `seed` seeds the client.
  void Setup(const PeerContext& context, const PeerIdentity& identity, const Stream& stream,
             const PeerConfig& built_in, std::uint64_t seed);
  /// Ends the session now (run end); StopApplication does the same at the stop time, or
  /// Vanish for a viewer whose session ends silently (failures.vanish_fraction).
  void Finish();
  /// Ends the session now without a word: no Leave, no channel closes; its streams freeze and
  /// every peer and service learns of it only by its timeouts (failures.*).
  void Vanish();
  /// The session so far as a record (leave_us = now_us); only while the session runs.
  PeerRecord Record(TimeUs now_us) const;

  // --- Events from the mesh network and the services -----------------------------------------
  /// A message from peer `from` arrived over their channel.
  void ReceiveFromPeer(PeerId from, const protocol::Message& message);
  /// A message from a service arrived.
  void ReceiveFromService(EndpointKind from, const protocol::Message& message);
  /// The mesh started set-up number `setup` of a channel with `other` (this end dialled or
  /// answered); it replaces an older set-up with `other`.
  void SetupStarted(PeerId other, std::uint64_t setup);
  /// The channel with `other` is open (set-up `setup`).
  void ChannelOpened(PeerId other, std::uint64_t setup);
  /// Set-up `setup` of a channel with `other` failed; ignored if the client gave it up first.
  void ConnectFailed(PeerId other, std::uint64_t setup);
  /// `other` closed its channel with this viewer.
  void ChannelClosedBy(PeerId other);
  /// Whether this viewer has an open channel with `other`.
  bool HasChannel(PeerId other) const;
  /// `uploader` started stream `stream` carrying `key` (`size_bytes`) to this viewer.
  void IncomingStream(PeerId uploader, SegmentKey key, StreamId stream, std::int64_t size_bytes);
  /// Stream `stream` to this viewer ended after `bytes`: complete, or stopped by the sender.
  void StreamEnded(StreamId stream, double bytes, bool complete);
  /// This viewer's upload `upload` stopped flowing after `bytes`.
  void UploadStreamEnded(UploadRequestId upload, double bytes);
  /// One relayed step of a stream to this viewer arrived (the stream goes on).
  void StreamAdvanced();

  // --- Observation (metrics only) ------------------------------------------------------------
  /// Who the viewer is.
  const PeerIdentity& identity() const { return identity_; }
  /// The client (nullptr before start / after the end); for metrics, never for decisions.
  const Client* client() const { return client_.get(); }
  /// The configuration the client runs with (its built-in one before the distributor answers).
  const PeerConfig* config() const { return client_ ? &client_->config() : nullptr; }
  /// Uploads this host is serving (streams open, frozen ones included).
  std::size_t uploads_in_progress() const { return uploads_.size(); }
  /// Channel set-ups this host still waits on (the client has not given them up).
  std::size_t setups_in_progress() const { return setups_.size(); }
  /// Whether the client's configuration enables P2P.
  bool p2p_enabled() const { return client_ && client_->config().scheduler.p2p_enabled; }

  /// TransferSink: a CDN download's last byte arrived.
  void OnTransferComplete(TransferHandle handle, std::uint64_t transfer) override;
  /// TransferSink: a CDN download's connection broke after `bytes`.
  void OnTransferFailed(TransferHandle handle, std::uint64_t transfer, double bytes) override;

 private:
  /// A download in flight: a CDN flow, or the stream a peer sends.
  struct Download {
    TransferId transfer = 0;
    PeerId peer = kInvalidPeer;  ///< kInvalidPeer for the CDN
    SegmentKey key;
    TransferHandle handle = kInvalidTransfer;  ///< CDN flow
    StreamId stream = kInvalidStream;          ///< peer stream once it started
    std::int64_t size_bytes = 0;               ///< what the response carries (0: not known)
    double final_bytes = 0;                    ///< bytes of a stream that stopped
    TimeUs started_us = 0;                     ///< when the host started it (rate estimate)
    /// A CDN fetch that continues a cancelled peer download: the bytes kept from it, and
    /// their uploader.
    std::int64_t prefix_bytes = 0;
    PeerId prefix_from = kInvalidPeer;
  };
  /// An upload this viewer serves.
  struct Upload {
    UploadRequestId upload = 0;
    PeerId downloader = kInvalidPeer;
    StreamId stream = kInvalidStream;
    SegmentKey key;
    std::int64_t offset_bytes = 0;  ///< first byte of the segment it sends
    std::int64_t length_bytes = 0;  ///< bytes it sends in all
    std::int64_t queued_bytes = 0;  ///< handed to the stream so far (< length while relaying)
    bool partial = false;           ///< relays a segment still arriving
  };

  void StartApplication() override;
  void StopApplication() override;
  void DoDispose() override;

  // Client plumbing (peer-app.cc).
  void Process();
  void Execute(const ClientAction& action);
  void OnWakeUp();
  void ReportProgress();
  void ArmWakeUp();
  void EndSession();
  void Detach();
  void Input();  ///< before each client input: progress of every download

  // Transfers (peer-app-transfers.cc).
  void FetchFromCdn(const ClientAction& action);
  void ReloadPlaylist();
  void FetchFromPeer(const ClientAction& action);
  void CancelFetch(const ClientAction& action);
  void ServeUpload(const ClientAction& action);
  void StopUpload(UploadRequestId upload);
  void DropAllTransfers();
  Download* FindDownload(TransferId transfer);
  void EraseDownload(TransferId transfer);

  // Relaying segments still arriving (peer-app-relay.cc).
  double DownloadBytes(const Download& d) const;
  std::int64_t ReadyBytes(SegmentKey key) const;
  std::int64_t RelayStepBytes() const;
  std::int64_t RelayableBytes(const Upload& u) const;
  void RelayMore();
  void ArmRelayWatch();
  void OnRelayWatch();

  // Failures (peer-app-failures.cc).
  bool EndsSilently() const;
  void StartEpisodes();
  std::vector<StreamId> OpenStreams() const;
  void FreezeTransfers(DurationUs dead_after_us);

  // Channels (peer-app.cc).
  void CloseChannel(PeerId other);
  bool TakeSetup(PeerId other, std::uint64_t setup);

  PeerContext context_;
  PeerIdentity identity_;
  const Stream* stream_ = nullptr;
  const PeerConfig* built_in_ = nullptr;
  std::uint64_t seed_ = 1;
  std::unique_ptr<Client> client_;
  std::vector<ClientAction> actions_;
  std::vector<Download> downloads_;
  std::vector<Upload> uploads_;
  std::vector<PeerId> channels_;
  /// Channel set-ups in progress: the other end and the mesh's set-up number.
  std::vector<std::pair<PeerId, std::uint64_t>> setups_;
  /// Streams of cancelled downloads still arriving (until the Cancel reaches the uploader):
  /// their bytes after the cancel are received and thrown away.
  struct Orphan {
    StreamId stream;
    double bytes_at_cancel;
  };
  std::vector<Orphan> orphans_;
  double discarded_bytes_ = 0;
  /// Peer downloads cancelled in the batch being carried out, by transfer: their uploaders,
  /// for a CDN fetch of the same batch that continues one (ClientAction::resumes).
  std::vector<std::pair<TransferId, PeerId>> cancelled_in_batch_;
  /// What the host observed while carrying out actions (an upload ended, a send failed),
  /// reported to the client once the batch is done.
  struct Deferred {
    bool upload_ended;  ///< true: upload `id` ended after `bytes`; false: download `id` failed
    std::uint64_t id;
    double bytes;
  };
  std::vector<Deferred> deferred_;
  std::unique_ptr<UplinkEpisodes> episodes_;
  ns3::EventId wakeup_;
  ns3::EventId relay_watch_;  ///< next look at the downloads that relays or announces wait on
  TimeUs relay_watch_at_us_ = kNever;
  TimeUs wakeup_at_us_ = kNever;
  bool processing_ = false;
  bool ended_ = false;
  std::int64_t p2p_cross_isp_bytes_ = 0;
  double uploaded_bytes_ = 0;
};

}  // namespace cdnmesh
