#include "common/civil_date.hpp"

#include <cstdio>

namespace anjian {
namespace {

bool IsLeap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int DaysInMonth(int y, int m) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return (m == 2 && IsLeap(y)) ? 29 : kDays[m - 1];
}

// Reads an unsigned decimal number of 1..max_digits digits at pos.
bool ReadNumber(std::string_view s, std::size_t& pos, int max_digits, int& out) {
  int digits = 0;
  out = 0;
  while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9' && digits < max_digits) {
    out = out * 10 + (s[pos] - '0');
    ++pos;
    ++digits;
  }
  return digits > 0;
}

bool ReadSeparator(std::string_view s, std::size_t& pos, std::string_view sep) {
  if (s.substr(pos, sep.size()) == sep) {
    pos += sep.size();
    return true;
  }
  return false;
}

}  // namespace

Result<CivilDate> CivilDate::FromYmd(int year, int month, int day) {
  if (year < 1900 || year > 2200 || month < 1 || month > 12 || day < 1 ||
      day > DaysInMonth(year, month)) {
    return Error::InvalidArgument("日期不存在");
  }
  return CivilDate(year, month, day);
}

Result<CivilDate> CivilDate::Parse(std::string_view text) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  const auto bad = Error::InvalidArgument("日期格式应为 YYYY-MM-DD");
  if (text.size() == 8 && text.find_first_not_of("0123456789") == std::string_view::npos) {
    int y = std::stoi(std::string(text.substr(0, 4)));
    int m = std::stoi(std::string(text.substr(4, 2)));
    int d = std::stoi(std::string(text.substr(6, 2)));
    return FromYmd(y, m, d);
  }
  std::size_t pos = 0;
  int y = 0, m = 0, d = 0;
  if (!ReadNumber(text, pos, 4, y) || pos != 4) return bad;
  if (ReadSeparator(text, pos, "年")) {
    if (!ReadNumber(text, pos, 2, m) || !ReadSeparator(text, pos, "月")) return bad;
    if (!ReadNumber(text, pos, 2, d)) return bad;
    ReadSeparator(text, pos, "日");
  } else {
    if (pos >= text.size()) return bad;
    const char sep = text[pos];
    if (sep != '-' && sep != '/' && sep != '.') return bad;
    ++pos;
    if (!ReadNumber(text, pos, 2, m) || pos >= text.size() || text[pos] != sep) return bad;
    ++pos;
    if (!ReadNumber(text, pos, 2, d)) return bad;
  }
  if (pos != text.size()) return bad;
  return FromYmd(y, m, d);
}

// Howard Hinnant's days_from_civil / civil_from_days algorithms (public-domain derivations).
std::int64_t CivilDate::ToDays() const {
  const int y = year_ - (month_ <= 2 ? 1 : 0);
  const int era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned mp = static_cast<unsigned>(month_ + (month_ > 2 ? -3 : 9));
  const unsigned doy = (153 * mp + 2) / 5 + static_cast<unsigned>(day_) - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return static_cast<std::int64_t>(era) * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

CivilDate CivilDate::FromDays(std::int64_t z) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t y = static_cast<std::int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return CivilDate(static_cast<int>(y + (m <= 2 ? 1 : 0)), static_cast<int>(m),
                   static_cast<int>(d));
}

std::string CivilDate::ToString() const {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year_, month_, day_);
  return buf;
}

std::string ToString(const std::optional<CivilDate>& date) {
  return date ? date->ToString() : std::string();
}

}  // namespace anjian
