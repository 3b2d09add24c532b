// Distances on the Earth for matching. Points are mapped to unit vectors; the straight-line
// (chord) distance between two unit vectors is monotone in the great-circle distance, so
// rankings by chord equal rankings by great-circle distance and the chord obeys the triangle
// inequality (used for exact pruning in the spatial index).
#pragma once

#include <cmath>

#include "core/common/types.h"

namespace cdnmesh {

/// Mean Earth radius, kilometres (IUGG).
inline constexpr double kEarthRadiusKm = 6371.0088;

/// A point in 3-D; for locations, a unit vector from the Earth's centre.
struct Vec3 {
  double x = 0.0;  ///< towards latitude 0, longitude 0
  double y = 0.0;  ///< towards latitude 0, longitude 90 E
  double z = 0.0;  ///< towards the North Pole
};

/// The unit vector of a location given in degrees.
Vec3 UnitVectorOf(const GeoPoint& point);
/// Squared Euclidean distance between two points (cheaper; same ordering as the chord).
inline double SquaredChordBetween(const Vec3& a, const Vec3& b) {
  const double dx = a.x - b.x;
  const double dy = a.y - b.y;
  const double dz = a.z - b.z;
  return dx * dx + dy * dy + dz * dz;
}
/// Euclidean distance between two points (for unit vectors: chord length in Earth radii, 0..2).
inline double ChordBetween(const Vec3& a, const Vec3& b) {
  return std::sqrt(SquaredChordBetween(a, b));
}
/// Great-circle distance in kilometres for a chord length in Earth radii.
double ChordToKm(double chord);
/// Great-circle distance in kilometres between two locations.
double GreatCircleDistanceKm(const GeoPoint& a, const GeoPoint& b);

}  // namespace cdnmesh
