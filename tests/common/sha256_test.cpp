// The one SHA-256 of the system against the FIPS 180-2 test vectors, in one piece and in chunks.
#include "common/sha256.hpp"

#include <gtest/gtest.h>

#include <string>

namespace anjian {
namespace {

TEST(Sha256Test, KnownVectors) {
  EXPECT_EQ(Sha256Hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(Sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(Sha256Hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  EXPECT_EQ(Sha256Hex(std::string(1'000'000, 'a')),
            "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST(Sha256Test, ChunksGiveTheOneShotDigest) {
  const std::string text = "安全生产监督检查 — the same bytes however they arrive";
  for (std::size_t cut = 0; cut <= text.size(); ++cut) {
    Sha256 pieces;
    pieces.Update(std::string_view(text).substr(0, cut)).Update("").Update(text.substr(cut));
    EXPECT_EQ(pieces.HexDigest(), Sha256Hex(text)) << "cut at " << cut;
  }
  Sha256 raw;
  const auto digest = raw.Update("abc").Finish();
  EXPECT_EQ(HexOf(std::string_view(reinterpret_cast<const char*>(digest.data()), digest.size())),
            Sha256Hex("abc"));
}

TEST(Sha256Test, HexOfIsLowercaseTwoDigitsPerByte) {
  EXPECT_EQ(HexOf(std::string("\x00\xff\x5c", 3)), "00ff5c");
  EXPECT_EQ(HexOf(""), "");
}

}  // namespace
}  // namespace anjian
