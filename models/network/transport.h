// The seam between the models that move segments (viewer host, mesh network) and the network
// that carries them. Two fidelities implement it on the same topology: FlowTransport (max-min
// fluid flows, for scale) and PacketTransport (ns-3 nodes, point-to-point links and TCP, for
// validation). Every model, metric and output goes through this interface only, so a run can be
// repeated at either fidelity and compared number by number.
#pragma once

#include <cstdint>
#include <vector>

#include "core/common/time.h"
#include "models/network/flow-network.h"

namespace cdnmesh {

struct ViewerAttachment;

/// Dense index of a transfer; reused after it completes, fails or is cancelled.
using TransferHandle = std::uint32_t;
inline constexpr TransferHandle kInvalidTransfer = 0xFFFFFFFFu;

/// Receives the end of transfers. `cookie` is the value given to Transport::Start.
class TransferSink {
 public:
  virtual ~TransferSink() = default;
  /// The last byte of `transfer` arrived; the handle is already released.
  virtual void OnTransferComplete(TransferHandle transfer, std::uint64_t cookie) = 0;
  /// `transfer` broke after delivering `bytes` (a reset connection); the handle is already
  /// released. The flow network never fails a transfer.
  virtual void OnTransferFailed(TransferHandle transfer, std::uint64_t cookie, double bytes) {
    (void)transfer;
    (void)cookie;
    (void)bytes;
  }
};

/// What moves: a CDN response (PoP -> viewer) or a peer's segment stream (uploader -> downloader).
enum class TransferKind : std::uint8_t { kCdn = 0, kPeer = 1 };

/// One transfer as the models describe it. Non-owning; valid for the duration of Start().
struct TransferSpec {
  TransferKind kind = TransferKind::kCdn;
  /// The receiving viewer (CDN fetcher or peer downloader).
  const ViewerAttachment* receiver = nullptr;
  /// The sending viewer of a peer transfer (nullptr for the CDN: the receiver's PoP sends).
  const ViewerAttachment* sender = nullptr;
  /// Links the flow model crosses (Topology::CdnPath / PeerPath).
  const std::vector<LinkId>* path = nullptr;
  std::int64_t size_bytes = 0;
  /// Flow model's per-flow cap (window / RTT) in bps, kUnlimited for none.
  BitsPerSecond cap_bps = kUnlimited;
  /// Time before the first byte in the flow model, in us ...
  DurationUs request_latency_us = 0;
  /// ... of which this much is propagation along the path (a packet network gives it itself:
  /// one round trip for a CDN request, one way for a peer stream).
  DurationUs path_latency_us = 0;
  /// Round trip of the path in us (the flow model's slow-start correction).
  DurationUs rtt_us = 0;
};

/// The rate of a stalled uplink at flow level: practically nothing, but never 0 (which the flow
/// network reads as unlimited).
inline constexpr BitsPerSecond kStalledUplinkBps = 1;

/// A transfer's duration from Start() to its last byte (per-segment download time).
struct TransferTime {
  TransferKind kind;
  std::int64_t size_bytes;
  DurationUs duration_us;
  /// Packet level: a TCP retransmission timeout fired on its connection while it ran (the flow
  /// model has no losses: always false there).
  bool timed_out = false;
};

/// The network seen by the models: transfers with completion callbacks, progress, cancel, and
/// per-link byte counters (PoP egress, transit).
class Transport {
 public:
  virtual ~Transport() = default;

  /// The link registry the topology builds into (capacities and latencies; flows at flow level).
  virtual FlowNetwork& network() = 0;
  virtual const FlowNetwork& network() const = 0;
  /// A viewer joined the topology (its access links exist).
  virtual void AttachViewer(const ViewerAttachment& viewer) = 0;
  /// A viewer left: no transfer of its own runs any more; its links are about to be removed.
  virtual void DetachViewer(const ViewerAttachment& viewer) = 0;
  /// From now on the uplink of attached `viewer` carries `rate_bps` (>= kStalledUplinkBps):
  /// its uploads in flight and later ones share that (its own other traffic took the rest, or it
  /// stalled). Ignored for a viewer without uplink. Flow level: the up link's capacity; packet
  /// level: its access device's rate, never below min(network.packet.ack_only_uplink_bps, its
  /// access uplink) so that its ACKs keep flowing.
  virtual void SetUplinkRate(const ViewerAttachment& viewer, BitsPerSecond rate_bps) = 0;

  /// Starts a transfer; `sink` hears of its end (never from inside Start). `sink` must outlive
  /// the transfer or cancel it first.
  virtual TransferHandle Start(const TransferSpec& spec, TransferSink* sink,
                               std::uint64_t cookie) = 0;
  /// Stops a transfer; returns the bytes it delivered to the receiver.
  virtual double Cancel(TransferHandle transfer) = 0;
  /// Bytes a live transfer delivered to the receiver so far.
  virtual double BytesDelivered(TransferHandle transfer) const = 0;
  /// Payload bytes of transfers delivered across `link` up to `now_us`.
  virtual double LinkBytes(LinkId link, TimeUs now_us) const = 0;
  /// Live transfers.
  virtual std::size_t active_transfers() const = 0;

  /// Keeps a TransferTime per completed transfer from now on (for the cross-check).
  void RecordTransferTimes(bool on) { record_times_ = on; }
  /// Completed transfers' times, in completion order (empty unless recording).
  const std::vector<TransferTime>& transfer_times() const { return times_; }

 protected:
  /// Implementations call this when a transfer started at `start_us` completes.
  void NoteCompletion(TransferKind kind, std::int64_t size_bytes, TimeUs start_us, TimeUs end_us,
                      bool timed_out = false) {
    if (record_times_) {
      times_.push_back(TransferTime{kind, size_bytes, end_us - start_us, timed_out});
    }
  }

 private:
  bool record_times_ = false;
  std::vector<TransferTime> times_;
};

}  // namespace cdnmesh
