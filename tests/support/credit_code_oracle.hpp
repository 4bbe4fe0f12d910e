// An independent implementation of the GB 32100 check character (domain.md §14.1), written from
// the spec for the tests: weights are 3^(i-1) mod 31 computed by a loop, not a copied table.
// Also makes unique valid codes for builders, so test data never depends on the code under test.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace anjian::test_support {

inline constexpr std::string_view kCreditCodeAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";

// '\0' when first17 is not 17 characters of the alphabet.
char ReferenceCheckCharacter(std::string_view first17);

// A valid 18-character code: "91" + division (6 digits) + "MA" + n in base 31 (7 chars) + check.
// Distinct for n < 31^7.
std::string ValidCreditCode(std::uint64_t n, std::string_view division = "410802");

}  // namespace anjian::test_support
