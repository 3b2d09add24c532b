// Schema entries of audience.*: arrivals, sessions, device and NAT mixes, VOD start positions.
#include "sim/config/schema-builders.h"
#include "sim/config/schema-tables.h"

namespace cdnmesh {
namespace {

using S = ScenarioConfig;

const NameTable<ArrivalKind>& ArrivalKindNames() {
  static const NameTable<ArrivalKind> table = {{"constant", ArrivalKind::kConstant},
                                               {"flash_crowd", ArrivalKind::kFlashCrowd},
                                               {"csv", ArrivalKind::kCsv},
                                               {"evenly_spaced", ArrivalKind::kEvenlySpaced}};
  return table;
}

const NameTable<SessionKind>& SessionKindNames() {
  static const NameTable<SessionKind> table = {{"until_end", SessionKind::kUntilEnd},
                                               {"exponential", SessionKind::kExponential},
                                               {"lognormal", SessionKind::kLognormal}};
  return table;
}

const NameTable<VodStartKind>& VodStartKindNames() {
  static const NameTable<VodStartKind> table = {{"beginning", VodStartKind::kBeginning},
                                                {"uniform", VodStartKind::kUniform},
                                                {"exponential", VodStartKind::kExponential}};
  return table;
}

void AppendArrivals(std::vector<Field<S>>& f) {
  const std::string p = "audience.arrivals.";
  f.push_back(EnumEntry<S>(p + "kind", CDNMESH_REF(audience.arrivals.kind), ArrivalKindNames(),
                           "constant: Poisson at rate_per_s in [start_s, end_s]; flash_crowd: "
                           "`viewers` arrivals over ramp_s; csv: Poisson at the rate of a curve; "
                           "evenly_spaced: `viewers` arrivals one every ramp_s / viewers from "
                           "start_s (a fixed join schedule, as in the end-to-end test)."));
  f.push_back(FloatEntry<S>(p + "rate_per_s", CDNMESH_REF(audience.arrivals.rate_per_s), "1/s",
                            ValueRange::AtLeast(0), "constant: arrivals per second."));
  f.push_back(SecondsEntry<S>(p + "start_s", CDNMESH_REF(audience.arrivals.start_us),
                              ValueRange::AtLeast(0),
                              "constant, flash_crowd, evenly_spaced: first arrival."));
  f.push_back(SecondsEntry<S>(p + "end_s", CDNMESH_REF(audience.arrivals.end_us),
                              ValueRange::AtLeast(0),
                              "constant: last arrival time (0 = end of the run)."));
  f.push_back(IntEntry<S>(p + "viewers", CDNMESH_REF(audience.arrivals.viewers), "viewers",
                          ValueRange::AtLeast(0),
                          "flash_crowd, evenly_spaced: number of arrivals."));
  f.push_back(SecondsEntry<S>(p + "ramp_s", CDNMESH_REF(audience.arrivals.ramp_us),
                              ValueRange::AtLeast(0),
                              "flash_crowd, evenly_spaced: arrival window."));
  f.push_back(FloatEntry<S>(p + "peak_fraction", CDNMESH_REF(audience.arrivals.peak_fraction), "",
                            ValueRange::Between(0, 1),
                            "flash_crowd: where in the window the (triangular) density peaks."));
  f.push_back(StringEntry<S>(p + "csv", CDNMESH_REF(audience.arrivals.csv_path),
                             "csv: file with header `time_s,rate_per_s`, rate constant until the "
                             "next row; relative to the scenario file."));
  f.push_back(IntEntry<S>(
      "audience.initial_viewers", CDNMESH_REF(audience.arrivals.initial_viewers), "viewers",
      ValueRange::AtLeast(0), "Viewers present from the start, besides the arrival process."));
  f.push_back(SecondsEntry<S>(
      "audience.initial_join_window_s", CDNMESH_REF(audience.arrivals.initial_join_window_us),
      ValueRange::AtLeast(0), "Initial viewers join uniformly over this first window."));
  f.push_back(FloatEntry<S>("audience.uplink_speed_test_error",
                            CDNMESH_REF(audience.uplink_speed_test_error), "",
                            ValueRange::Between(-1, 0.99),
                            "Each client starts from a speed test of its uplink, off by a factor "
                            "uniform in [1 - e, 1 + e]; negative: no speed test (it learns its "
                            "uplink only by uploading)."));
  f.push_back(IntEntry<S>("audience.max_viewers", CDNMESH_REF(audience.max_viewers), "viewers",
                          ValueRange::AtLeast(0),
                          "Safety cap on viewers created in one run (0 = none)."));
}

void AppendSession(std::vector<Field<S>>& f) {
  const std::string p = "audience.session.";
  f.push_back(EnumEntry<S>(p + "kind", CDNMESH_REF(audience.session.kind), SessionKindNames(),
                           "How long viewers stay: until the run ends, exponential (mean_s) or "
                           "lognormal (median_s, sigma)."));
  f.push_back(SecondsEntry<S>(p + "mean_s", CDNMESH_REF(audience.session.mean_us),
                              ValueRange::Above(0), "exponential: mean session length."));
  f.push_back(SecondsEntry<S>(p + "median_s", CDNMESH_REF(audience.session.median_us),
                              ValueRange::Above(0), "lognormal: median session length."));
  f.push_back(FloatEntry<S>(p + "sigma", CDNMESH_REF(audience.session.sigma), "",
                            ValueRange::AtLeast(0), "lognormal: shape of the underlying normal."));
  f.push_back(SecondsEntry<S>(p + "min_s", CDNMESH_REF(audience.session.min_us),
                              ValueRange::AtLeast(0), "Shorter sessions are raised to this."));
}

void AppendMixes(std::vector<Field<S>>& f) {
  for (const auto& device : DeviceClassNames()) {
    const auto i = static_cast<std::size_t>(device.second);
    f.push_back(FloatEntry<S>(
        "audience.devices." + device.first,
        [i](auto& c) -> auto& { return c.audience.device_mix[i]; }, "", ValueRange::AtLeast(0),
        "Device mix weight (normalized over device classes; sum > 0)."));
  }
  for (const auto& nat : NatTypeNames()) {
    const auto i = static_cast<std::size_t>(nat.second);
    f.push_back(FloatEntry<S>(
        "audience.nat." + nat.first, [i](auto& c) -> auto& { return c.audience.nat_mix[i]; }, "",
        ValueRange::AtLeast(0), "NAT type mix weight (normalized over NAT types; sum > 0)."));
  }
  f.push_back(EnumEntry<S>("audience.vod_start.kind", CDNMESH_REF(audience.vod_start.kind),
                           VodStartKindNames(),
                           "VOD: where viewers start (first segment, uniform over the title, or "
                           "exponential with mean mean_s clamped to the title)."));
  f.push_back(SecondsEntry<S>("audience.vod_start.mean_s", CDNMESH_REF(audience.vod_start.mean_us),
                              ValueRange::Above(0), "exponential: mean start position."));
}

}  // namespace

void AppendAudienceFields(std::vector<Field<ScenarioConfig>>& out) {
  AppendArrivals(out);
  AppendSession(out);
  AppendMixes(out);
}

}  // namespace cdnmesh
