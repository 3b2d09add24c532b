// Schema entries of tracker.*, signaling.* and distributor.* (with its per-viewer overrides).
#include "sim/config/schema-list.h"
#include "sim/config/schema-tables.h"

namespace cdnmesh {
namespace {

using S = ScenarioConfig;
using O = DistributorOverride;

void AppendHybrid(std::vector<Field<S>>& f) {
  const std::string h = "tracker.hybrid.";
  const std::vector<std::pair<std::string, std::string>> weights = {
      {"isp_weight", "same ISP as the requester"},
      {"distance_weight", "closeness 1 / (1 + distance_km / distance_scale_km)"},
      {"capacity_weight", "usable upload u / (u + capacity_half_bps)"},
      {"position_weight", "1 / (1 + |position difference| / position_scale_segments)"},
      {"device_weight", "device (desktop 1, tv 0.8, mobile_wifi 0.5, mobile_cellular 0)"},
      {"nat_weight", "NAT ease (open 1 ... symmetric 0.25)"}};
  double HybridPolicyConfig::*const members[] = {
      &HybridPolicyConfig::isp_weight,      &HybridPolicyConfig::distance_weight,
      &HybridPolicyConfig::capacity_weight, &HybridPolicyConfig::position_weight,
      &HybridPolicyConfig::device_weight,   &HybridPolicyConfig::nat_weight};
  for (std::size_t i = 0; i < weights.size(); ++i) {
    double HybridPolicyConfig::*m = members[i];
    f.push_back(FloatEntry<S>(
        h + weights[i].first, [m](auto& c) -> auto& { return c.tracker.matching.hybrid.*m; }, "",
        ValueRange::AtLeast(0), "hybrid: weight of " + weights[i].second + " (0 disables)."));
  }
  f.push_back(FloatEntry<S>(h + "distance_scale_km",
                            CDNMESH_REF(tracker.matching.hybrid.distance_scale_km), "km",
                            ValueRange::Above(0), "hybrid: distance at which closeness is 1/2."));
  f.push_back(IntEntry<S>(
      h + "capacity_half_bps", CDNMESH_REF(tracker.matching.hybrid.capacity_half_bps), "bps",
      ValueRange::Above(0), "hybrid: upload at which the capacity term is 1/2."));
  f.push_back(FloatEntry<S>(h + "position_scale_segments",
                            CDNMESH_REF(tracker.matching.hybrid.position_scale_segments),
                            "segments", ValueRange::Above(0),
                            "hybrid: position difference at which the position term is 1/2."));
  f.push_back(IntEntry<S>(
      h + "pool_multiplier", CDNMESH_REF(tracker.matching.hybrid.pool_multiplier), "",
      ValueRange::Between(1, 64), "hybrid: candidate pool = this x requested candidates."));
  f.push_back(IntEntry<S>(
      h + "max_cells_opened", CDNMESH_REF(tracker.matching.hybrid.max_cells_opened), "cells",
      ValueRange::Between(1, 1e6), "hybrid: safety cap on spatial cells opened per request."));
}

void AppendTracker(std::vector<Field<S>>& f) {
  f.push_back(ChoiceEntry<S>("tracker.policy", CDNMESH_REF(tracker.policy),
                             {"random", "same_isp", "nearest", "capacity", "position", "hybrid"},
                             "Matching policy of the tracker."));
  f.push_back(IntEntry<S>("tracker.peers_per_request", CDNMESH_REF(tracker.peers_per_request),
                          "peers", ValueRange::Between(1, 200),
                          "Candidates returned per announce (a PeerList holds at most 200)."));
  f.push_back(SecondsEntry<S>("tracker.latency_s", CDNMESH_REF(tracker.latency_us),
                              ValueRange::AtLeast(0), "One-way latency viewer <-> tracker."));
  f.push_back(FloatEntry<S>(
      "tracker.locality_supply_headroom", CDNMESH_REF(tracker.matching.locality.supply_headroom),
      "", ValueRange::Between(0, 100),
      "same_isp, nearest, hybrid: upload an ISP needs per bps its members draw (measured between "
      "announces) to keep every candidate local; below that only that share is local, the rest "
      "are uploaders drawn by capacity. 0 = local regardless of supply."));
  f.push_back(IntEntry<S>(
      "tracker.nearest.max_cells_opened", CDNMESH_REF(tracker.matching.nearest.max_cells_opened),
      "cells", ValueRange::Between(1, 1e6),
      "nearest: safety cap on spatial cells opened per request."));
  f.push_back(BoolEntry<S>("tracker.capacity.include_non_uploaders",
                           CDNMESH_REF(tracker.matching.capacity.include_non_uploaders),
                           "capacity: peers that upload nothing may fill the tail."));
  AppendHybrid(f);
}

void AppendSignaling(std::vector<Field<S>>& f) {
  const std::string p = "signaling.";
  f.push_back(SecondsEntry<S>(p + "latency_s", CDNMESH_REF(signaling.latency_us),
                              ValueRange::AtLeast(0), "One-way latency viewer <-> signaling."));
  f.push_back(IntEntry<S>(p + "signaling_round_trips", CDNMESH_REF(signaling.signaling_round_trips),
                          "round trips", ValueRange::Between(0, 100),
                          "Round trips through the signaling service (offer/answer)."));
  f.push_back(IntEntry<S>(p + "ice_round_trips", CDNMESH_REF(signaling.ice_round_trips),
                          "round trips", ValueRange::Between(0, 100),
                          "Round trips of ICE connectivity checks between the peers."));
  f.push_back(IntEntry<S>(p + "dtls_round_trips", CDNMESH_REF(signaling.dtls_round_trips),
                          "round trips", ValueRange::Between(0, 100),
                          "Round trips of the DTLS handshake between the peers."));
  f.push_back(FloatEntry<S>(p + "traversal_success_probability",
                            CDNMESH_REF(signaling.traversal_success_probability), "",
                            ValueRange::Between(0, 1),
                            "Probability that NAT traversal succeeds for a connectable pair."));
  f.push_back(SecondsEntry<S>(
      p + "ice_failure_timeout_s", CDNMESH_REF(signaling.ice_failure_timeout_us),
      ValueRange::Between(0, 120),
      "Time from the start of ICE until a failed attempt (NAT pair, traversal, a viewer gone) is "
      "known: ICE fails only when its checks time out (libwebrtc: 15 s). 0 = known right after "
      "the ICE round trips, and an attempt towards a departed viewer counts as a NAT failure "
      "(the model before this key)."));
}

// The override `set` map: client keys applied on top of the scenario's base client config.
Field<O> SetEntry() {
  Field<O> f = BareEntry<O>("set", ParamType::kMap, "", {},
                            "Client keys (p2p.*, scheduler.*, player.*; dotted or nested) "
                            "applied on the scenario's base client config.");
  f.default_text = "{}";
  f.parse_node = [](O& o, const YAML::Node& node, const std::string& path, Diagnostics& diag) {
    ParseFields(PeerFields(), node, path + ".", o.config, diag);
  };
  return f;
}

const std::vector<Field<O>>& OverrideFields() {
  static const std::vector<Field<O>> fields = [] {
    std::vector<Field<O>> f;
    f.push_back(BareEntry<O>("device", ParamType::kEnum, "", {},
                             "Condition: the viewer's device class (absent: any)."));
    f.back().choices = NamesOf(DeviceClassNames());
    f.back().nullable = true;
    f.back().get = [](const O& o) {
      return o.device ? ParamValue{NameOf(DeviceClassNames(), *o.device)} : ParamValue{};
    };
    f.back().set = [](O& o, const ParamValue& v) {
      o.device.reset();
      for (const auto& entry : DeviceClassNames()) {
        if (const auto* name = std::get_if<std::string>(&v); name && *name == entry.first) {
          o.device = entry.second;
        }
      }
    };
    f.push_back(BareEntry<O>("isp", ParamType::kString, "", {},
                             "Condition: the viewer's ISP name (absent: any)."));
    f.back().nullable = true;
    f.back().get = [](const O& o) { return o.isp ? ParamValue{*o.isp} : ParamValue{}; };
    f.back().set = [](O& o, const ParamValue& v) {
      const auto* name = std::get_if<std::string>(&v);
      o.isp = name ? std::optional<std::string>(*name) : std::nullopt;
    };
    f.push_back(SetEntry());
    return f;
  }();
  return fields;
}

// Exports an override's `set` as the client keys that differ from the base config.
void ExportSet(const S& c, const O& o, nlohmann::json& out) {
  nlohmann::json set = nlohmann::json::object();
  for (const Field<PeerConfig>& field : PeerFields()) {
    nlohmann::json value = ParamValueToJson(field.get(o.config));
    if (value != ParamValueToJson(field.get(c.peer))) set[field.key] = std::move(value);
  }
  out["set"] = std::move(set);
}

void AppendDistributor(std::vector<Field<S>>& f) {
  f.push_back(SecondsEntry<S>("distributor.latency_s", CDNMESH_REF(distributor.latency_us),
                              ValueRange::AtLeast(0), "One-way latency viewer <-> distributor."));
  f.push_back(ListEntry<O>(
      "distributor.overrides", CDNMESH_REF(distributor.overrides), &OverrideFields,
      [](const S& c) {
        O o;
        o.config = c.peer;
        return o;
      },
      "Per-viewer client configs handed out at join: the first override whose conditions "
      "match a viewer wins, else the base config.",
      &ExportSet));
  f.back().deferred = true;
  f.back().default_text = "[]";
}

}  // namespace

void AppendServiceFields(std::vector<Field<ScenarioConfig>>& out) {
  AppendTracker(out);
  AppendSignaling(out);
  AppendDistributor(out);
}

}  // namespace cdnmesh
