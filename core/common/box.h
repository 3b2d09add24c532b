// A value on the heap with value semantics (copies copy the value, == compares values). Keeps
// a rarely sent large member from inflating every instance of a variant that holds it.
#pragma once

#include <memory>
#include <utility>

namespace cdnmesh {

/// Owns one T on the heap; never empty.
template <typename T>
class Box {
 public:
  Box() : value_(std::make_unique<T>()) {}
  Box(T value) : value_(std::make_unique<T>(std::move(value))) {}  // NOLINT: implicit by design
  Box(const Box& other) : value_(std::make_unique<T>(*other.value_)) {}
  Box(Box&& other) noexcept : value_(std::make_unique<T>(std::move(*other.value_))) {}
  Box& operator=(const Box& other) {
    *value_ = *other.value_;
    return *this;
  }
  Box& operator=(Box&& other) noexcept {
    *value_ = std::move(*other.value_);
    return *this;
  }
  ~Box() = default;

  T& operator*() { return *value_; }
  const T& operator*() const { return *value_; }
  T* operator->() { return value_.get(); }
  const T* operator->() const { return value_.get(); }
  friend bool operator==(const Box& a, const Box& b) { return *a.value_ == *b.value_; }
  friend bool operator!=(const Box& a, const Box& b) { return !(a == b); }

 private:
  std::unique_ptr<T> value_;
};

}  // namespace cdnmesh
