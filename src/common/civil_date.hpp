// CivilDate: a calendar date without time zone (YYYY-MM-DD), as used on certificates,
// deadlines and plans. Parsed by a fallible factory; always valid once constructed.
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "common/error.hpp"

namespace anjian {

class CivilDate {
 public:
  CivilDate() = default;  // 1970-01-01
  // Accepts YYYY-MM-DD, YYYY/MM/DD, YYYY.MM.DD, YYYYMMDD and YYYY年M月D日.
  static Result<CivilDate> Parse(std::string_view text);
  static Result<CivilDate> FromYmd(int year, int month, int day);
  // Days since 1970-01-01 (may be negative).
  static CivilDate FromDays(std::int64_t days);
  static CivilDate FromUnixSeconds(std::int64_t seconds) { return FromDays(seconds / 86400); }

  int year() const { return year_; }
  int month() const { return month_; }
  int day() const { return day_; }
  std::int64_t ToDays() const;
  std::string ToString() const;  // YYYY-MM-DD
  auto operator<=>(const CivilDate&) const = default;

 private:
  CivilDate(int year, int month, int day) : year_(year), month_(month), day_(day) {}
  int year_ = 1970;
  int month_ = 1;
  int day_ = 1;
};

// YYYY-MM-DD, or "" for no date (how the API and the store write an absent date).
std::string ToString(const std::optional<CivilDate>& date);

}  // namespace anjian
