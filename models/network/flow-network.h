// Flow-level network: links with capacity and latency, flows along paths, rates by max-min fair
// sharing (progressive filling) with an optional per-flow rate cap. Pure C++ (no ns-3): the ns-3
// adapter turns rate changes into rescheduled completion events.
//
// Incremental solving. A change (AddFlow, RemoveFlow, SetLinkCapacity, SetFlowCap) marks the
// links it touches dirty. Solve() re-solves the closure of the dirty set: every new or re-capped
// flow, every flow on a dirty link that coupled before or after the change, extended
// transitively through *coupling* links. Flows outside
// that closure keep their rates, which is exact because their constraints did not change.
//
// Coupling links. A link couples the flows crossing it only if it can saturate. A link cannot
// saturate when its capacity is unlimited (0), or when every flow crossing it has a cap and the
// caps sum to no more than its capacity; such a link is no constraint at all (the max-min
// allocation without it already respects it), so it is skipped by the solver and does not join
// components. Sums of caps are kept exactly (integer bps) per link.
//
// Lazy activation. A link that could saturate but carries less than its capacity is no
// constraint either: the max-min allocation without it is feasible with it, hence also max-min
// with it. Such links (a PoP's egress far from full) start inactive and are ignored (unless an
// uncapped flow crosses them: then they may be its only limit); after each
// solve, an inactive link whose load exceeds its capacity is activated and the closure is solved
// again with it; an active link left below 99 % of its capacity by a solve is deactivated. Only a
// truly saturated link joins its flows into one component.
//
// Byte accounting is lazy: a flow's bytes are settled only when its rate changes; in between they
// are rate * elapsed time. Each link keeps the sum of the rates of its flows and settles its byte
// counter the same way, so the bytes a link carried equal the sum over the flows that crossed it.
//
// Time passed to every call must be non-decreasing. Rates are in bits per second, sizes in bytes.
#pragma once

#include <cstdint>
#include <vector>

#include "core/common/time.h"

namespace cdnmesh {

/// Dense index of a link; reused after RemoveLink.
using LinkId = std::uint32_t;
/// Dense index of a flow; reused after RemoveFlow.
using FlowId = std::uint32_t;
/// Link capacity or flow cap in bits per second; 0 means unlimited.
using BitsPerSecond = std::int64_t;

inline constexpr LinkId kInvalidLink = 0xFFFFFFFFu;
inline constexpr FlowId kInvalidFlow = 0xFFFFFFFFu;
/// Capacity / cap value meaning "no limit".
inline constexpr BitsPerSecond kUnlimited = 0;

/// Max-min fair flow-level network with incremental re-solving and lazy byte counters.
class FlowNetwork {
 public:
  /// Adds a link of `capacity_bps` (kUnlimited = 0 for none) and `latency_us`; returns its id.
  LinkId AddLink(BitsPerSecond capacity_bps, DurationUs latency_us);
  /// Removes a link that no flow crosses any more.
  void RemoveLink(LinkId link);
  /// Changes a link's capacity in bps at `now_us`; takes effect at the next Solve().
  void SetLinkCapacity(LinkId link, BitsPerSecond capacity_bps, TimeUs now_us);

  /// Starts a flow along `path` (link ids, each at most once) with a rate cap in bps (kUnlimited
  /// = none) at `now_us`. Its rate is 0 until the next Solve(). The flow must be limited by its
  /// cap or by at least one link of finite capacity.
  FlowId AddFlow(const std::vector<LinkId>& path, BitsPerSecond cap_bps, TimeUs now_us);
  /// Ends a flow at `now_us` and returns the bytes it transferred; other rates change at Solve().
  double RemoveFlow(FlowId flow, TimeUs now_us);
  /// Changes a flow's rate cap in bps at `now_us`; takes effect at the next Solve().
  void SetFlowCap(FlowId flow, BitsPerSecond cap_bps, TimeUs now_us);

  /// Re-solves the dirty components at `now_us`; returns the flows whose rate changed (new flows
  /// included), valid until the next call. Rates change at `now_us`; bytes so far are kept.
  const std::vector<FlowId>& Solve(TimeUs now_us);
  /// Marks every link and flow dirty and solves everything (for tests and validation).
  const std::vector<FlowId>& SolveAll(TimeUs now_us);

  /// Current rate of `flow` in bits per second (as of the last Solve()).
  double RateBps(FlowId flow) const { return flows_[flow].rate_bps; }
  /// Bytes `flow` transferred from its start up to `now_us`.
  double BytesTransferred(FlowId flow, TimeUs now_us) const;
  /// Time in us at which `flow` reaches `total_bytes` at its current rate (kNever at rate 0).
  TimeUs CompletionTimeUs(FlowId flow, double total_bytes) const;
  /// Sum of the latencies of the links on the path of `flow`, in microseconds.
  DurationUs PathLatencyUs(FlowId flow) const;
  /// Bytes carried by `link` since it was added, up to `now_us` (all flows, ended ones included).
  double LinkBytes(LinkId link, TimeUs now_us) const;
  /// Sum of the current rates of the flows on `link`, in bits per second.
  double LinkLoadBps(LinkId link) const { return links_[link].rate_sum_bps; }
  /// Capacity of `link` in bits per second (kUnlimited = 0 for none).
  BitsPerSecond LinkCapacity(LinkId link) const { return links_[link].capacity_bps; }
  /// Number of flows crossing `link`.
  std::size_t LinkFlowCount(LinkId link) const { return links_[link].flows.size(); }
  /// Rate cap of `flow` in bits per second (kUnlimited = 0 for none).
  BitsPerSecond FlowCap(FlowId flow) const { return flows_[flow].cap_bps; }
  /// The path of `flow`.
  const std::vector<LinkId>& FlowPath(FlowId flow) const { return flows_[flow].path; }
  /// True while `flow` exists.
  bool FlowAlive(FlowId flow) const { return flow < flows_.size() && flows_[flow].alive; }
  /// Number of live flows.
  std::size_t flow_count() const { return flow_count_; }
  /// Number of flows re-solved by the last Solve() (the size of the dirty closure).
  std::size_t last_solved_flow_count() const { return last_solved_flows_; }

