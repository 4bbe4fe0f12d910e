// Unified social credit code (统一社会信用代码, GB 32100-2015), domain.md §14.1.
// Parse() validates the shape and the check character; ParseAllowingBadCheck() accepts the
// legitimately issued early codes that fail the checksum (an explicit, recorded override).
#pragma once

#include <string>
#include <string_view>

#include "common/error.hpp"

namespace anjian::domain {

class CreditCode {
 public:
  // Rejects anything that is not 18 characters of the GB 32100 alphabet or whose check
  // character (position 18) does not match. Messages are Chinese, suitable for import reports.
  static Result<CreditCode> Parse(std::string_view text);
  // Checks the shape only; the caller records why the checksum failure is accepted.
  static Result<CreditCode> ParseAllowingBadCheck(std::string_view text);
  // The check character for the first 17 characters, or '\0' if they contain an invalid symbol.
  static char ComputeCheckCharacter(std::string_view first17);

  const std::string& str() const { return code_; }
  bool check_character_valid() const { return check_valid_; }
  // Characters 3–8: the registering authority's GB/T 2260 division code.
  std::string_view division_code() const { return std::string_view(code_).substr(2, 6); }

 private:
  CreditCode(std::string code, bool check_valid)
      : code_(std::move(code)), check_valid_(check_valid) {}
  std::string code_;
  bool check_valid_ = true;
};

}  // namespace anjian::domain
