// A viewer as an ns-3 application: it owns a core Scheduler (with its Player), turns network,
// timer and peer events into scheduler inputs, carries out the scheduler's actions on the flow
// network, serves uploads to other peers, and talks to the tracker and signaling services.
// Messages to other peers and services travel with the one-way latency of the path.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include <ns3/application.h>
#include <ns3/event-id.h>

#include "core/scheduler/scheduler.h"
#include "models/peer/peer-config.h"
#include "models/peer/peer-context.h"
#include "models/peer/peer-record.h"

namespace cdnmesh {

/// One viewer's client.
class PeerApp : public ns3::Application, public TransferSink {
 public:
  /// ns-3 type registration.
  static ns3::TypeId GetTypeId();
  PeerApp() = default;
  ~PeerApp() override;

  /// Sets who the viewer is and what it runs with; call before the application starts.
  /// `stream` and `config` must outlive the application; `seed` seeds the scheduler.
  void Setup(const PeerContext& context, const PeerIdentity& identity, const Stream& stream,
             const PeerConfig& config, std::uint64_t seed);
  /// Ends the session now (run end); StopApplication does the same at the stop time.
  void Finish();

  // --- Inputs from other peers and services (called by their events) ---------------------
  /// `from` asks for `key` for its download `transfer`.
  void ReceiveUploadRequest(PeerId from, TransferId transfer, SegmentKey key);
  /// The uploader refused download `transfer`.
  void ReceiveRefusal(TransferId transfer, Reason reason);
  /// The uploader started serving download `transfer` on flow `handle` as upload `upload`.
  void ReceiveUploadStarted(TransferId transfer, TransferHandle handle, UploadRequestId upload);
  /// The flow of upload `upload` is gone after delivering `bytes` (completed at the
  /// downloader, or cancelled by it).
  void ReleaseUpload(UploadRequestId upload, double bytes);
  /// The uploader of download `transfer` left after delivering `bytes`: the flow is gone.
  void LoseDownload(TransferId transfer, double bytes);
  /// Whether download `transfer` is still wanted (its request may be in flight).
  bool WantsDownload(TransferId transfer) { return FindDownload(transfer) != nullptr; }
  /// `from` holds `key`.
  void ReceiveHave(PeerId from, SegmentKey key);
  /// The tracker's answer: candidates and swarm size.
  void ReceivePeerList(const std::vector<PeerId>& candidates, int swarm_size);
  /// A connection to `other` opened.
  void OnConnected(PeerId other);
  /// A connection attempt to `other` ended without a connection.
  void OnConnectFailed(PeerId other);
  /// The connection to `other` closed (it left).
  void OnDisconnected(PeerId other);

  // --- Observation ---------------------------------------------------------------------------
  /// Who the viewer is.
  const PeerIdentity& identity() const { return identity_; }
  /// The scheduler (nullptr before start / after the end).
  const Scheduler* scheduler() const { return scheduler_.get(); }
  /// Whether the viewer can take another connection.
  bool HasConnectionRoom() const;
  /// Whether the viewer accepts one more incoming connection.
  bool CanAccept() const { return connection_count() < config_->max_connections; }
  /// `sender` opened a data channel and listed the segments it advertises.
  void ReceiveBitmap(const PeerApp& sender);
  /// Whether a data channel to `other` is open.
  bool IsConnected(PeerId other) const;
  /// Open connections.
  int connection_count() const { return static_cast<int>(connected_.size()); }
  /// The client configuration (nullptr before Setup).
  const PeerConfig* config() const { return config_; }
  /// Whether this viewer takes part in P2P (its config enables it).
  bool p2p_enabled() const { return config_ != nullptr && config_->scheduler.p2p_enabled; }

  /// TransferSink: a download's last byte arrived.
  void OnTransferComplete(TransferHandle handle, std::uint64_t transfer) override;

 private:
  /// A download in flight (CDN or peer).
  struct Download {
    TransferId transfer = 0;
    TransferHandle handle = kInvalidTransfer;  ///< kInvalidTransfer until bytes may flow
    PeerId peer = kInvalidPeer;                ///< kInvalidPeer for the CDN
    UploadRequestId upload = 0;                ///< the uploader's id for it
    std::int64_t size_bytes = 0;
  };
  /// An upload being served.
  struct Upload {
    UploadRequestId upload = 0;
    PeerId downloader = kInvalidPeer;
    TransferId transfer = 0;
    TransferHandle handle = kInvalidTransfer;
    SegmentKey key;
  };

  void StartApplication() override;
  void StopApplication() override;
  void DoDispose() override;

  // Scheduler plumbing (peer-app.cc).
  void Process();
  void Execute(const Action& action);
  void OnWakeUp();
  void ReportProgress();
  void ArmWakeUp();
  void EndSession();

  // Transfers (peer-app-transfers.cc).
  void FetchFromCdn(const Action& action);
  void FetchFromPeer(const Action& action);
  void CancelDownload(TransferId transfer);
  void AcceptUpload(const Action& action);
  void RejectUpload(const Action& action);
  void DropAllTransfers();
  Download* FindDownload(TransferId transfer);
  void EraseDownload(TransferId transfer);
  Upload* FindUpload(UploadRequestId upload);
  void EraseUpload(UploadRequestId upload);

  // Mesh: tracker, connections, haves (peer-app-mesh.cc).
  void JoinTracker();
  void Announce(SegmentKey position);
  void SendHave(const Action& action);
  void Connect(PeerId other);
  void CompleteConnect(PeerId other, bool traversal_ok);
  void ForgetTransfersWith(PeerId other);
  void LeaveMesh();
  DurationUs LatencyToUs(const PeerApp& other) const;
  PeerDescriptor Descriptor() const;

  PeerContext context_;
  PeerIdentity identity_;
  const Stream* stream_ = nullptr;
  const PeerConfig* config_ = nullptr;
  std::uint64_t seed_ = 1;
  std::unique_ptr<Scheduler> scheduler_;
  std::vector<Action> actions_;
  std::vector<Download> downloads_;
  std::vector<Upload> uploads_;
  std::vector<PeerId> connected_;
  std::vector<PeerId> connecting_;
  std::vector<LinkId> path_;  ///< scratch
  ns3::EventId wakeup_;
  TimeUs wakeup_at_us_ = kNever;
  UploadRequestId next_upload_ = 1;
  SwarmKey tracker_key_;       ///< the swarm the tracker has this viewer in
  bool tracker_joined_ = false;
  bool ended_ = false;
  std::int64_t p2p_cross_isp_bytes_ = 0;
  double uploaded_bytes_ = 0;
  std::int64_t connections_opened_ = 0;
  std::int64_t connect_failures_ = 0;
  int max_connections_seen_ = 0;
  std::int64_t peer_lists_ = 0;
};

}  // namespace cdnmesh
