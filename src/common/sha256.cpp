#include "common/sha256.hpp"

#include <openssl/evp.h>

#include "common/error.hpp"

namespace anjian {

struct Sha256::Context {
  EVP_MD_CTX* md = nullptr;
  bool finished = false;
};

Sha256::Sha256() : context_(std::make_unique<Context>()) {
  context_->md = EVP_MD_CTX_new();
  const bool ready =
      context_->md != nullptr && EVP_DigestInit_ex(context_->md, EVP_sha256(), nullptr) == 1;
  // Only allocation can fail here, and the process cannot go on without memory anyway.
  ANJIAN_ASSERT(ready);
}

Sha256::~Sha256() { EVP_MD_CTX_free(context_->md); }

Sha256& Sha256::Update(std::string_view bytes) {
  ANJIAN_ASSERT(!context_->finished);
  if (!bytes.empty()) EVP_DigestUpdate(context_->md, bytes.data(), bytes.size());
  return *this;
}

Sha256::Digest Sha256::Finish() {
  ANJIAN_ASSERT(!context_->finished);
  context_->finished = true;
  Digest digest{};
  unsigned int length = 0;
  const bool done = EVP_DigestFinal_ex(context_->md, digest.data(), &length) == 1;
  ANJIAN_ASSERT(done && length == digest.size());
  return digest;
}

std::string Sha256::HexDigest() {
  const Digest digest = Finish();
  return HexOf(std::string_view(reinterpret_cast<const char*>(digest.data()), digest.size()));
}

std::string Sha256Hex(std::string_view bytes) { return Sha256().Update(bytes).HexDigest(); }

std::string HexOf(std::string_view bytes) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.resize(bytes.size() * 2);
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    const auto byte = static_cast<unsigned char>(bytes[i]);
    out[2 * i] = kHex[byte >> 4];
    out[2 * i + 1] = kHex[byte & 15];
  }
  return out;
}

}  // namespace anjian
