// Transfers on the flow network, scheduled on ns-3's simulator.
#include "models/network/flow-transport.h"

#include <algorithm>
#include <cmath>

#include <ns3/nstime.h>
#include <ns3/simulator.h>

#include "models/topology/topology.h"

namespace cdnmesh {
namespace {

TimeUs NowUs() { return ns3::Simulator::Now().GetMicroSeconds(); }

// Twice the longest scenario (kMaxScenarioDurationS) in microseconds: 2e18 ns fits ns-3's time.
constexpr DurationUs kMaxScheduleAheadUs = 2'000'000'000'000'000;

}  // namespace

TransferHandle FlowTransport::Start(const std::vector<LinkId>& path, std::int64_t size_bytes,
                                    BitsPerSecond cap_bps, DurationUs request_latency_us,
                                    TransferSink* sink, std::uint64_t cookie) {
  TransferHandle handle;
  if (!free_.empty()) {
    handle = free_.back();
    free_.pop_back();
  } else {
    handle = static_cast<TransferHandle>(transfers_.size());
    transfers_.emplace_back();
  }
  Transfer& t = transfers_[handle];
  t.path = path;
  t.size_bytes = size_bytes;
  t.cap_bps = cap_bps;
  t.sink = sink;
  t.cookie = cookie;
  t.start_us = NowUs();
  t.kind = TransferKind::kCdn;
  t.flow = kInvalidFlow;
  t.check_us = kNever;
  t.due_us = kNever;
  t.alive = true;
  ++active_;
  if (request_latency_us <= 0 && size_bytes > 0) {
    BeginFlow(handle);  // joins this instant's pending solve (never calls the sink)
  } else {
    t.event = ns3::Simulator::Schedule(
        ns3::MicroSeconds(std::max<DurationUs>(0, request_latency_us)), &FlowTransport::BeginFlow,
        this, handle);
  }
  return handle;
}

TransferHandle FlowTransport::Start(const TransferSpec& spec, TransferSink* sink,
                                    std::uint64_t cookie) {
  const DurationUs extra_us = correction_.enabled ? CorrectionUs(spec) : 0;
  const TransferHandle handle = Start(*spec.path, spec.size_bytes, spec.cap_bps,
                                      spec.request_latency_us + extra_us, sink, cookie);
  transfers_[handle].kind = spec.kind;
  return handle;
}

// The rate the transfer can expect: its cap, and on each link of finite capacity an equal share
// with the flows already there.
QueueTerms FlowTransport::CorrectionTerms(const TransferSpec& spec) const {
  double rate_bps = spec.cap_bps > 0 ? static_cast<double>(spec.cap_bps) : 0;
  QueueTerms terms;
  for (const LinkId link : *spec.path) {
    const BitsPerSecond capacity = network_.LinkCapacity(link);
    if (capacity <= 0) continue;
    const double share = static_cast<double>(capacity) /
                         static_cast<double>(network_.LinkFlowCount(link) + 1);
    rate_bps = rate_bps > 0 ? std::min(rate_bps, share) : share;
    terms.path_queue_us += FullQueueUs(link);
  }
  if (spec.receiver != nullptr && spec.receiver->up_link != kInvalidLink) {
    terms.ack_queue_us = FullQueueUs(spec.receiver->up_link);
  }
  const SlowStartParams& params = spec.kind == TransferKind::kCdn ? correction_.cdn : correction_.p2p;
  const auto size = static_cast<double>(spec.size_bytes);
  terms.rounds = SlowStartRounds(size, rate_bps, spec.rtt_us, params);
  terms.slow_start_us = SlowStartPenaltyUs(size, rate_bps, spec.rtt_us, params);
  if (terms.path_queue_us > 0 && rate_bps > 0) {
    terms.saturated_fluid_us = static_cast<DurationUs>(size * 8e6 / rate_bps);
  }
  return terms;
}

// Drain time of a full queue on a saturated link, 0 on one with room (or unlimited).
DurationUs FlowTransport::FullQueueUs(LinkId link) const {
  const BitsPerSecond capacity = network_.LinkCapacity(link);
  if (capacity <= 0 || network_.LinkLoadBps(link) < kSaturatedLoad * static_cast<double>(capacity)) {
    return 0;
  }
  return static_cast<DurationUs>(static_cast<double>(correction_.queue_packets) * 1500.0 * 8e6 /
                                 static_cast<double>(capacity));
}

DurationUs FlowTransport::CorrectionUs(const TransferSpec& spec) const {
  const QueueTerms t = CorrectionTerms(spec);
  const double queue_us =
      correction_.queue_factor * static_cast<double>(t.path_queue_us) * (t.rounds + 1) +
      correction_.ack_queue_factor * static_cast<double>(t.ack_queue_us) * t.rounds +
      correction_.newcomer_factor * static_cast<double>(t.saturated_fluid_us);
  return t.slow_start_us + static_cast<DurationUs>(std::llround(std::max(0.0, queue_us)));
}

void FlowTransport::BeginFlow(TransferHandle handle) {
  Transfer& t = transfers_[handle];
  if (t.size_bytes <= 0) {
    Complete(handle);
    return;
  }
  t.flow = network_.AddFlow(t.path, t.cap_bps, NowUs());
  if (transfer_of_flow_.size() <= t.flow) transfer_of_flow_.resize(t.flow + 1, kInvalidTransfer);
  transfer_of_flow_[t.flow] = handle;
  RequestSolve();
}

double FlowTransport::Cancel(TransferHandle handle) {
  Transfer& t = transfers_[handle];
  if (!t.alive) return 0;
  double bytes = 0;
  if (t.flow != kInvalidFlow) {
    bytes = std::min<double>(network_.RemoveFlow(t.flow, NowUs()), t.size_bytes);
    transfer_of_flow_[t.flow] = kInvalidTransfer;
    RequestSolve();
  }
  Release(handle);
  return bytes;
}

double FlowTransport::BytesDelivered(TransferHandle handle) const {
  const Transfer& t = transfers_[handle];
  if (!t.alive || t.flow == kInvalidFlow) return 0;
  return std::min<double>(network_.BytesTransferred(t.flow, NowUs()), t.size_bytes);
}

void FlowTransport::Complete(TransferHandle handle) {
  Transfer& t = transfers_[handle];
  if (t.flow != kInvalidFlow) {
    network_.RemoveFlow(t.flow, NowUs());
    transfer_of_flow_[t.flow] = kInvalidTransfer;
    RequestSolve();
  }
  TransferSink* sink = t.sink;
  const std::uint64_t cookie = t.cookie;
  NoteCompletion(t.kind, t.size_bytes, t.start_us, NowUs());
  Release(handle);
  sink->OnTransferComplete(handle, cookie);
}

void FlowTransport::SetUplinkRate(const ViewerAttachment& viewer, BitsPerSecond rate_bps) {
  if (viewer.up_link == kInvalidLink) return;
  network_.SetLinkCapacity(viewer.up_link, std::max(kStalledUplinkBps, rate_bps), NowUs());
  RequestSolve();
}

// Every change at one instant marks the network dirty; one solve at the end of the instant
// (an event scheduled "now" runs after those already queued for now) re-rates them together.
void FlowTransport::RequestSolve() {
  if (solve_pending_) return;
  solve_pending_ = true;
  ns3::Simulator::ScheduleNow(&FlowTransport::SolveNow, this);
}

void FlowTransport::SolveNow() {
  solve_pending_ = false;
  ++solves_;
  const TimeUs now_us = NowUs();
  BucketScheduler* const queue = BucketScheduler::Active();
  for (const FlowId flow : network_.Solve(now_us)) {
    const TransferHandle handle = transfer_of_flow_[flow];
    if (handle == kInvalidTransfer) continue;
    Transfer& t = transfers_[handle];
    const TimeUs done_us = network_.CompletionTimeUs(flow, static_cast<double>(t.size_bytes));
    // Starved, or done later than any run can last: no check until its rate changes (ns-3
    // keeps time in int64 nanoseconds; a delay past ~292 years would overflow it).
    const bool schedulable = done_us != kNever && done_us - now_us <= kMaxScheduleAheadUs;
    t.due_us = schedulable ? std::max(done_us, now_us) : kNever;
    if (queue != nullptr) {
      t.due_place = queue->TakePlace();
      if (t.check_us < t.due_us) continue;  // the pending check fires first and re-arms
    }
    ArmCompletionCheck(t, handle, now_us, queue);
  }
}

void FlowTransport::ArmCompletionCheck(Transfer& t, TransferHandle handle, TimeUs now_us,
                                       BucketScheduler* queue) {
  if (t.check_us != kNever) t.event.Cancel();
  t.check_us = t.due_us;
  if (t.check_us == kNever) return;
  if (queue != nullptr) queue->OrderNextAt(t.due_place);
  t.event = ns3::Simulator::Schedule(ns3::MicroSeconds(t.check_us - now_us),
                                     &FlowTransport::CheckCompletion, this, handle);
}

void FlowTransport::CheckCompletion(TransferHandle handle) {
  Transfer& t = transfers_[handle];
  t.check_us = kNever;
  const TimeUs now_us = NowUs();
  if (t.due_us <= now_us) {
    Complete(handle);
  } else {
    ArmCompletionCheck(t, handle, now_us, BucketScheduler::Active());
  }
}

void FlowTransport::Release(TransferHandle handle) {
  Transfer& t = transfers_[handle];
  t.event.Cancel();
  t.alive = false;
  t.sink = nullptr;
  t.flow = kInvalidFlow;
  --active_;
  free_.push_back(handle);
}

}  // namespace cdnmesh
