#include "services/publisher_token.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

#include <array>
#include <cstdio>
#include <cstdlib>

namespace cdnmesh::services {
namespace {

constexpr std::size_t kNonceHexDigits = 16;
constexpr std::size_t kMacHexDigits = 64;

std::string Hex(const unsigned char* data, std::size_t size) {
  static const char* kDigits = "0123456789abcdef";
  std::string out;
  out.reserve(size * 2);
  for (std::size_t i = 0; i < size; ++i) {
    out.push_back(kDigits[data[i] >> 4]);
    out.push_back(kDigits[data[i] & 0xF]);
  }
  return out;
}

bool IsLowerHex(std::string_view s) {
  for (const char c : s) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return !s.empty();
}

// Strict unsigned decimal: digits only, no sign, no leading zero (so one number has one form).
bool ParseDecimal(std::string_view s, std::uint64_t max, std::uint64_t* out) {
  if (s.empty() || s.size() > 19 || (s.size() > 1 && s[0] == '0')) return false;
  std::uint64_t value = 0;
  for (const char c : s) {
    if (c < '0' || c > '9') return false;
    value = value * 10 + static_cast<std::uint64_t>(c - '0');
  }
  if (value > max) return false;
  *out = value;
  return true;
}

// Splits at '.' into exactly five parts.
bool SplitFive(std::string_view token, std::array<std::string_view, 5>* parts) {
  std::size_t start = 0;
  for (std::size_t i = 0; i < 5; ++i) {
    const std::size_t dot = token.find('.', start);
    if ((dot == std::string_view::npos) != (i == 4)) return false;
    (*parts)[i] = token.substr(start, i == 4 ? std::string_view::npos : dot - start);
    start = dot + 1;
  }
  return true;
}

}  // namespace

std::string HmacSha256Hex(const std::vector<std::uint8_t>& key, std::string_view data) {
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int mac_bytes = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
       reinterpret_cast<const unsigned char*>(data.data()), data.size(), mac, &mac_bytes);
  return Hex(mac, mac_bytes);
}

std::string MintPublisherToken(const std::vector<std::uint8_t>& key, std::uint32_t content,
                               std::int64_t expiry_s, std::uint64_t nonce) {
  char nonce_hex[kNonceHexDigits + 1];
  std::snprintf(nonce_hex, sizeof nonce_hex, "%016llx", static_cast<unsigned long long>(nonce));
  const std::string body =
      "v1." + std::to_string(content) + "." + std::to_string(expiry_s) + "." + nonce_hex;
  return body + "." + HmacSha256Hex(key, body);
}

Result<PublisherToken> ParsePublisherToken(const std::vector<std::uint8_t>& key,
                                           std::string_view token) {
  std::array<std::string_view, 5> parts;
  if (!SplitFive(token, &parts) || parts[0] != "v1") {
    return Error{"malformed: expected v1.<content>.<expiry>.<nonce>.<mac>"};
  }
  PublisherToken parsed;
  std::uint64_t value = 0;
  if (!ParseDecimal(parts[1], UINT32_MAX, &value)) return Error{"malformed content id"};
  parsed.content = static_cast<std::uint32_t>(value);
  if (!ParseDecimal(parts[2], INT64_MAX, &value)) return Error{"malformed expiry"};
  parsed.expiry_s = static_cast<std::int64_t>(value);
  if (parts[3].size() != kNonceHexDigits || !IsLowerHex(parts[3])) {
    return Error{"malformed nonce (16 lower-case hex digits)"};
  }
  parsed.nonce = std::stoull(std::string(parts[3]), nullptr, 16);
  if (parts[4].size() != kMacHexDigits || !IsLowerHex(parts[4])) {
    return Error{"malformed MAC (64 lower-case hex digits)"};
  }
  const std::string expected =
      HmacSha256Hex(key, token.substr(0, token.size() - kMacHexDigits - 1));
  if (CRYPTO_memcmp(expected.data(), parts[4].data(), kMacHexDigits) != 0) {
    return Error{"forged (MAC mismatch)"};
  }
  return parsed;
}

std::uint64_t RandomNonce() {
  std::uint64_t nonce = 0;
  if (RAND_bytes(reinterpret_cast<unsigned char*>(&nonce), sizeof nonce) != 1) {
    std::abort();  // no entropy: nothing secure can be done
  }
  return nonce;
}

}  // namespace cdnmesh::services
