// Transfers over the flow-level network, driven by ns-3's simulator: a transfer waits its
// request latency, then runs as a flow with one pending completion check. Changes made at one
// simulated instant are solved together once (one Solve per instant), and each solve re-times
// the completion of every flow it re-rated. With cdnmesh's event queue that costs no event
// when the completion moves later: the pending check is kept, and when it fires early it
// re-arms in the place among same-time events that re-scheduling at the solve would have given
// (bucket-scheduler.h), so results are byte-identical to re-scheduling at every solve, which
// is what happens with ns-3's own schedulers. (ns-3 keeps a cancelled event queued until its
// time, and re-timing at every rate change cancelled ~8 events per transfer.)
#pragma once

#include <cstdint>
#include <vector>

#include <ns3/event-id.h>

#include "models/network/flow-network.h"
#include "models/network/slow-start.h"
#include "models/network/transport.h"
#include "models/simulator/bucket-scheduler.h"

namespace cdnmesh {

/// The flow model's optional TCP correction (slow-start.h), per kind of transfer.
struct FlowTcpCorrection {
  bool enabled = false;
  SlowStartParams cdn;
  SlowStartParams p2p{4 * 1172.0, 1172, 1.5};
  /// Queueing on saturated links (fitted by `cdnmesh fit-flow-model`, LV08-style effective
  /// factors): a link whose flows already fill it (load >= kSaturatedLoad x capacity) holds a
  /// standing queue. Each slow-start round trip and the last byte wait `queue_factor` x the
  /// drain time of a full queue of every such link on the path; each round trip also waits
  /// `ack_queue_factor` x that of the receiver's uplink when it is saturated (the transfer's
  /// ACKs queue there).
  double queue_factor = 0;
  double ack_queue_factor = 0;
  /// On a saturated path the transfer also waits this share of its fluid time: a newcomer
  /// gets less than an equal share while TCP converges.
  double newcomer_factor = 0;
  int queue_packets = 100;  ///< a full queue: this many 1 500-byte packets
};

/// What the queueing term of the correction sees when a transfer starts (for the fit).
struct QueueTerms {
  int rounds = 0;            ///< slow-start round trips at the path's starting rate
  DurationUs path_queue_us = 0;  ///< full-queue drain times of the saturated path links
  DurationUs ack_queue_us = 0;   ///< ... of the receiver's uplink, if saturated
  DurationUs slow_start_us = 0;  ///< the slow-start and header penalty alone
  DurationUs saturated_fluid_us = 0;  ///< fluid time at the starting rate if path_queue_us > 0
};

/// Owns the FlowNetwork and schedules transfer completions on ns3::Simulator.
class FlowTransport : public Transport {
 public:
  FlowTransport() = default;
  /// With `correction.enabled`, each transfer waits the time slow start and headers cost it at
  /// the fair share its path offers when it starts, on top of its request latency.
  explicit FlowTransport(const FlowTcpCorrection& correction) : correction_(correction) {}
  FlowTransport(const FlowTransport&) = delete;
  FlowTransport& operator=(const FlowTransport&) = delete;

  /// The underlying network (add links here; read link byte counters here).
  FlowNetwork& network() override { return network_; }
  const FlowNetwork& network() const override { return network_; }
  /// Nothing to do: the topology added the viewer's links to the flow network.
  void AttachViewer(const ViewerAttachment& /*viewer*/) override {}
  void DetachViewer(const ViewerAttachment& /*viewer*/) override {}
  /// Transport: sets the capacity of the viewer's up link; rates change at this instant's solve.
  void SetUplinkRate(const ViewerAttachment& viewer, BitsPerSecond rate_bps) override;
  /// Transport: runs `spec` as a flow along its path (Start below).
  TransferHandle Start(const TransferSpec& spec, TransferSink* sink,
                       std::uint64_t cookie) override;
  /// Transport: the flow network's byte counter of `link`.
  double LinkBytes(LinkId link, TimeUs now_us) const override {
    return network_.LinkBytes(link, now_us);
  }

  /// Starts a transfer of `size_bytes` along `path` with a rate cap (0 = none). Bytes start to
  /// flow after `request_latency_us`; `sink->OnTransferComplete(handle, cookie)` runs when the
  /// last byte arrives. `sink` must outlive the transfer (or cancel it first).
  TransferHandle Start(const std::vector<LinkId>& path, std::int64_t size_bytes,
                       BitsPerSecond cap_bps, DurationUs request_latency_us, TransferSink* sink,
                       std::uint64_t cookie);
  /// Stops a transfer; returns the bytes it delivered (0 while still in its request latency).
  double Cancel(TransferHandle transfer) override;
  /// Bytes delivered so far by a live transfer.
  double BytesDelivered(TransferHandle transfer) const override;
  /// Live transfers (waiting for their first byte or flowing).
  std::size_t active_transfers() const override { return active_; }
  /// The correction's inputs for `spec` if it started now (its factors not applied).
  QueueTerms CorrectionTerms(const TransferSpec& spec) const;
  /// A link is saturated when its flows' rates reach this share of its capacity.
  static constexpr double kSaturatedLoad = 0.9;
  /// Solve() calls made so far (one per simulated instant with changes).
  std::uint64_t solve_count() const { return solves_; }

 private:
  struct Transfer {
    std::vector<LinkId> path;
    std::int64_t size_bytes = 0;
    BitsPerSecond cap_bps = 0;
    TransferSink* sink = nullptr;
    std::uint64_t cookie = 0;
    TimeUs start_us = 0;
    TransferKind kind = TransferKind::kCdn;
    FlowId flow = kInvalidFlow;  ///< kInvalidFlow while in request latency
    ns3::EventId event;          ///< first byte, then the completion check
    TimeUs check_us = kNever;    ///< when the pending completion check fires; kNever: none
    TimeUs due_us = kNever;      ///< the completion at the rates of the last solve
    EventPlace due_place;        ///< where re-scheduling at that solve would have put it
    bool alive = false;
  };

  void BeginFlow(TransferHandle transfer);
  /// Completes the transfer if it is due, else re-arms the check for when it is.
  void CheckCompletion(TransferHandle transfer);
  /// Cancels the pending check and arms one for `due_us` (none if kNever), in `due_place` when
  /// `queue` (the active BucketScheduler) is given.
  void ArmCompletionCheck(Transfer& transfer, TransferHandle handle, TimeUs now_us,
                          BucketScheduler* queue);
  void Complete(TransferHandle transfer);
  void RequestSolve();
  void SolveNow();
  void Release(TransferHandle transfer);

  DurationUs CorrectionUs(const TransferSpec& spec) const;
  DurationUs FullQueueUs(LinkId link) const;

  FlowTcpCorrection correction_;
  FlowNetwork network_;
  std::vector<Transfer> transfers_;
  std::vector<TransferHandle> free_;
  std::vector<TransferHandle> transfer_of_flow_;  ///< indexed by FlowId
  std::size_t active_ = 0;
  std::uint64_t solves_ = 0;
  bool solve_pending_ = false;
};

}  // namespace cdnmesh
