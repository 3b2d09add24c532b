#include "services/query.h"

#include "core/protocol/limits.h"

namespace cdnmesh::services {
namespace {

int HexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

bool QueryValue(std::string_view target, std::string_view key, std::string_view* value) {
  const std::size_t question = target.find('?');
  if (question == std::string_view::npos) return false;
  std::string_view rest = target.substr(question + 1);
  while (!rest.empty()) {
    const std::size_t amp = rest.find('&');
    const std::string_view pair = rest.substr(0, amp);
    const std::size_t eq = pair.find('=');
    if (eq != std::string_view::npos && pair.substr(0, eq) == key) {
      *value = pair.substr(eq + 1);
      return true;
    }
    if (amp == std::string_view::npos) break;
    rest = rest.substr(amp + 1);
  }
  return false;
}

bool QueryUint(std::string_view target, std::string_view key, std::uint64_t max,
               std::uint64_t* out) {
  std::string_view text;
  if (!QueryValue(target, key, &text) || text.empty() || text.size() > 19) return false;
  std::uint64_t value = 0;
  for (const char c : text) {
    if (c < '0' || c > '9') return false;
    value = value * 10 + static_cast<std::uint64_t>(c - '0');
  }
  if (value > max) return false;
  *out = value;
  return true;
}

bool QueryHex(std::string_view target, std::string_view key, std::vector<std::uint8_t>* out) {
  std::string_view text;
  if (!QueryValue(target, key, &text) || text.empty() || text.size() % 2 != 0 ||
      text.size() > 2 * protocol::kMaxSessionTokenBytes) {
    return false;
  }
  out->clear();
  for (std::size_t i = 0; i < text.size(); i += 2) {
    const int high = HexDigit(text[i]);
    const int low = HexDigit(text[i + 1]);
    if (high < 0 || low < 0) return false;
    out->push_back(static_cast<std::uint8_t>(high * 16 + low));
  }
  return true;
}

}  // namespace cdnmesh::services
