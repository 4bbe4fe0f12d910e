// SHA-256 (OpenSSL's libcrypto): the one digest of the system — content hashes of records,
// documents and uploads, the audit chain, seed commitments and table checksums. Pure computation;
// the streaming form is for texts larger than memory should hold (a province's table checksum).
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace anjian {

class Sha256 {
 public:
  using Digest = std::array<std::uint8_t, 32>;

  Sha256();
  ~Sha256();
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;

  Sha256& Update(std::string_view bytes);
  // The digest; the hash is finished afterwards (a further Update or Finish is a programming
  // error and asserts).
  Digest Finish();
  // Lowercase hex of Finish().
  std::string HexDigest();

 private:
  struct Context;
  std::unique_ptr<Context> context_;
};

// Lowercase hex SHA-256 of `bytes`.
std::string Sha256Hex(std::string_view bytes);
// Lowercase hex of any bytes.
std::string HexOf(std::string_view bytes);

}  // namespace anjian
