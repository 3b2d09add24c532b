// FlowNetwork: links, flows, dirty marking and lazy byte accounting. The solver is in
// flow-solver.cc.
#include "models/network/flow-network.h"

#include <cassert>
#include <cmath>

namespace cdnmesh {
namespace {

constexpr double kBitsPerByteUs = 8.0 * 1e6;  // bits per byte * microseconds per second

/// Bytes sent at `rate_bps` over `elapsed_us`.
double BytesAt(double rate_bps, DurationUs elapsed_us) {
  return rate_bps * static_cast<double>(elapsed_us) / kBitsPerByteUs;
}

}  // namespace

LinkId FlowNetwork::AddLink(BitsPerSecond capacity_bps, DurationUs latency_us) {
  assert(capacity_bps >= 0);
  LinkId id;
  if (!free_links_.empty()) {
    id = free_links_.back();
    free_links_.pop_back();
  } else {
    id = static_cast<LinkId>(links_.size());
    links_.emplace_back();
    link_stamp_.push_back(0);
    link_remaining_.push_back(0);
    link_unfrozen_.push_back(0);
    link_version_.push_back(0);
    link_touched_.push_back(0);
  }
  Link& link = links_[id];
  link.capacity_bps = capacity_bps;
  link.latency_us = latency_us;
  link.cap_sum_bps = 0;
  link.uncapped = 0;
  link.rate_sum_bps = 0;
  link.active = false;
  link.bytes = 0;
  link.settled_us = 0;
  link.alive = true;
  link.dirty = false;
  return id;
}

void FlowNetwork::RemoveLink(LinkId link) {
  assert(links_[link].alive && links_[link].flows.empty());
  links_[link].alive = false;
  links_[link].dirty = false;
  free_links_.push_back(link);
}

void FlowNetwork::SetLinkCapacity(LinkId link, BitsPerSecond capacity_bps, TimeUs now_us) {
  assert(capacity_bps >= 0);
  SettleLink(links_[link], now_us);
  MarkLinkDirty(link);  // before the change: records whether the link coupled its flows
  links_[link].capacity_bps = capacity_bps;
}

FlowId FlowNetwork::AddFlow(const std::vector<LinkId>& path, BitsPerSecond cap_bps, TimeUs now_us) {
  assert(cap_bps >= 0);
  FlowId id;
  if (!free_flows_.empty()) {
    id = free_flows_.back();
    free_flows_.pop_back();
  } else {
    id = static_cast<FlowId>(flows_.size());
    flows_.emplace_back();
    flow_stamp_.push_back(0);
    flow_frozen_.push_back(0);
    new_rate_.push_back(0);
  }
  Flow& flow = flows_[id];
  flow.path = path;
  flow.slot.resize(path.size());
  flow.cap_bps = cap_bps;
  flow.rate_bps = 0;
  flow.bytes = 0;
  flow.settled_us = now_us;
  flow.alive = true;
  bool limited = cap_bps != kUnlimited;
  for (std::uint32_t hop = 0; hop < path.size(); ++hop) {
    Link& link = links_[path[hop]];
    assert(link.alive);
    limited = limited || link.capacity_bps != kUnlimited;
    flow.slot[hop] = static_cast<std::uint32_t>(link.flows.size());
    link.flows.push_back({id, hop});
    MarkLinkDirty(path[hop]);
  }
  assert(limited && "a flow needs a cap or a finite link");
  (void)limited;
  AdjustCapSums(flow, +1);
  MarkFlowDirty(id);
  ++flow_count_;
  return id;
}

double FlowNetwork::RemoveFlow(FlowId id, TimeUs now_us) {
  assert(FlowAlive(id));
  SetRate(id, 0, now_us);
  Flow& flow = flows_[id];
  for (const LinkId link : flow.path) MarkLinkDirty(link);
  AdjustCapSums(flow, -1);
  for (std::size_t hop = 0; hop < flow.path.size(); ++hop) {
    const LinkId link_id = flow.path[hop];
    Link& link = links_[link_id];
    const std::uint32_t slot = flow.slot[hop];
    link.flows[slot] = link.flows.back();
    flows_[link.flows[slot].flow].slot[link.flows[slot].hop] = slot;
    link.flows.pop_back();
    if (link.flows.empty()) link.rate_sum_bps = 0;  // drop accumulated rounding
  }
  flow.alive = false;
  flow.dirty = false;
  flow.path.clear();
  flow.slot.clear();
  free_flows_.push_back(id);
  --flow_count_;
  return flow.bytes;
}

void FlowNetwork::SetFlowCap(FlowId id, BitsPerSecond cap_bps, TimeUs now_us) {
  assert(FlowAlive(id) && cap_bps >= 0);
  (void)now_us;  // the old rate holds until Solve()
  Flow& flow = flows_[id];
  for (const LinkId link : flow.path) MarkLinkDirty(link);
  AdjustCapSums(flow, -1);
  flow.cap_bps = cap_bps;
  AdjustCapSums(flow, +1);
  MarkFlowDirty(id);
}

double FlowNetwork::BytesTransferred(FlowId id, TimeUs now_us) const {
  const Flow& flow = flows_[id];
  assert(now_us >= flow.settled_us);
  return flow.bytes + BytesAt(flow.rate_bps, now_us - flow.settled_us);
}

TimeUs FlowNetwork::CompletionTimeUs(FlowId id, double total_bytes) const {
  const Flow& flow = flows_[id];
  const double remaining = total_bytes - flow.bytes;
  if (remaining <= 0) return flow.settled_us;
  if (flow.rate_bps <= 0) return kNever;
  const double us = std::ceil(remaining * kBitsPerByteUs / flow.rate_bps);
  if (us >= static_cast<double>(kNever - flow.settled_us)) return kNever;
  return flow.settled_us + static_cast<DurationUs>(us);
}

DurationUs FlowNetwork::PathLatencyUs(FlowId id) const {
  DurationUs total = 0;
  for (const LinkId link : flows_[id].path) total += links_[link].latency_us;
  return total;
}

double FlowNetwork::LinkBytes(LinkId id, TimeUs now_us) const {
  const Link& link = links_[id];
  assert(now_us >= link.settled_us);
  return link.bytes + BytesAt(link.rate_sum_bps, now_us - link.settled_us);
}

bool FlowNetwork::Couples(const Link& link) const {
  if (link.capacity_bps == kUnlimited) return false;
  return link.uncapped > 0 || link.cap_sum_bps > link.capacity_bps;
}

void FlowNetwork::MarkLinkDirty(LinkId link) {
  if (links_[link].dirty) return;
  links_[link].dirty = true;
  links_[link].coupled_at_mark = Constrains(links_[link]);
  dirty_links_.push_back(link);
}

void FlowNetwork::MarkFlowDirty(FlowId flow) {
  if (flows_[flow].dirty) return;
  flows_[flow].dirty = true;
  dirty_flows_.push_back(flow);
}

void FlowNetwork::SettleLink(Link& link, TimeUs now_us) {
  assert(now_us >= link.settled_us);
  if (now_us == link.settled_us) return;
  link.bytes += BytesAt(link.rate_sum_bps, now_us - link.settled_us);
  link.settled_us = now_us;
}

void FlowNetwork::SetRate(FlowId id, double rate_bps, TimeUs now_us) {
  Flow& flow = flows_[id];
  assert(now_us >= flow.settled_us);
  flow.bytes += BytesAt(flow.rate_bps, now_us - flow.settled_us);
  flow.settled_us = now_us;
  const double delta = rate_bps - flow.rate_bps;
  flow.rate_bps = rate_bps;
  for (const LinkId link_id : flow.path) {
    Link& link = links_[link_id];
    SettleLink(link, now_us);
    link.rate_sum_bps += delta;
  }
}

void FlowNetwork::AdjustCapSums(const Flow& flow, int sign) {
  for (const LinkId link_id : flow.path) {
    Link& link = links_[link_id];
    if (flow.cap_bps == kUnlimited) {
      link.uncapped = static_cast<std::uint32_t>(static_cast<int>(link.uncapped) + sign);
    } else {
      link.cap_sum_bps += sign * flow.cap_bps;
    }
  }
}

}  // namespace cdnmesh
