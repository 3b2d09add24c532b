// Query-string parameters of a request target ("/path?a=1&b=ff"), parsed strictly: a value is
// taken as it is (no percent-decoding: ids and hex tokens need none).
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace cdnmesh::services {

/// The raw value of `key` in `target`'s query; false if absent.
bool QueryValue(std::string_view target, std::string_view key, std::string_view* value);
/// `key` as a decimal integer <= `max`; false if absent or malformed.
bool QueryUint(std::string_view target, std::string_view key, std::uint64_t max,
               std::uint64_t* out);
/// `key` as hex bytes (even length, at most 2 * 1024 digits); false if absent or malformed.
bool QueryHex(std::string_view target, std::string_view key, std::vector<std::uint8_t>* out);

}  // namespace cdnmesh::services
