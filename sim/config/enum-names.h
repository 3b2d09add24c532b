// YAML names of the enums a scenario can name, in declaration order.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "core/common/types.h"
#include "models/common/distribution-config.h"

namespace cdnmesh {

/// (YAML name, value) pairs of an enum.
template <typename E>
using NameTable = std::vector<std::pair<std::string, E>>;

/// constant, uniform, lognormal, exponential.
const NameTable<DistributionKind>& DistributionKindNames();
/// desktop, tv, mobile_wifi, mobile_cellular (indexed like DeviceClass).
const NameTable<DeviceClass>& DeviceClassNames();
/// open, restricted_cone, port_restricted, symmetric (indexed like NatType).
const NameTable<NatType>& NatTypeNames();

/// The YAML name of `value` ("" if the table lacks it).
template <typename E>
std::string NameOf(const NameTable<E>& table, E value) {
  for (const auto& entry : table) {
    if (entry.second == value) return entry.first;
  }
  return "";
}

/// The names of a table, in order.
template <typename E>
std::vector<std::string> NamesOf(const NameTable<E>& table) {
  std::vector<std::string> names;
  for (const auto& entry : table) names.push_back(entry.first);
  return names;
}

}  // namespace cdnmesh
