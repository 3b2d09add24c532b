// Errors as values for input that comes from outside (decoded messages, configuration).
// Internal invariants are asserted instead.
#pragma once

#include <cassert>
#include <string>
#include <utility>
#include <variant>

namespace cdnmesh {

/// A human-readable reason why an input was rejected.
struct Error {
  std::string message;
};

/// Either a value of T or an Error; check ok() before value().
template <typename T>
class Result {
 public:
  Result(T value) : data_(std::move(value)) {}      // NOLINT: implicit by design
  Result(Error error) : data_(std::move(error)) {}  // NOLINT: implicit by design

  /// True when a value is held.
  bool ok() const { return data_.index() == 0; }
  /// The value; only valid when ok().
  const T& value() const& {
    assert(ok());
    return std::get<0>(data_);
  }
  /// The value, moved out; only valid when ok().
  T&& value() && {
    assert(ok());
    return std::get<0>(std::move(data_));
  }
  /// The error; only valid when !ok().
  const Error& error() const {
    assert(!ok());
    return std::get<1>(data_);
  }

 private:
  std::variant<T, Error> data_;
};

/// Success or an Error, for operations that return nothing.
class Status {
 public:
  /// A success.
  Status() = default;
  Status(Error error) : error_(std::move(error.message)), ok_(false) {}  // NOLINT: implicit

  /// True on success.
  bool ok() const { return ok_; }
  /// The reason for failure (empty on success).
  const std::string& message() const { return error_; }

 private:
  std::string error_;
  bool ok_ = true;
};

}  // namespace cdnmesh
