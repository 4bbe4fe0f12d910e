#include "io/xlsx_values.hpp"

#include <cctype>
#include <cmath>
#include <cstdint>

#include "common/civil_date.hpp"

namespace anjian::io {

namespace {

// Days from 1970-01-01 back to the day before each system's serial 0 (Excel's "1900-01-00" is
// 1899-12-31; from serial 61 on, the fictitious 1900-02-29 shifts the origin to 1899-12-30).
constexpr std::int64_t kDays1899Dec31 = -25568;
constexpr std::int64_t kDays1899Dec30 = -25569;
constexpr std::int64_t kDays1904Jan01 = -24107;
constexpr double kMaxSerial1900 = 2958465;  // 9999-12-31
constexpr double kMaxSerial1904 = 2957003;  // 9999-12-31

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Parses "_xHHHH_" at the start of `text`.
std::optional<std::uint32_t> ParseEscapeUnit(std::string_view text) {
  if (text.size() < 7 || text[0] != '_' || (text[1] != 'x' && text[1] != 'X') || text[6] != '_') {
    return std::nullopt;
  }
  std::uint32_t unit = 0;
  for (int i = 2; i < 6; ++i) {
    const int digit = HexValue(text[static_cast<std::size_t>(i)]);
    if (digit < 0) return std::nullopt;
    unit = unit * 16 + static_cast<std::uint32_t>(digit);
  }
  return unit;
}

void AppendUtf8(std::string& out, std::uint32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

}  // namespace

bool IsBuiltinDateFormat(int format_id) {
  return (format_id >= 14 && format_id <= 22) || (format_id >= 45 && format_id <= 47) ||
         (format_id >= 27 && format_id <= 36) || (format_id >= 50 && format_id <= 58);
}

bool IsDateFormatCode(std::string_view format_code) {
  for (std::size_t i = 0; i < format_code.size(); ++i) {
    const char c = format_code[i];
    switch (c) {
      case '"': {
        const auto close = format_code.find('"', i + 1);
        if (close == std::string_view::npos) return false;
        i = close;
        break;
      }
      case '[': {
        const auto close = format_code.find(']', i + 1);
        if (close == std::string_view::npos) return false;
        i = close;
        break;
      }
      case '\\':
      case '_':
      case '*':
        ++i;  // the next character is a literal (or padding), not a format token
        break;
      default: {
        const char lower = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        if (lower == 'y' || lower == 'm' || lower == 'd' || lower == 'h') return true;
      }
    }
  }
  return false;
}

std::optional<std::string> ExcelSerialToDateText(double serial, DateSystem system) {
  if (!std::isfinite(serial) || serial < 0) return std::nullopt;
  const double day = std::floor(serial);
  if (system == DateSystem::k1904) {
    if (day > kMaxSerial1904) return std::nullopt;
    return CivilDate::FromDays(kDays1904Jan01 + static_cast<std::int64_t>(day)).ToString();
  }
  if (day > kMaxSerial1900) return std::nullopt;
  const auto whole = static_cast<std::int64_t>(day);
  // Excel (after Lotus 1-2-3) counts 1900 as a leap year; serial 60 is a day that never existed.
  if (whole == 60) return std::string("1900-02-29");
  const std::int64_t origin = whole < 60 ? kDays1899Dec31 : kDays1899Dec30;
  return CivilDate::FromDays(origin + whole).ToString();
}

std::string NormalizeNumberText(std::string_view stored) {
  std::size_t i = 0;
  if (i < stored.size() && (stored[i] == '-' || stored[i] == '+')) ++i;
  const std::size_t integer_start = i;
  while (i < stored.size() && std::isdigit(static_cast<unsigned char>(stored[i]))) ++i;
  if (i == integer_start || i >= stored.size() || stored[i] != '.') return std::string(stored);
  const std::size_t dot = i++;
  while (i < stored.size() && stored[i] == '0') ++i;
  if (i != stored.size()) return std::string(stored);  // a real fraction or an exponent
  const std::string_view integer = stored.substr(0, dot);
  if (integer == "-0" || integer == "+0") return std::string("0");
  return std::string(integer);
}

std::string DecodeOoxmlEscapes(std::string_view text) {
  if (text.find("_x") == std::string_view::npos && text.find("_X") == std::string_view::npos) {
    return std::string(text);
  }
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    const auto unit = ParseEscapeUnit(text.substr(i));
    if (!unit) {
      out.push_back(text[i++]);
      continue;
    }
    if (*unit >= 0xD800 && *unit <= 0xDBFF) {
      const auto low = ParseEscapeUnit(text.substr(i + 7));
      if (low && *low >= 0xDC00 && *low <= 0xDFFF) {
        AppendUtf8(out, 0x10000 + ((*unit - 0xD800) << 10) + (*low - 0xDC00));
        i += 14;
        continue;
      }
      out.push_back(text[i++]);  // lone surrogate: keep the escape as text
      continue;
    }
    if (*unit >= 0xDC00 && *unit <= 0xDFFF) {
      out.push_back(text[i++]);
      continue;
    }
    AppendUtf8(out, *unit);
    i += 7;
  }
  return out;
}

std::string ProtectLiteralEscapes(std::string_view text) {
  if (text.find("_x") == std::string_view::npos && text.find("_X") == std::string_view::npos) {
    return std::string(text);
  }
  std::string out;
  out.reserve(text.size() + 8);
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (ParseEscapeUnit(text.substr(i))) out += "_x005F";
    out.push_back(text[i]);
  }
  return out;
}

}  // namespace anjian::io
