// Character-set conversion to UTF-8 with glibc iconv. Internal to io (used by the CSV reader).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace anjian::io {

// Converts `bytes` from `charset` (an iconv name such as "GB18030" or "UTF-16LE") to UTF-8.
// Returns nullopt if the charset is unknown or the bytes are not valid in it.
std::optional<std::string> ConvertToUtf8(std::string_view bytes, const char* charset);

}  // namespace anjian::io
