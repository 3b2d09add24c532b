// Schema entries of isps, cdn.*, transit.*, propagation.* and transport.*, and the default ISP and PoP.
#include "sim/config/schema-list.h"
#include "sim/config/schema-tables.h"

namespace cdnmesh {
namespace {

using S = ScenarioConfig;

const NameTable<PopSelection>& PopSelectionNames() {
  static const NameTable<PopSelection> table = {{"by_isp", PopSelection::kByIsp},
                                                {"nearest", PopSelection::kNearest}};
  return table;
}

template <typename T, typename Ref>
void AppendGeo(std::vector<Field<T>>& f, const std::string& prefix, Ref ref) {
  f.push_back(FloatEntry<T>(
      prefix + ".latitude_deg", [ref](auto& c) -> auto& { return ref(c).latitude_deg; }, "deg",
      ValueRange::Between(-90, 90), "Latitude."));
  f.push_back(FloatEntry<T>(
      prefix + ".longitude_deg", [ref](auto& c) -> auto& { return ref(c).longitude_deg; }, "deg",
      ValueRange::Between(-180, 180), "Longitude."));
}

void AppendAccess(std::vector<Field<IspConfig>>& f) {
  for (const auto& device : DeviceClassNames()) {
    const auto i = static_cast<std::size_t>(device.second);
    const std::string p = "access." + device.first;
    f.push_back(DistributionEntry<IspConfig>(
        p + ".down_bps", [i](auto& c) -> auto& { return c.access[i].down_bps; }, "bps",
        ValueRange::AtLeast(0),
        "Download capacity of a " + device.first + " viewer's access link."));
    f.push_back(DistributionEntry<IspConfig>(
        p + ".up_bps", [i](auto& c) -> auto& { return c.access[i].up_bps; }, "bps",
        ValueRange::AtLeast(0), "Upload capacity of a " + device.first + " viewer's access link."));
  }
}

const std::vector<Field<IspConfig>>& IspFields() {
  static const std::vector<Field<IspConfig>> fields = [] {
    using I = IspConfig;
    std::vector<Field<I>> f;
    f.push_back(StringEntry<I>("name", CDNMESH_REF(name), "Unique ISP name."));
    f.back().required = true;
    f.push_back(FloatEntry<I>("share", CDNMESH_REF(share), "", ValueRange::AtLeast(0),
                              "Relative share of the audience (normalized over ISPs; sum > 0)."));
    AppendGeo(f, "center", CDNMESH_REF(center));
    f.push_back(FloatEntry<I>("radius_km", CDNMESH_REF(radius_km), "km", ValueRange::AtLeast(0),
                              "Viewers are placed uniformly in a disc of this radius."));
    f.push_back(SecondsEntry<I>("access_latency_s", CDNMESH_REF(access_latency_us),
                                ValueRange::AtLeast(0), "One-way latency of an access link."));
    f.push_back(SecondsEntry<I>("core_latency_s", CDNMESH_REF(core_latency_us),
                                ValueRange::AtLeast(0),
                                "One-way latency across the ISP's core between two viewers."));
    f.push_back(StringEntry<I>("pop", CDNMESH_REF(pop),
                               "PoP serving this ISP with cdn.pop_selection by_isp (empty: the "
                               "first PoP)."));
    AppendAccess(f);
    return f;
  }();
  return fields;
}

const std::vector<Field<PopConfig>>& PopFields() {
  static const std::vector<Field<PopConfig>> fields = [] {
    using P = PopConfig;
    std::vector<Field<P>> f;
    f.push_back(StringEntry<P>("name", CDNMESH_REF(name), "Unique PoP name."));
    f.back().required = true;
    AppendGeo(f, "location", CDNMESH_REF(location));
    f.push_back(
        IntEntry<P>("egress_bps", CDNMESH_REF(egress_bps), "bps", ValueRange::AtLeast(0),
                    "Egress capacity shared by every flow the PoP serves (0 = unlimited)."));
    f.push_back(SecondsEntry<P>("peering_latency_s", CDNMESH_REF(peering_latency_us),
                                ValueRange::AtLeast(0), "One-way latency of the peering link."));
    f.push_back(IntEntry<P>("peering_capacity_bps", CDNMESH_REF(peering_capacity_bps), "bps",
                            ValueRange::AtLeast(0),
                            "Capacity of the peering link to each ISP (0 = unlimited)."));
    return f;
  }();
  return fields;
}

void AppendCdnTransit(std::vector<Field<S>>& f) {
  f.push_back(EnumEntry<S>("cdn.pop_selection", CDNMESH_REF(topology.pop_selection),
                           PopSelectionNames(),
                           "by_isp: the PoP named by the viewer's ISP; nearest: the closest PoP."));
  f.push_back(ListEntry<PopConfig>(
      "cdn.pops", CDNMESH_REF(topology.pops), &PopFields, [](const S&) { return DefaultPop(""); },
      "CDN points of presence; a given list replaces the default."));
  f.back().default_text = ListDefaultText(f.back().to_json(DefaultScenario()));
  f.push_back(IntEntry<S>("transit.capacity_bps", CDNMESH_REF(topology.transit.capacity_bps), "bps",
                          ValueRange::AtLeast(0),
                          "Capacity of each directed inter-ISP transit link (0 = unlimited)."));
  f.push_back(SecondsEntry<S>("transit.latency_s", CDNMESH_REF(topology.transit.latency_us),
                              ValueRange::AtLeast(0), "One-way latency of a transit link."));
  f.push_back(FloatEntry<S>("transit.cost_per_gb", CDNMESH_REF(topology.transit.cost_per_gb),
                            "currency/GB", ValueRange::AtLeast(0),
                            "Cost per 10^9 bytes crossing ISP boundaries."));
  f.push_back(FloatEntry<S>("propagation.stretch", CDNMESH_REF(topology.propagation.stretch), "",
                            ValueRange::Between(0, 10),
                            "Route length over great-circle distance: every path also waits "
                            "distance x stretch / km_per_ms (viewer to viewer, viewer to its "
                            "PoP); 0 = no delay from distance."));
  f.push_back(FloatEntry<S>("propagation.km_per_ms", CDNMESH_REF(topology.propagation.km_per_ms),
                            "km/ms", ValueRange::Between(1, 300),
                            "Signal speed along the route (light in fibre: about 200)."));
}

void AppendTransport(std::vector<Field<S>>& f) {
  const std::string p = "transport.";
  f.push_back(IntEntry<S>(p + "cdn_window_bytes", CDNMESH_REF(topology.transport.cdn_window_bytes),
                          "bytes", ValueRange::Above(0),
                          "Window of a CDN flow; its rate is capped at window / RTT."));
  f.push_back(IntEntry<S>(p + "p2p_window_bytes", CDNMESH_REF(topology.transport.p2p_window_bytes),
                          "bytes", ValueRange::Above(0),
                          "Window of a peer flow; its rate is capped at window / RTT."));
  f.push_back(IntEntry<S>(
      p + "request_round_trips", CDNMESH_REF(topology.transport.request_round_trips), "round trips",
      ValueRange::AtLeast(0), "Round trips before the first byte of a transfer arrives."));
  f.push_back(BoolEntry<S>(
      p + "slow_start", CDNMESH_REF(topology.transport.slow_start),
      "Flow model: each transfer also waits the time TCP slow start and headers cost it (initial "
      "window network.packet.*_initial_cwnd_segments x *_mss_bytes, doubling per round trip for "
      "the CDN, x1.5 for peers, up to the path's fair share when it starts)."));
  f.push_back(FloatEntry<S>(
      p + "queue_factor", CDNMESH_REF(topology.transport.queue_factor), "", ValueRange::Between(0, 4),
      "With slow_start: each slow-start round trip (and the last byte) also waits this share of "
      "a full network.packet.queue_packets queue's drain time on every saturated link of the "
      "path (fitted by cdnmesh fit-flow-model)."));
  f.push_back(FloatEntry<S>(
      p + "ack_queue_factor", CDNMESH_REF(topology.transport.ack_queue_factor), "",
      ValueRange::Between(0, 4),
      "With slow_start: each slow-start round trip also waits this share of a full queue's drain "
      "time on the receiver's uplink when it is saturated (its ACKs queue there; fitted by "
      "cdnmesh fit-flow-model)."));
  f.push_back(FloatEntry<S>(
      p + "newcomer_factor", CDNMESH_REF(topology.transport.newcomer_factor), "",
      ValueRange::Between(0, 4),
      "With slow_start: a transfer that starts on a saturated path also waits this share of its "
      "fluid time (a newcomer gets less than an equal share while TCP converges; fitted by "
      "cdnmesh fit-flow-model)."));
}

}  // namespace

IspConfig DefaultIsp(const std::string& name) {
  IspConfig isp;
  isp.name = name;
  auto& access = isp.access;
  const auto at = [](DeviceClass d) { return static_cast<std::size_t>(d); };
  access[at(DeviceClass::kDesktop)] = {DistributionConfig::Lognormal(50e6, 0.5, 2e6, 1e9),
                                       DistributionConfig::Lognormal(10e6, 0.7, 0.5e6, 1e9)};
  access[at(DeviceClass::kTv)] = {DistributionConfig::Lognormal(40e6, 0.5, 2e6, 1e9),
                                  DistributionConfig::Lognormal(8e6, 0.7, 0.5e6, 1e9)};
  access[at(DeviceClass::kMobileWifi)] = {DistributionConfig::Lognormal(30e6, 0.6, 1e6, 500e6),
                                          DistributionConfig::Lognormal(5e6, 0.8, 0.25e6, 200e6)};
  access[at(DeviceClass::kMobileCellular)] = {
      DistributionConfig::Lognormal(20e6, 0.8, 0.5e6, 300e6), DistributionConfig::Constant(0)};
  return isp;
}

PopConfig DefaultPop(const std::string& name) {
  PopConfig pop;
  pop.name = name;
  return pop;
}

void AppendTopologyFields(std::vector<Field<ScenarioConfig>>& out) {
  out.push_back(ListEntry<IspConfig>(
      "isps", CDNMESH_REF(topology.isps), &IspFields, [](const S&) { return DefaultIsp(""); },
      "ISPs (autonomous systems) the audience is spread over; a given list replaces the "
      "default."));
  out.back().default_text = ListDefaultText(out.back().to_json(DefaultScenario()));
  AppendCdnTransit(out);
  AppendTransport(out);
}

}  // namespace cdnmesh
