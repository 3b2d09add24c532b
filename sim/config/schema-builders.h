// Builders of schema entries: each binds a key to a member reached by `ref` (a callable taking
// the struct by reference and returning a reference to the member; see CDNMESH_REF).
#pragma once

#include <algorithm>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "core/common/time.h"
#include "sim/config/enum-names.h"
#include "sim/config/schema-field.h"

/// A member accessor for the builders: CDNMESH_REF(run.seed) reaches `config.run.seed`.
#define CDNMESH_REF(member) \
  [](auto& c) -> auto& { return c.member; }

namespace cdnmesh {

/// An entry's metadata without accessors.
template <typename T>
Field<T> BareEntry(std::string key, ParamType type, std::string unit, ValueRange range,
                   std::string description) {
  Field<T> field;
  field.key = std::move(key);
  field.type = type;
  field.unit = std::move(unit);
  field.range = range;
  field.description = std::move(description);
  return field;
}

/// A bool member.
template <typename T, typename Ref>
Field<T> BoolEntry(std::string key, Ref ref, std::string description) {
  Field<T> f = BareEntry<T>(std::move(key), ParamType::kBool, "", {}, std::move(description));
  f.get = [ref](const T& c) { return ParamValue{static_cast<bool>(ref(c))}; };
  f.set = [ref](T& c, const ParamValue& v) { ref(c) = std::get<bool>(v); };
  return f;
}

/// Largest rate (bps) or size (bytes) a scenario may give: 1 Pbit/s, 1 PB. Products with
/// durations (bytes = rate x time) then stay far inside int64 and double's exact integers.
inline constexpr double kMaxQuantity = 1e15;

/// `range` capped at kMaxQuantity for rates and sizes ("bps", "bytes"); others unchanged.
inline ValueRange QuantityRange(const std::string& unit, ValueRange range) {
  if ((unit == "bps" || unit == "bytes") && (!range.has_max || range.max > kMaxQuantity)) {
    range.has_max = true;
    range.max = kMaxQuantity;
    range.max_exclusive = false;
  }
  return range;
}

/// An integer member (int, int64 or uint64).
template <typename T, typename Ref>
Field<T> IntEntry(std::string key, Ref ref, std::string unit, ValueRange range,
                  std::string description) {
  using Member = std::decay_t<decltype(ref(std::declval<T&>()))>;
  range = QuantityRange(unit, range);
  Field<T> f =
      BareEntry<T>(std::move(key), ParamType::kInt, std::move(unit), range, std::move(description));
  f.int32 = sizeof(Member) <= 4;
  f.get = [ref](const T& c) { return ParamValue{static_cast<std::int64_t>(ref(c))}; };
  f.set = [ref](T& c, const ParamValue& v) {
    ref(c) = static_cast<Member>(std::get<std::int64_t>(v));
  };
  return f;
}

/// A floating-point member.
template <typename T, typename Ref>
Field<T> FloatEntry(std::string key, Ref ref, std::string unit, ValueRange range,
                    std::string description) {
  range = QuantityRange(unit, range);
  Field<T> f = BareEntry<T>(std::move(key), ParamType::kFloat, std::move(unit), range,
                            std::move(description));
  f.get = [ref](const T& c) { return ParamValue{static_cast<double>(ref(c))}; };
  f.set = [ref](T& c, const ParamValue& v) { ref(c) = std::get<double>(v); };
  return f;
}

/// `range` for a duration stored in integer microseconds: "> 0" becomes ">= 1 us" (the clock's
/// resolution) and the upper end is at most kMaxScenarioDurationS.
inline ValueRange DurationRange(ValueRange range) {
  if (range.has_min && range.min == 0.0 && range.min_exclusive) {
    range.min = kSecondsPerUs;
    range.min_exclusive = false;
  }
  if (!range.has_max || range.max > kMaxScenarioDurationS) {
    range.has_max = true;
    range.max = kMaxScenarioDurationS;
    range.max_exclusive = false;
  }
  return range;
}

/// Longest one-way latency of any link or service (a minute; a geostationary hop is 0.25 s).
/// Set-up times multiply latencies by round-trip counts: this keeps them far from overflow.
inline constexpr double kMaxLatencyS = 60;

/// A microsecond member written in seconds (the key ends in _s); values are checked against
/// DurationRange(range) (and at most kMaxLatencyS for keys ending in latency_s) and the 1 us
/// resolution.
template <typename T, typename Ref>
Field<T> SecondsEntry(std::string key, Ref ref, ValueRange range, std::string description) {
  range = DurationRange(range);
  const std::string latency = "latency_s";
  if (key.size() >= latency.size() &&
      key.compare(key.size() - latency.size(), latency.size(), latency) == 0) {
    range.max = std::min(range.max, kMaxLatencyS);
  }
  Field<T> f = BareEntry<T>(std::move(key), ParamType::kFloat, "s", range, std::move(description));
  f.microseconds = true;
  f.get = [ref](const T& c) { return ParamValue{UsToSeconds(ref(c))}; };
  f.set = [ref](T& c, const ParamValue& v) { ref(c) = SecondsToUs(std::get<double>(v)); };
  return f;
}

/// A string member.
template <typename T, typename Ref>
Field<T> StringEntry(std::string key, Ref ref, std::string description) {
  Field<T> f = BareEntry<T>(std::move(key), ParamType::kString, "", {}, std::move(description));
  f.get = [ref](const T& c) { return ParamValue{std::string(ref(c))}; };
  f.set = [ref](T& c, const ParamValue& v) { ref(c) = std::get<std::string>(v); };
  return f;
}

/// An enum member named by `names` (a table that outlives the entry).
template <typename T, typename E, typename Ref>
Field<T> EnumEntry(std::string key, Ref ref, const NameTable<E>& names, std::string description) {
  Field<T> f = BareEntry<T>(std::move(key), ParamType::kEnum, "", {}, std::move(description));
  f.choices = NamesOf(names);
  const NameTable<E>* table = &names;
  f.get = [ref, table](const T& c) { return ParamValue{NameOf(*table, ref(c))}; };
  f.set = [ref, table](T& c, const ParamValue& v) {
    for (const auto& entry : *table) {
      if (entry.first == std::get<std::string>(v)) ref(c) = entry.second;
    }
  };
  return f;
}

/// A string member restricted to `choices`.
template <typename T, typename Ref>
Field<T> ChoiceEntry(std::string key, Ref ref, std::vector<std::string> choices,
                     std::string description) {
  Field<T> f = StringEntry<T>(std::move(key), ref, std::move(description));
  f.type = ParamType::kEnum;
  f.choices = std::move(choices);
  return f;
}

/// A DistributionConfig member; `range` bounds its values (value, min, max, median, mean).
template <typename T, typename Ref>
Field<T> DistributionEntry(std::string key, Ref ref, std::string unit, ValueRange range,
                           std::string description) {
  range = QuantityRange(unit, range);
  Field<T> f = BareEntry<T>(std::move(key), ParamType::kDistribution, std::move(unit), range,
                            std::move(description));
  f.get = [ref](const T& c) { return ParamValue{ref(c)}; };
  f.set = [ref](T& c, const ParamValue& v) { ref(c) = std::get<DistributionConfig>(v); };
  return f;
}

/// `inner` re-bound to Outer through `part` (e.g. a PeerConfig entry seen from ScenarioConfig).
template <typename Outer, typename Inner, typename Part>
Field<Outer> ProjectEntry(const Field<Inner>& inner, Part part) {
  Field<Outer> f;
  static_cast<FieldSpec&>(f) = inner;
  auto get = inner.get;
  auto set = inner.set;
  f.get = [get, part](const Outer& c) { return get(part(c)); };
  f.set = [set, part](Outer& c, const ParamValue& v) { set(part(c), v); };
  return f;
}

}  // namespace cdnmesh
