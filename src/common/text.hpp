// Small UTF-8 text helpers shared by the domain and io (trimming, splitting, validation).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace anjian {

// Trims ASCII whitespace and the full-width space U+3000 at both ends.
std::string_view Trim(std::string_view text);
// Splits on any of the given separators (each a UTF-8 string), trimming and dropping empties.
std::vector<std::string> SplitAny(std::string_view text,
                                  const std::vector<std::string_view>& separators);
bool IsValidUtf8(std::string_view text);
// Number of Unicode code points (text must be valid UTF-8).
std::size_t Utf8Length(std::string_view text);

}  // namespace anjian

namespace anjian {

// The deepest nesting of arrays and objects in JSON text (strings, escapes and // or /* */ comments
// skipped), counting no further than `limit` + 1. Parsers and serialisers of JSON recurse per
// level, so text nested deeper than a limit is refused before it is parsed (issue #12).
int JsonNestingDepth(std::string_view text, int limit);

// Appends `text` as a JSON string literal, quotes included, escaped as nlohmann::json's dump()
// escapes it (", \\, \b \f \n \r \t, other controls as \u00xx; UTF-8 kept as is), so rows
// written a field at a time read back as the same values; a byte that is not valid UTF-8 becomes
// U+FFFD instead of making the text unreadable. For the plan rows of a province (millions of
// items), where building a JSON DOM per row took most of the save.
void AppendJsonString(std::string& out, std::string_view text);

// The nesting limit for request bodies and policy files.
inline constexpr int kMaxJsonDepth = 64;

}  // namespace anjian
