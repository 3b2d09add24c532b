#include "core/matching/geo.h"

#include <gtest/gtest.h>

#include <cmath>

namespace cdnmesh {
namespace {

constexpr double kPi = 3.14159265358979323846;

TEST(GeoTest, KnownCityDistances) {
  const GeoPoint paris{48.8566, 2.3522};
  const GeoPoint london{51.5074, -0.1278};
  const GeoPoint new_york{40.7128, -74.0060};
  EXPECT_NEAR(GreatCircleDistanceKm(paris, london), 343.5, 1.0);
  EXPECT_NEAR(GreatCircleDistanceKm(paris, new_york), 5837.0, 10.0);
  EXPECT_DOUBLE_EQ(GreatCircleDistanceKm(paris, paris), 0.0);
}

TEST(GeoTest, AntipodesAreHalfACircumferenceApart) {
  EXPECT_NEAR(GreatCircleDistanceKm({0, 0}, {0, 180}), kPi * kEarthRadiusKm, 1e-6);
  EXPECT_NEAR(GreatCircleDistanceKm({90, 0}, {-90, 0}), kPi * kEarthRadiusKm, 1e-6);
}

TEST(GeoTest, DateLineIsNotAWall) {
  EXPECT_NEAR(GreatCircleDistanceKm({0, 179.5}, {0, -179.5}), 111.2, 0.2);
}

TEST(GeoTest, ChordIsMonotoneInDistance) {
  const Vec3 origin = UnitVectorOf({10, 20});
  double previous_chord = -1.0;
  for (double lat = 10; lat <= 90; lat += 5) {
    const double chord = ChordBetween(origin, UnitVectorOf({lat, 20}));
    EXPECT_GT(chord, previous_chord);
    EXPECT_NEAR(ChordToKm(chord), GreatCircleDistanceKm({10, 20}, {lat, 20}), 1e-9);
    previous_chord = chord;
  }
}

TEST(GeoTest, UnitVectorsHaveUnitLength) {
  for (const GeoPoint p : {GeoPoint{0, 0}, GeoPoint{45, 45}, GeoPoint{-89.9, 179.9}}) {
    const Vec3 v = UnitVectorOf(p);
    EXPECT_NEAR(v.x * v.x + v.y * v.y + v.z * v.z, 1.0, 1e-12);
  }
}

}  // namespace
}  // namespace cdnmesh
