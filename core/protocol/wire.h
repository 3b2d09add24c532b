// Primitives of the binary encoding: little-endian fixed-width integers, canonical LEB128
// varints (zigzag for signed values) and length-prefixed byte strings. The writer appends to a
// caller-owned buffer; the reader is bounds-checked and records the first failure with the field
// it was reading, after which every read returns a default value.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace cdnmesh {
namespace protocol {

/// The IEEE-754 bits of `value` (doubles travel as fixed 64-bit words).
inline std::uint64_t DoubleBits(double value) {
  std::uint64_t bits;
  std::memcpy(&bits, &value, sizeof bits);
  return bits;
}
/// The double whose IEEE-754 bits are `bits`.
inline double BitsDouble(std::uint64_t bits) {
  double value;
  std::memcpy(&value, &bits, sizeof value);
  return value;
}

/// Longest LEB128 encoding of a 64-bit value, in bytes.
inline constexpr std::size_t kMaxVarintBytes = 10;

/// Outcome of parsing one varint from a buffer.
enum class VarintStatus {
  kOk,            ///< `value` and `bytes` are set
  kTruncated,     ///< the buffer ends inside the varint (more bytes may complete it)
  kTooLong,       ///< more than the allowed bytes, or the value overflows 64 bits
  kNonCanonical,  ///< a longer encoding than needed (ends in a 0x00 byte)
};

/// A parsed varint: status, value and the number of bytes it took.
struct VarintParse {
  VarintStatus status = VarintStatus::kTruncated;  ///< see VarintStatus
  std::uint64_t value = 0;                         ///< valid when status == kOk
  std::size_t bytes = 0;                           ///< encoded length when status == kOk
};

/// Parses a canonical unsigned LEB128 varint of at most `max_bytes` bytes from data[0, size).
VarintParse ParseVarint(const std::uint8_t* data, std::size_t size,
                        std::size_t max_bytes = kMaxVarintBytes);
/// Writes the canonical LEB128 encoding of `value` to out[0, kMaxVarintBytes); returns its size.
std::size_t EncodeVarint(std::uint64_t value, std::uint8_t* out);
/// Number of bytes of the canonical LEB128 encoding of `value`.
std::size_t VarintSize(std::uint64_t value);
/// Zigzag mapping of a signed value to an unsigned one (0, -1, 1, -2 -> 0, 1, 2, 3).
std::uint64_t ZigzagEncode(std::int64_t value);
/// Inverse of ZigzagEncode.
std::int64_t ZigzagDecode(std::uint64_t value);

/// Appends encoded values to a buffer it does not own (which must outlive the writer).
class WireWriter {
 public:
  /// Writes to the end of `out`.
  explicit WireWriter(std::vector<std::uint8_t>& out) : out_(out) {}

  /// One byte.
  void U8(std::uint8_t value) { out_.push_back(value); }
  /// One byte, 0 or 1.
  void Bool(bool value) { out_.push_back(value ? 1 : 0); }
  /// Four bytes, little-endian two's complement.
  void FixedI32(std::int32_t value);
  /// Eight bytes, little-endian.
  void FixedU64(std::uint64_t value);
  /// Canonical LEB128.
  void VarU64(std::uint64_t value);
  /// Zigzag, then LEB128.
  void VarI64(std::int64_t value) { VarU64(ZigzagEncode(value)); }
  /// Varint length, then the bytes.
  void Bytes(const std::uint8_t* data, std::size_t size);
  /// Varint length, then the bytes.
  void Bytes(const std::vector<std::uint8_t>& bytes) { Bytes(bytes.data(), bytes.size()); }
  /// Varint length, then the characters.
  void String(std::string_view text);

 private:
  std::vector<std::uint8_t>& out_;
};

/// Reads encoded values from a buffer it does not own; never reads past `size`.
class WireReader {
 public:
  /// Reads data[0, size); `message` names the message in error texts (must outlive the reader).
  WireReader(const std::uint8_t* data, std::size_t size, std::string_view message)
      : data_(data), size_(size), message_(message) {}

  /// True until a read fails.
  bool ok() const { return error_.empty(); }
  /// The first failure: "<Message>.<field>: <reason>"; empty while ok().
  const std::string& error() const { return error_; }
  /// Bytes not read yet.
  std::size_t remaining() const { return size_ - pos_; }

  /// One byte.
  std::uint8_t U8(const char* field);
  /// One byte that must be 0 or 1.
  bool Bool(const char* field);
  /// One byte that must be below `count`, as enum E.
  template <typename E>
  E Enum(const char* field, int count) {
    const std::uint8_t raw = U8(field);
    if (ok() && raw >= count) FailEnum(field, raw);
    return ok() ? static_cast<E>(raw) : E{};
  }
  /// Four bytes, little-endian two's complement.
  std::int32_t FixedI32(const char* field);
  /// Eight bytes, little-endian.
  std::uint64_t FixedU64(const char* field);
  /// A canonical varint no larger than `max_value`.
  std::uint64_t VarU64(const char* field, std::uint64_t max_value = UINT64_MAX);
  /// A varint that fits 32 bits.
  std::uint32_t VarU32(const char* field) {
    return static_cast<std::uint32_t>(VarU64(field, UINT32_MAX));
  }
  /// A varint that fits 16 bits.
  std::uint16_t VarU16(const char* field) {
    return static_cast<std::uint16_t>(VarU64(field, UINT16_MAX));
  }
  /// A zigzag varint.
  std::int64_t VarI64(const char* field) { return ZigzagDecode(VarU64(field)); }
  /// A length-prefixed byte string of at most `max_bytes` (checked before allocating).
  std::vector<std::uint8_t> Bytes(const char* field, std::size_t max_bytes);
  /// A length-prefixed text of at most `max_bytes` (checked before allocating).
  std::string String(const char* field, std::size_t max_bytes);
  /// A list length of at most `max_count`, with room left for `min_element_bytes` per element.
  std::size_t Count(const char* field, std::size_t max_count, std::size_t min_element_bytes);

  /// Prefixes later field names with "<list>[<index>]." until EndElement().
  void BeginElement(const char* list, std::size_t index);
  /// Stops prefixing field names.
  void EndElement() { list_ = nullptr; }
  /// Fails with "trailing bytes" unless everything was read.
  void ExpectEnd();
  /// Records a failure at `field` (the first one wins).
  void Fail(const char* field, const std::string& reason);

 private:
  bool Need(const char* field, std::size_t bytes);
  std::size_t Length(const char* field, std::size_t max_bytes);
  void FailEnum(const char* field, std::uint8_t raw);

  const std::uint8_t* data_;
  std::size_t size_;
  std::size_t pos_ = 0;
  std::string_view message_;
  std::string error_;
  const char* list_ = nullptr;
  std::size_t list_index_ = 0;
};

}  // namespace protocol
}  // namespace cdnmesh
