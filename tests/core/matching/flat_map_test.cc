#include "core/matching/flat_map.h"

#include <gtest/gtest.h>

#include <map>

#include "core/common/random.h"

namespace cdnmesh {
namespace {

TEST(FlatMapTest, InsertFindErase) {
  FlatMap<int> map;
  EXPECT_EQ(map.Find(3), nullptr);
  bool created = false;
  *map.FindOrInsert(3, &created) = 30;
  EXPECT_TRUE(created);
  EXPECT_EQ(*map.FindOrInsert(3, &created), 30);
  EXPECT_FALSE(created);
  ASSERT_NE(map.Find(3), nullptr);
  EXPECT_EQ(*map.Find(3), 30);
  map.Erase(3);
  EXPECT_EQ(map.Find(3), nullptr);
  EXPECT_EQ(map.size(), 0u);
}

// Random inserts and erases (dense and sparse keys, so probe runs wrap and collide) against
// std::map.
TEST(FlatMapTest, RandomOperationsMatchStdMap) {
  Rng rng(31);
  FlatMap<std::uint64_t> map;
  std::map<std::uint32_t, std::uint64_t> model;
  for (int op = 0; op < 200000; ++op) {
    const auto key = static_cast<std::uint32_t>(rng.Bernoulli(0.5) ? rng.UniformIndex(3000)
                                                                   : rng.UniformIndex(1u << 31));
    if (rng.Bernoulli(0.45) && model.count(key) != 0) {
      map.Erase(key);
      model.erase(key);
    } else {
      bool created = false;
      *map.FindOrInsert(key, &created) = static_cast<std::uint64_t>(op);
      EXPECT_EQ(created, model.count(key) == 0);
      model[key] = static_cast<std::uint64_t>(op);
    }
  }
  ASSERT_EQ(map.size(), model.size());
  for (const auto& [key, value] : model) {
    ASSERT_NE(map.Find(key), nullptr) << key;
    EXPECT_EQ(*map.Find(key), value);
  }
  std::size_t visited = 0;
  map.ForEach([&](std::uint32_t key, std::uint64_t value) {
    EXPECT_EQ(model.at(key), value);
    ++visited;
  });
  EXPECT_EQ(visited, model.size());
}

}  // namespace
}  // namespace cdnmesh
