#include "sim/config/enum-names.h"

namespace cdnmesh {

const NameTable<DistributionKind>& DistributionKindNames() {
  static const NameTable<DistributionKind> table = {
      {"constant", DistributionKind::kConstant},
      {"uniform", DistributionKind::kUniform},
      {"lognormal", DistributionKind::kLognormal},
      {"exponential", DistributionKind::kExponential},
  };
  return table;
}

const NameTable<DeviceClass>& DeviceClassNames() {
  static const NameTable<DeviceClass> table = {
      {"desktop", DeviceClass::kDesktop},
      {"tv", DeviceClass::kTv},
      {"mobile_wifi", DeviceClass::kMobileWifi},
      {"mobile_cellular", DeviceClass::kMobileCellular},
  };
  return table;
}

const NameTable<NatType>& NatTypeNames() {
  static const NameTable<NatType> table = {
      {"open", NatType::kOpen},
      {"restricted_cone", NatType::kRestrictedCone},
      {"port_restricted", NatType::kPortRestricted},
      {"symmetric", NatType::kSymmetric},
  };
  return table;
}

}  // namespace cdnmesh
