// How xlsx stores values, and how the reader turns them into cell text: number formats that mean
// "date", Excel date serials, number text and the _xHHHH_ escapes of OOXML strings.
// Pure functions; exposed in the header so tests can check them directly.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace anjian::io {

enum class DateSystem { k1900, k1904 };

// True for the built-in number format ids that display a date or time: 14-22 and 45-47 (all
// locales) and 27-36, 50-58 (the zh-CN built-ins, e.g. 31 = yyyy"年"m"月"d"日").
bool IsBuiltinDateFormat(int format_id);

// True if a custom format code displays a date or time: it contains y, m, d or h (any case)
// outside quoted text, [...] sections (colours, locales, elapsed time) and backslash/underscore/
// asterisk escapes. "yyyy\-mm\-dd" → true, "0.00\"m\"" → false, "General" → false.
bool IsDateFormatCode(std::string_view format_code);

// Converts an Excel date serial to "YYYY-MM-DD" using its integer part. In the 1900 system serial
// 1 is 1900-01-01 and serial 60 is Excel's fictitious 1900-02-29 (returned as that text); in the
// 1904 system serial 0 is 1904-01-01. nullopt for negative, non-finite or post-9999 serials.
std::optional<std::string> ExcelSerialToDateText(double serial, DateSystem system);

// The text of a numeric cell: the stored text, except that a plain decimal whose fraction is all
// zeros loses it ("25.0" → "25", "-3.000" → "-3"). Exponent forms are returned unchanged.
std::string NormalizeNumberText(std::string_view stored);

// Decodes OOXML ST_Xstring escapes: "_x000D_" → CR, "_x005F_" → "_", surrogate pairs combined.
// Sequences that do not form a valid character are kept verbatim.
std::string DecodeOoxmlEscapes(std::string_view text);

// The inverse for literal text: every "_xHHHH_" already in `text` gets its underscore escaped as
// "_x005F_", so a reader that decodes escapes gets the original text back.
std::string ProtectLiteralEscapes(std::string_view text);

}  // namespace anjian::io
