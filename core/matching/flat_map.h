// A flat hash map from 32-bit keys to values stored inline (open addressing, linear probing,
// backward-shift deletion), for the spatial index's hot lookups: one cache line per hit instead
// of the bucket-plus-node chase of std::unordered_map.
#pragma once

#include <cassert>
#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

namespace cdnmesh {

/// Map from uint32 keys (all values except kEmptyKey) to V. Inserting or erasing invalidates
/// pointers to values. Load factor <= 1/2.
template <typename V>
class FlatMap {
 public:
  /// The one key value that cannot be stored.
  static constexpr std::uint32_t kEmptyKey = 0xFFFFFFFFu;

  /// The value of `key`, or nullptr.
  const V* Find(std::uint32_t key) const {
    if (size_ == 0) return nullptr;
    for (std::size_t i = Home(key);; i = Next(i)) {
      if (slots_[i].key == key) return &slots_[i].value;
      if (slots_[i].key == kEmptyKey) return nullptr;
    }
  }
  /// Mutable value of `key`, or nullptr.
  V* Find(std::uint32_t key) { return const_cast<V*>(std::as_const(*this).Find(key)); }

  /// The value of `key`, default-constructed first if absent; `*created` says which.
  V* FindOrInsert(std::uint32_t key, bool* created) {
    assert(key != kEmptyKey);
    if (2 * (size_ + 1) > slots_.size()) Grow();
    std::size_t i = Home(key);
    while (slots_[i].key != kEmptyKey && slots_[i].key != key) i = Next(i);
    *created = slots_[i].key == kEmptyKey;
    if (*created) {
      slots_[i].key = key;
      slots_[i].value = V();
      ++size_;
    }
    return &slots_[i].value;
  }

  /// Removes `key` (which must be present), shifting later entries of its probe run back.
  void Erase(std::uint32_t key) {
    std::size_t hole = Home(key);
    while (slots_[hole].key != key) hole = Next(hole);
    for (std::size_t i = Next(hole); slots_[i].key != kEmptyKey; i = Next(i)) {
      const std::size_t home = Home(slots_[i].key);
      // Move entry i into the hole unless its home lies cyclically in (hole, i].
      if (((i - home) & Mask()) >= ((i - hole) & Mask())) {
        slots_[hole] = std::move(slots_[i]);
        hole = i;
      }
    }
    slots_[hole].key = kEmptyKey;
    slots_[hole].value = V();
    --size_;
  }

  /// Number of keys stored.
  std::size_t size() const { return size_; }

  /// Calls `visit(key, value)` for every entry (unspecified order).
  template <typename Visit>
  void ForEach(Visit visit) const {
    for (const Slot& slot : slots_) {
      if (slot.key != kEmptyKey) visit(slot.key, slot.value);
    }
  }

 private:
  struct Slot {
    std::uint32_t key = kEmptyKey;
    V value{};
  };

  std::size_t Mask() const { return slots_.size() - 1; }
  std::size_t Next(std::size_t i) const { return (i + 1) & Mask(); }
  std::size_t Home(std::uint32_t key) const {
    return static_cast<std::size_t>((key * 0x9E3779B97F4A7C15ULL) >> 32) & Mask();
  }
  void Grow() {
    std::vector<Slot> old = std::move(slots_);
    slots_.assign(old.empty() ? 16 : 2 * old.size(), Slot{});
    for (Slot& slot : old) {
      if (slot.key == kEmptyKey) continue;
      std::size_t i = Home(slot.key);
      while (slots_[i].key != kEmptyKey) i = Next(i);
      slots_[i] = std::move(slot);
    }
  }

  std::vector<Slot> slots_;
  std::size_t size_ = 0;
};

}  // namespace cdnmesh
