#include "core/matching/swarm.h"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <string>

namespace cdnmesh {
namespace {

std::uint32_t IspKey(const SwarmMember& peer) {
  return static_cast<std::uint32_t>(peer.isp) * kNatTypeCount +
         static_cast<std::uint32_t>(peer.nat);
}
int NatKey(const SwarmMember& peer) { return static_cast<int>(peer.nat); }

// What one member adds to its ISP's supply and the swarm's demand, bps: capped at 1 Tbit/s so
// that sums over a million members (announced values are the client's word) cannot overflow.
constexpr std::int64_t kMaxCountedBps = 1'000'000'000'000;
std::int64_t CountedUploadBps(const SwarmMember& peer) {
  return std::min(UsableUploadBps(peer), kMaxCountedBps);
}
std::int64_t CountedDemandBps(const SwarmMember& peer) {
  return std::min(peer.demand_bps, kMaxCountedBps);
}
Error NotAMember(PeerId id) { return Error{"id: peer " + std::to_string(id) + " is not a member"}; }

}  // namespace

Status ValidateSwarmIndexConfig(const SwarmIndexConfig& config) {
  if (config.capacity_classes_per_octave < 1 || config.capacity_classes_per_octave > 64) {
    return Error{"capacity_classes_per_octave: must be in [1, 64]"};
  }
  if (config.position_bucket_segments < 1) return Error{"position_bucket_segments: must be >= 1"};
  return {};
}

int CapacityClassOf(std::int64_t usable_upload_bps, int classes_per_octave) {
  if (usable_upload_bps <= 0) return -1;
  int octave = 0;
  while (octave < 62 && (std::int64_t{2} << octave) <= usable_upload_bps) ++octave;
  const double within = std::ldexp(static_cast<double>(usable_upload_bps), -octave) - 1.0;
  const int step = std::min(classes_per_octave - 1, static_cast<int>(within * classes_per_octave));
  return octave * classes_per_octave + step;
}

double CapacityClassMidBps(int capacity_class, int classes_per_octave) {
  const int octave = capacity_class / classes_per_octave;
  const int step = capacity_class % classes_per_octave;
  return std::ldexp(1.0 + (step + 0.5) / classes_per_octave, octave);
}

Swarm::Swarm(SwarmIndexConfig config) : config_(config) {
  assert(ValidateSwarmIndexConfig(config_).ok());
}

std::int64_t Swarm::PositionBucketOf(SegmentSeq position_seq) const {
  const std::int64_t width = config_.position_bucket_segments;
  const std::int64_t q = position_seq / width;
  return (position_seq % width != 0 && position_seq < 0) ? q - 1 : q;  // floor division
}

RankIndex::Key Swarm::CapacityKey(const SwarmMember& peer) const {
  return {NatKey(peer),
          CapacityClassOf(UsableUploadBps(peer), config_.capacity_classes_per_octave)};
}

RankIndex::Key Swarm::PositionKey(const SwarmMember& peer) const {
  return {NatKey(peer), PositionBucketOf(peer.position_seq)};
}

MemberSlot Swarm::SlotOf(PeerId id) const {
  auto it = slot_of_.find(id);
  return it == slot_of_.end() ? kNoMemberSlot : it->second;
}

const SwarmMember* Swarm::Find(PeerId id) const {
  const MemberSlot slot = SlotOf(id);
  return slot == kNoMemberSlot ? nullptr : &members_[slot].peer;
}

Status Swarm::Join(const SwarmMember& peer) {
  if (const Status valid = ValidateSwarmMember(peer); !valid.ok()) return valid;
  if (slot_of_.count(peer.id) != 0) {
    return Error{"id: peer " + std::to_string(peer.id) + " is already a member"};
  }
  const auto slot = static_cast<MemberSlot>(members_.size());
  members_.push_back({peer, UnitVectorOf(peer.location)});
  slot_of_.emplace(peer.id, slot);
  IndexMember(slot);
  return {};
}

Status Swarm::Leave(PeerId id) {
  const MemberSlot slot = SlotOf(id);
  if (slot == kNoMemberSlot) return NotAMember(id);
  UnindexMember(slot);
  const auto last = static_cast<MemberSlot>(members_.size() - 1);
  if (slot != last) {
    MoveMember(last, slot);
    members_[slot] = members_[last];
    slot_of_[members_[slot].peer.id] = slot;
  }
  members_.pop_back();
  slot_of_.erase(id);
  return {};
}

Status Swarm::UpdatePosition(PeerId id, SegmentSeq position_seq) {
  const MemberSlot slot = SlotOf(id);
  if (slot == kNoMemberSlot) return NotAMember(id);
  SwarmMember& peer = members_[slot].peer;
  by_position_.Erase(slot, PositionKey(peer));
  peer.position_seq = position_seq;
  by_position_.Insert(slot, PositionKey(peer));
  return {};
}

Status Swarm::UpdateCapacity(PeerId id, std::int64_t upload_capacity_bps) {
  if (upload_capacity_bps < 0) return Error{"upload_capacity_bps: must be >= 0"};
  const MemberSlot slot = SlotOf(id);
  if (slot == kNoMemberSlot) return NotAMember(id);
  SwarmMember& peer = members_[slot].peer;
  by_capacity_.Erase(slot, CapacityKey(peer));
  CountSupply(peer, -1);
  peer.upload_capacity_bps = upload_capacity_bps;
  CountSupply(peer, +1);
  by_capacity_.Insert(slot, CapacityKey(peer));
  return {};
}

Status Swarm::UpdateDemand(PeerId id, std::int64_t demand_bps) {
  if (demand_bps < 0) return Error{"demand_bps: must be >= 0"};
  const MemberSlot slot = SlotOf(id);
  if (slot == kNoMemberSlot) return NotAMember(id);
  SwarmMember& peer = members_[slot].peer;
  CountSupply(peer, -1);
  peer.demand_bps = demand_bps;
  CountSupply(peer, +1);
  return {};
}

double Swarm::LocalSupplyShare(IspId isp, double headroom) const {
  if (headroom <= 0.0 || demand_members_ == 0) return 1.0;
  const auto it = supply_by_isp_.find(isp);
  if (it == supply_by_isp_.end()) return 1.0;
  const double mean_demand_bps =
      static_cast<double>(demand_sum_bps_) / static_cast<double>(demand_members_);
  const double needed_bps = static_cast<double>(it->second.members) * mean_demand_bps * headroom;
  if (needed_bps <= 0.0) return 1.0;
  return std::min(1.0, static_cast<double>(it->second.usable_upload_bps) / needed_bps);
}

void Swarm::CountSupply(const SwarmMember& peer, int sign) {
  IspSupply& supply = supply_by_isp_[peer.isp];
  supply.members += sign;
  supply.usable_upload_bps += sign * CountedUploadBps(peer);
  if (supply.members == 0) supply_by_isp_.erase(peer.isp);
  if (peer.demand_bps > 0) {
    demand_sum_bps_ += sign * CountedDemandBps(peer);
    demand_members_ += sign;
  }
}

void Swarm::IndexMember(MemberSlot slot) {
  const SwarmMember& peer = members_[slot].peer;
  by_nat_.Insert(slot, NatKey(peer));
  by_isp_.Insert(slot, IspKey(peer));
  by_location_.Insert(slot, peer.location, members_[slot].unit, peer.nat);
  by_capacity_.Insert(slot, CapacityKey(peer));
  by_position_.Insert(slot, PositionKey(peer));
  CountSupply(peer, +1);
}

void Swarm::UnindexMember(MemberSlot slot) {
  const SwarmMember& peer = members_[slot].peer;
  by_nat_.Erase(slot, NatKey(peer));
  by_isp_.Erase(slot, IspKey(peer));
  by_location_.Erase(slot, peer.location, peer.nat);
  by_capacity_.Erase(slot, CapacityKey(peer));
  by_position_.Erase(slot, PositionKey(peer));
  CountSupply(peer, -1);
}

void Swarm::MoveMember(MemberSlot from, MemberSlot to) {
  const SwarmMember& peer = members_[from].peer;
  by_nat_.Move(from, to, NatKey(peer));
  by_isp_.Move(from, to, IspKey(peer));
  by_location_.Move(from, to, peer.location);
  by_capacity_.Move(from, to, CapacityKey(peer));
  by_position_.Move(from, to, PositionKey(peer));
}

Status Swarm::CheckSupply() const {
  std::unordered_map<IspId, IspSupply> expected;
  std::int64_t demand_sum_bps = 0;
  std::int64_t demand_members = 0;
  for (const Member& m : members_) {
    IspSupply& supply = expected[m.peer.isp];
    ++supply.members;
    supply.usable_upload_bps += CountedUploadBps(m.peer);
    if (m.peer.demand_bps > 0) {
      demand_sum_bps += CountedDemandBps(m.peer);
      ++demand_members;
    }
  }
  if (expected.size() != supply_by_isp_.size()) return Error{"supply: wrong ISP count"};
  for (const auto& [isp, supply] : expected) {
    const auto it = supply_by_isp_.find(isp);
    if (it == supply_by_isp_.end() || it->second.members != supply.members ||
        it->second.usable_upload_bps != supply.usable_upload_bps) {
      return Error{"supply: wrong sums for ISP " + std::to_string(isp)};
    }
  }
  if (demand_sum_bps != demand_sum_bps_ || demand_members != demand_members_) {
    return Error{"supply: wrong demand sums"};
  }
  return {};
}

Status Swarm::CheckConsistency() const {
  const std::size_t n = members_.size();
  if (slot_of_.size() != n) return Error{"slot map size differs from member count"};
  for (MemberSlot s = 0; s < n; ++s) {
    if (SlotOf(members_[s].peer.id) != s) return Error{"slot map: wrong slot for member"};
    if (SquaredChordBetween(members_[s].unit, UnitVectorOf(members_[s].peer.location)) > 1e-20) {
      return Error{"members: stale unit vector"};
    }
  }
  const auto at = [this](MemberSlot s) -> const SwarmMember& { return members_[s].peer; };
  Status status = by_nat_.Check(
      n, [&](MemberSlot s) { return NatKey(at(s)); }, "by_nat");
  if (status.ok())
    status = by_isp_.Check(
        n, [&](MemberSlot s) { return IspKey(at(s)); }, "by_isp");
  if (status.ok()) {
    status = by_capacity_.Check(
        n, [&](MemberSlot s) { return CapacityKey(at(s)); }, "by_cap");
  }
  if (status.ok()) {
    status = by_position_.Check(
        n, [&](MemberSlot s) { return PositionKey(at(s)); }, "by_pos");
  }
  if (status.ok()) status = CheckSupply();
  if (status.ok()) {
    status = by_location_.Check(
        n, [&](MemberSlot s) { return at(s).location; }, [&](MemberSlot s) { return at(s).nat; });
  }
  return status;
}

}  // namespace cdnmesh
