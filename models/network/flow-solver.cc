// FlowNetwork's max-min fair solver: progressive filling over the closure of the dirty set.
//
// Constraints are the coupling links of the closure (fair share = remaining capacity / unfrozen
// flows) and the caps of its flows (a single-flow constraint). A min-heap holds one bound per
// constraint; popping the smallest freezes its flows at that share, which can only raise the
// shares of the other links they cross, so the popped level never decreases. Link bounds that
// changed since they were pushed are recognised by a version number and skipped.
// Cost: O((sum of path lengths + caps) * log) per solve.
#include <algorithm>
#include <cassert>
#include <cmath>

#include "models/network/flow-network.h"

namespace cdnmesh {
namespace {

/// Relative change below which a recomputed rate counts as unchanged (no event reschedule).
constexpr double kRateTolerance = 1e-9;

}  // namespace

/// Load above capacity by more than this share activates an inactive link (rounding slack).
constexpr double kOverloadTolerance = 1e-9;
/// An active link whose load falls below this share of its capacity is deactivated.
constexpr double kDeactivateBelow = 0.99;

const std::vector<FlowId>& FlowNetwork::Solve(TimeUs now_us) {
  changed_.clear();
  last_solved_flows_ = 0;
  SolveClosure(now_us);
  // Each round activates at least one link, so this ends; usually there is no second round.
  while (ActivateOverloadedLinks()) SolveClosure(now_us);
  DeactivateSlackLinks();
  return changed_;
}

void FlowNetwork::SolveClosure(TimeUs now_us) {
  ++epoch_;
  CollectClosure();
  PrepareLinks();
  WaterFill();
  ApplyRates(now_us);
  last_solved_flows_ += closure_flows_.size();
}

// Inactive links the closure's flows cross that ended above capacity become constraints; they
// are marked dirty so that the next round re-solves every flow crossing them.
bool FlowNetwork::ActivateOverloadedLinks() {
  bool activated = false;
  const auto check = [this, &activated](LinkId link_id) {
    Link& link = links_[link_id];
    if (!link.alive || Constrains(link) || !Couples(link)) return;
    const auto capacity = static_cast<double>(link.capacity_bps);
    if (link.rate_sum_bps <= capacity * (1 + kOverloadTolerance)) return;
    link.active = true;
    MarkLinkDirty(link_id);
    activated = true;
  };
  for (const FlowId flow : closure_flows_) {
    for (const LinkId link_id : flows_[flow].path) check(link_id);
  }
  for (const LinkId link_id : lazy_dirty_links_) check(link_id);
  lazy_dirty_links_.clear();
  return activated;
}

void FlowNetwork::DeactivateSlackLinks() {
  for (const LinkId link_id : closure_links_) {
    Link& link = links_[link_id];
    if (!link.active) continue;
    if (link.rate_sum_bps < kDeactivateBelow * static_cast<double>(link.capacity_bps)) {
      link.active = false;
    }
  }
}

const std::vector<FlowId>& FlowNetwork::SolveAll(TimeUs now_us) {
  for (LinkId link = 0; link < links_.size(); ++link) {
    if (links_[link].alive) MarkLinkDirty(link);
  }
  for (FlowId flow = 0; flow < flows_.size(); ++flow) {
    if (flows_[flow].alive) MarkFlowDirty(flow);
  }
  return Solve(now_us);
}

void FlowNetwork::CollectClosure() {
  closure_flows_.clear();
  for (const FlowId flow : dirty_flows_) {
    flows_[flow].dirty = false;
    if (flows_[flow].alive) VisitFlow(flow);
  }
  dirty_flows_.clear();
  for (const LinkId link : dirty_links_) {
    links_[link].dirty = false;
    // A link that could not saturate before nor after the change constrained nobody.
    if (!links_[link].alive) continue;
    if (!(links_[link].coupled_at_mark || Constrains(links_[link]))) {
      lazy_dirty_links_.push_back(link);  // e.g. a capacity cut: checked for overload later
      continue;
    }
    for (const LinkEntry& entry : links_[link].flows) VisitFlow(entry.flow);
  }
  dirty_links_.clear();
  // Breadth-first through coupling links; closure_flows_ doubles as the queue.
  for (std::size_t next = 0; next < closure_flows_.size(); ++next) {
    for (const LinkId link_id : flows_[closure_flows_[next]].path) {
      const Link& link = links_[link_id];
      if (link_stamp_[link_id] == epoch_ || !Constrains(link)) continue;
      link_stamp_[link_id] = epoch_;
      for (const LinkEntry& entry : link.flows) VisitFlow(entry.flow);
    }
  }
}

void FlowNetwork::VisitFlow(FlowId flow) {
  if (flow_stamp_[flow] == epoch_) return;
  flow_stamp_[flow] = epoch_;
  closure_flows_.push_back(flow);
}

void FlowNetwork::PrepareLinks() {
  // Every coupling link on a closure flow's path was stamped by CollectClosure().
  closure_links_.clear();
  heap_.clear();
  for (const FlowId flow : closure_flows_) {
    const Flow& f = flows_[flow];
    if (f.cap_bps != kUnlimited) {
      heap_.push_back({static_cast<double>(f.cap_bps), flow, 0, true});
    }
    for (const LinkId link_id : f.path) {
      if (link_stamp_[link_id] != epoch_) continue;
      link_stamp_[link_id] = epoch_ + 1;  // seen: prepared once
      closure_links_.push_back(link_id);
    }
  }
  for (const LinkId link_id : closure_links_) {
    link_stamp_[link_id] = epoch_;
    link_remaining_[link_id] = static_cast<double>(links_[link_id].capacity_bps);
    link_unfrozen_[link_id] = static_cast<std::uint32_t>(links_[link_id].flows.size());
    PushLinkBound(link_id, /*heapify=*/false);
  }
  std::make_heap(heap_.begin(), heap_.end(), HeapOrder());
}

void FlowNetwork::PushLinkBound(LinkId link, bool heapify) {
  ++link_version_[link];
  if (link_unfrozen_[link] == 0) return;
  const double share = std::max(0.0, link_remaining_[link]) / link_unfrozen_[link];
  heap_.push_back({share, link, link_version_[link], false});
  if (heapify) std::push_heap(heap_.begin(), heap_.end(), HeapOrder());
}

void FlowNetwork::WaterFill() {
  frozen_count_ = 0;
  // Stops once every flow is frozen: the bounds left over are stale or of saturated-out links.
  while (!heap_.empty() && frozen_count_ < closure_flows_.size()) {
    std::pop_heap(heap_.begin(), heap_.end(), HeapOrder());
    const Bound bound = heap_.back();
    heap_.pop_back();
    if (bound.is_cap) {
      if (flow_frozen_[bound.id] != epoch_) Freeze(bound.id, bound.share_bps);
    } else if (bound.version == link_version_[bound.id]) {  // else stale
      for (const LinkEntry& entry : links_[bound.id].flows) {
        if (flow_frozen_[entry.flow] != epoch_) Freeze(entry.flow, bound.share_bps);
      }
    }
    // One new bound per link touched by the batch, not one per frozen flow.
    for (const LinkId link : touched_) PushLinkBound(link, /*heapify=*/true);
    touched_.clear();
    ++batch_;
  }
  // Only flows with neither a cap nor a finite link are left: unsupported, see AddFlow().
  for (const FlowId flow : closure_flows_) {
    if (flow_frozen_[flow] == epoch_) continue;
    assert(false && "flow limited by nothing");
    new_rate_[flow] = 0;
  }
}

void FlowNetwork::Freeze(FlowId flow, double rate_bps) {
  flow_frozen_[flow] = epoch_;
  ++frozen_count_;
  new_rate_[flow] = rate_bps;
  for (const LinkId link : flows_[flow].path) {
    if (link_stamp_[link] != epoch_) continue;
    link_remaining_[link] -= rate_bps;
    --link_unfrozen_[link];
    if (link_touched_[link] != batch_) {
      link_touched_[link] = batch_;
      touched_.push_back(link);
    }
  }
}

void FlowNetwork::ApplyRates(TimeUs now_us) {
  for (const FlowId flow : closure_flows_) {
    const double old_rate = flows_[flow].rate_bps;
    const double new_rate = new_rate_[flow];
    const double scale = std::max(std::abs(old_rate), std::abs(new_rate));
    if (std::abs(new_rate - old_rate) <= kRateTolerance * scale && old_rate > 0) continue;
    if (old_rate == new_rate) continue;
    SetRate(flow, new_rate, now_us);
    changed_.push_back(flow);
  }
}

}  // namespace cdnmesh
