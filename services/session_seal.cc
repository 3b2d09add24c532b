#include "services/session_seal.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

#include <cstdlib>

namespace cdnmesh::services {
namespace {

void Mac(const std::vector<std::uint8_t>& key, const std::uint8_t* data, std::size_t size,
         std::uint8_t* out) {
  unsigned int bytes = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()), data, size, out, &bytes);
}

}  // namespace

std::vector<std::uint8_t> SealToken(const std::vector<std::uint8_t>& key,
                                    const std::vector<std::uint8_t>& token) {
  std::vector<std::uint8_t> sealed = token;
  sealed.resize(token.size() + kSealBytes);
  Mac(key, token.data(), token.size(), sealed.data() + token.size());
  return sealed;
}

std::optional<std::vector<std::uint8_t>> UnsealToken(const std::vector<std::uint8_t>& key,
                                                     const std::vector<std::uint8_t>& sealed) {
  if (sealed.size() < kSealBytes) return std::nullopt;
  const std::size_t token_bytes = sealed.size() - kSealBytes;
  std::uint8_t expected[kSealBytes];
  Mac(key, sealed.data(), token_bytes, expected);
  if (CRYPTO_memcmp(expected, sealed.data() + token_bytes, kSealBytes) != 0) return std::nullopt;
  return std::vector<std::uint8_t>(sealed.begin(), sealed.begin() + static_cast<long>(token_bytes));
}

std::vector<std::uint8_t> RandomSealKey() {
  std::vector<std::uint8_t> key(32);
  if (RAND_bytes(key.data(), static_cast<int>(key.size())) != 1) std::abort();
  return key;
}

}  // namespace cdnmesh::services
