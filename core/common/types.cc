#include "core/common/types.h"

namespace cdnmesh {

std::string_view DeviceClassName(DeviceClass device) {
  switch (device) {
    case DeviceClass::kDesktop:
      return "desktop";
    case DeviceClass::kTv:
      return "tv";
    case DeviceClass::kMobileWifi:
      return "mobile_wifi";
    case DeviceClass::kMobileCellular:
      return "mobile_cellular";
  }
  return "unknown";
}

std::string_view NatTypeName(NatType nat) {
  switch (nat) {
    case NatType::kOpen:
      return "open";
    case NatType::kRestrictedCone:
      return "restricted_cone";
    case NatType::kPortRestricted:
      return "port_restricted";
    case NatType::kSymmetric:
      return "symmetric";
  }
  return "unknown";
}

}  // namespace cdnmesh