 private:
  /// A flow's place in a link's flow list: the flow and the hop index on its path.
  struct LinkEntry {
    FlowId flow;
    std::uint32_t hop;
  };
  struct Link {
    BitsPerSecond capacity_bps = 0;
    DurationUs latency_us = 0;
    std::vector<LinkEntry> flows;
    BitsPerSecond cap_sum_bps = 0;  ///< sum of the caps of capped flows crossing the link
    std::uint32_t uncapped = 0;     ///< flows crossing the link without a cap
    double rate_sum_bps = 0;
    double bytes = 0;  ///< settled at settled_us
    TimeUs settled_us = 0;
    bool alive = false;
    bool dirty = false;
    bool coupled_at_mark = false;  ///< Constrains() before the first change since the last solve
    bool active = false;           ///< lazily activated: its load reached its capacity
  };
  struct Flow {
    std::vector<LinkId> path;
    std::vector<std::uint32_t> slot;  ///< position in each path link's flow list
    BitsPerSecond cap_bps = 0;
    double rate_bps = 0;
    double bytes = 0;  ///< settled at settled_us
    TimeUs settled_us = 0;
    bool alive = false;
    bool dirty = false;
  };
  /// Solver heap entry: a link's fair share or a flow's cap.
  struct Bound {
    double share_bps;
    std::uint32_t id;
    std::uint32_t version;  ///< link entries: stale unless equal to the link's version
    bool is_cap;
  };

  /// Heap order of solver bounds: the smallest share on top; ties by id, for memory locality.
  struct HeapOrder {
    bool operator()(const Bound& a, const Bound& b) const {
      return a.share_bps > b.share_bps || (a.share_bps == b.share_bps && a.id > b.id);
    }
  };
  bool Couples(const Link& link) const;
  /// Couples and is active; a link crossed by uncapped flows is always active (it may be the
  /// only thing limiting them).
  bool Constrains(const Link& link) const {
    return Couples(link) && (link.active || link.uncapped > 0);
  }
  void SolveClosure(TimeUs now_us);
  bool ActivateOverloadedLinks();
  void DeactivateSlackLinks();
  void MarkLinkDirty(LinkId link);
  void MarkFlowDirty(FlowId flow);
  void SettleLink(Link& link, TimeUs now_us);
  void SetRate(FlowId flow, double rate_bps, TimeUs now_us);
  void AdjustCapSums(const Flow& flow, int sign);
  void CollectClosure();
  void VisitFlow(FlowId flow);
  void PrepareLinks();
  void WaterFill();
  void Freeze(FlowId flow, double rate_bps);
  void PushLinkBound(LinkId link, bool heapify);
  void ApplyRates(TimeUs now_us);

  std::vector<Link> links_;
  std::vector<Flow> flows_;
  std::vector<LinkId> free_links_;
  std::vector<FlowId> free_flows_;
  std::size_t flow_count_ = 0;
  std::vector<LinkId> dirty_links_;
  std::vector<FlowId> dirty_flows_;

  // Solver scratch, reused between solves; stamps avoid clearing per-element marks.
  std::uint32_t epoch_ = 0;
  std::vector<std::uint32_t> flow_stamp_;     ///< == epoch_: flow is in the current closure
  std::vector<std::uint32_t> flow_frozen_;    ///< == epoch_: flow's new rate is fixed
  std::vector<double> new_rate_;              ///< per flow, the rate being computed
  std::vector<std::uint32_t> link_stamp_;     ///< == epoch_: link is a constraint in the closure
  std::vector<double> link_remaining_;        ///< capacity not yet given to frozen flows
  std::vector<std::uint32_t> link_unfrozen_;  ///< entries of unfrozen flows
  std::vector<std::uint32_t> link_version_;   ///< bumped on every change of the link's share
  std::vector<std::uint64_t> link_touched_;   ///< == batch_: already in touched_
  std::uint64_t batch_ = 1;                   ///< one per heap pop
  std::vector<LinkId> touched_;               ///< links whose share changed in this batch
  std::vector<FlowId> closure_flows_;
  std::vector<LinkId> closure_links_;
  std::vector<Bound> heap_;
  std::size_t frozen_count_ = 0;  ///< flows of the closure frozen so far
  std::vector<FlowId> changed_;
  std::vector<LinkId> lazy_dirty_links_;  ///< dirty but inactive links of this solve
  std::size_t last_solved_flows_ = 0;
};

}  // namespace cdnmesh
