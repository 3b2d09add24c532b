#include "core/matching/geo.h"

#include <algorithm>
#include <cmath>

namespace cdnmesh {
namespace {
constexpr double kRadiansPerDegree = 3.14159265358979323846 / 180.0;
}  // namespace

Vec3 UnitVectorOf(const GeoPoint& point) {
  const double lat = point.latitude_deg * kRadiansPerDegree;
  const double lon = point.longitude_deg * kRadiansPerDegree;
  const double cos_lat = std::cos(lat);
  return {cos_lat * std::cos(lon), cos_lat * std::sin(lon), std::sin(lat)};
}

double ChordToKm(double chord) {
  const double half = std::clamp(chord / 2.0, 0.0, 1.0);
  return 2.0 * std::asin(half) * kEarthRadiusKm;
}

double GreatCircleDistanceKm(const GeoPoint& a, const GeoPoint& b) {
  return ChordToKm(ChordBetween(UnitVectorOf(a), UnitVectorOf(b)));
}

}  // namespace cdnmesh
