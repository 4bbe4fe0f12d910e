#include "support/credit_code_oracle.hpp"

namespace anjian::test_support {

char ReferenceCheckCharacter(std::string_view first17) {
  if (first17.size() != 17) return '\0';
  long sum = 0;
  long weight = 1;  // 3^0
  for (char c : first17) {
    const auto value = kCreditCodeAlphabet.find(c);
    if (value == std::string_view::npos) return '\0';
    sum += static_cast<long>(value) * weight;
    weight = (weight * 3) % 31;
  }
  const long r = (31 - sum % 31) % 31;
  return kCreditCodeAlphabet[static_cast<std::size_t>(r)];
}

std::string ValidCreditCode(std::uint64_t n, std::string_view division) {
  std::string body = "MA0000000";  // "MA…": the organisation-code form of post-2015 registrations
  for (int i = 8; i >= 2; --i) {
    body[static_cast<std::size_t>(i)] = kCreditCodeAlphabet[n % 31];
    n /= 31;
  }
  std::string code = "91" + std::string(division) + body;
  code += ReferenceCheckCharacter(code);
  return code;
}

}  // namespace anjian::test_support
