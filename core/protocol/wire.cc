#include "core/protocol/wire.h"

#include <string>

namespace cdnmesh {
namespace protocol {

VarintParse ParseVarint(const std::uint8_t* data, std::size_t size, std::size_t max_bytes) {
  VarintParse parse;
  std::uint64_t value = 0;
  for (std::size_t i = 0; i < max_bytes && i < kMaxVarintBytes; ++i) {
    if (i == size) return parse;  // kTruncated
    const std::uint8_t byte = data[i];
    if (i == kMaxVarintBytes - 1 && byte > 1) {
      parse.status = VarintStatus::kTooLong;  // bits beyond 64
      return parse;
    }
    value |= static_cast<std::uint64_t>(byte & 0x7F) << (7 * i);
    if ((byte & 0x80) == 0) {
      parse.status = (byte == 0 && i > 0) ? VarintStatus::kNonCanonical : VarintStatus::kOk;
      parse.value = value;
      parse.bytes = i + 1;
      return parse;
    }
  }
  parse.status = VarintStatus::kTooLong;
  return parse;
}

std::size_t EncodeVarint(std::uint64_t value, std::uint8_t* out) {
  std::size_t n = 0;
  while (value >= 0x80) {
    out[n++] = static_cast<std::uint8_t>(value | 0x80);
    value >>= 7;
  }
  out[n++] = static_cast<std::uint8_t>(value);
  return n;
}

std::size_t VarintSize(std::uint64_t value) {
  std::size_t bytes = 1;
  while (value >= 0x80) {
    value >>= 7;
    ++bytes;
  }
  return bytes;
}

std::uint64_t ZigzagEncode(std::int64_t value) {
  const auto bits = static_cast<std::uint64_t>(value);
  return (bits << 1) ^ (0 - (bits >> 63));
}

std::int64_t ZigzagDecode(std::uint64_t value) {
  const std::uint64_t bits = (value >> 1) ^ (0 - (value & 1));
  return static_cast<std::int64_t>(bits);
}

void WireWriter::FixedI32(std::int32_t value) {
  const auto bits = static_cast<std::uint32_t>(value);
  for (int i = 0; i < 4; ++i) out_.push_back(static_cast<std::uint8_t>(bits >> (8 * i)));
}

void WireWriter::FixedU64(std::uint64_t value) {
  for (int i = 0; i < 8; ++i) out_.push_back(static_cast<std::uint8_t>(value >> (8 * i)));
}

void WireWriter::VarU64(std::uint64_t value) {
  std::uint8_t bytes[kMaxVarintBytes];
  out_.insert(out_.end(), bytes, bytes + EncodeVarint(value, bytes));
}

void WireWriter::Bytes(const std::uint8_t* data, std::size_t size) {
  VarU64(size);
  out_.insert(out_.end(), data, data + size);
}

void WireWriter::String(std::string_view text) {
  VarU64(text.size());
  out_.insert(out_.end(), text.begin(), text.end());
}

void WireReader::Fail(const char* field, const std::string& reason) {
  if (!ok()) return;
  error_.assign(message_);
  error_ += '.';
  if (list_ != nullptr) {
    error_ += list_;
    error_ += '[' + std::to_string(list_index_) + "].";
  }
  error_ += field;
  error_ += ": ";
  error_ += reason;
}

void WireReader::FailEnum(const char* field, std::uint8_t raw) {
  Fail(field, "invalid enum value " + std::to_string(raw));
}

bool WireReader::Need(const char* field, std::size_t bytes) {
  if (!ok()) return false;
  if (bytes <= remaining()) return true;
  Fail(field, "truncated: needs " + std::to_string(bytes) + " bytes, " +
                  std::to_string(remaining()) + " left");
  return false;
}

std::uint8_t WireReader::U8(const char* field) {
  if (!Need(field, 1)) return 0;
  return data_[pos_++];
}

bool WireReader::Bool(const char* field) {
  const std::uint8_t raw = U8(field);
  if (raw > 1) Fail(field, "invalid boolean " + std::to_string(raw));
  return ok() && raw == 1;
}

std::int32_t WireReader::FixedI32(const char* field) {
  if (!Need(field, 4)) return 0;
  std::uint32_t bits = 0;
  for (int i = 0; i < 4; ++i) bits |= static_cast<std::uint32_t>(data_[pos_++]) << (8 * i);
  return static_cast<std::int32_t>(bits);
}

std::uint64_t WireReader::FixedU64(const char* field) {
  if (!Need(field, 8)) return 0;
  std::uint64_t value = 0;
  for (int i = 0; i < 8; ++i) value |= static_cast<std::uint64_t>(data_[pos_++]) << (8 * i);
  return value;
}

std::uint64_t WireReader::VarU64(const char* field, std::uint64_t max_value) {
  if (!ok()) return 0;
  const VarintParse parse = ParseVarint(data_ + pos_, remaining());
  switch (parse.status) {
    case VarintStatus::kOk:
      break;
    case VarintStatus::kTruncated:
      Fail(field, "truncated inside a varint");
      return 0;
    case VarintStatus::kTooLong:
      Fail(field, "varint too long (over 64 bits)");
      return 0;
    case VarintStatus::kNonCanonical:
      Fail(field, "non-canonical varint");
      return 0;
  }
  if (parse.value > max_value) {
    Fail(field, "value " + std::to_string(parse.value) + " out of range (max " +
                    std::to_string(max_value) + ")");
    return 0;
  }
  pos_ += parse.bytes;
  return parse.value;
}

std::size_t WireReader::Length(const char* field, std::size_t max_bytes) {
  const std::uint64_t length = VarU64(field);
  if (!ok()) return 0;
  if (length > max_bytes) {
    Fail(field, "oversized length " + std::to_string(length) + " (limit " +
                    std::to_string(max_bytes) + ")");
    return 0;
  }
  if (!Need(field, static_cast<std::size_t>(length))) return 0;
  return static_cast<std::size_t>(length);
}

std::vector<std::uint8_t> WireReader::Bytes(const char* field, std::size_t max_bytes) {
  const std::size_t length = Length(field, max_bytes);
  if (!ok()) return {};
  std::vector<std::uint8_t> bytes(data_ + pos_, data_ + pos_ + length);
  pos_ += length;
  return bytes;
}

std::string WireReader::String(const char* field, std::size_t max_bytes) {
  const std::size_t length = Length(field, max_bytes);
  if (!ok()) return {};
  std::string text(reinterpret_cast<const char*>(data_ + pos_), length);
  pos_ += length;
  return text;
}

std::size_t WireReader::Count(const char* field, std::size_t max_count,
                              std::size_t min_element_bytes) {
  const std::uint64_t count = VarU64(field);
  if (!ok()) return 0;
  if (count > max_count) {
    Fail(field, "limit exceeded: " + std::to_string(count) + " elements (max " +
                    std::to_string(max_count) + ")");
    return 0;
  }
  const auto n = static_cast<std::size_t>(count);
  if (!Need(field, n * min_element_bytes)) return 0;
  return n;
}

void WireReader::BeginElement(const char* list, std::size_t index) {
  list_ = list;
  list_index_ = index;
}

void WireReader::ExpectEnd() {
  if (ok() && remaining() > 0) {
    Fail("end", "trailing bytes: " + std::to_string(remaining()) + " after the last field");
  }
}

}  // namespace protocol
}  // namespace cdnmesh
