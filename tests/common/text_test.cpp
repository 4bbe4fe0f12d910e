// UTF-8 helpers: trimming (incl. the full-width space Chinese spreadsheets are full of),
// splitting on Chinese separators, and rejecting malformed UTF-8 before it reaches the database.
#include "common/text.hpp"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace anjian {
namespace {

const std::string kIdeographicSpace = "\xE3\x80\x80";  // U+3000

TEST(TextTest, TrimRemovesAsciiWhitespaceAtBothEnds) {
  EXPECT_EQ(Trim("  a b  "), "a b");
  EXPECT_EQ(Trim("\t\r\n x \n"), "x");
}

TEST(TextTest, TrimRemovesIdeographicSpace) {
  EXPECT_EQ(Trim(kIdeographicSpace + kIdeographicSpace + "东风社区" + kIdeographicSpace),
            "东风社区");
  EXPECT_EQ(Trim(" " + kIdeographicSpace + " 名称 " + kIdeographicSpace + "\t"), "名称");
}

TEST(TextTest, TrimKeepsInnerSpaces) {
  const std::string inner = "甲" + kIdeographicSpace + "乙";
  EXPECT_EQ(Trim(inner), inner);
}

TEST(TextTest, TrimOfBlankIsEmpty) {
  EXPECT_EQ(Trim(""), "");
  EXPECT_EQ(Trim("   "), "");
  EXPECT_EQ(Trim(kIdeographicSpace), "");
}

TEST(TextTest, TrimDoesNotEatOtherCharactersSharingLeadBytes) {
  // U+3001 (、) shares the first two bytes with U+3000.
  EXPECT_EQ(Trim("、"), "、");
}

TEST(TextTest, SplitAnySplitsOnChineseSeparators) {
  const std::vector<std::string> expected = {"危险化学品", "有限空间", "燃气"};
  EXPECT_EQ(SplitAny("危险化学品；有限空间、燃气", {"；", "、"}), expected);
}

TEST(TextTest, SplitAnyTrimsPiecesAndDropsEmpties) {
  const std::vector<std::string> expected = {"a", "b"};
  EXPECT_EQ(SplitAny(" a ;; b ;", {";"}), expected);
  EXPECT_EQ(SplitAny("a；" + kIdeographicSpace + "；b", {"；"}), expected);
}

TEST(TextTest, SplitAnyWithoutSeparatorReturnsWholeTrimmedText) {
  const std::vector<std::string> expected = {"燃气"};
  EXPECT_EQ(SplitAny("  燃气 ", {"；", "、"}), expected);
}

TEST(TextTest, SplitAnyOfEmptyOrSeparatorOnlyTextIsEmpty) {
  EXPECT_TRUE(SplitAny("", {";"}).empty());
  EXPECT_TRUE(SplitAny("；、；", {"；", "、"}).empty());
}

TEST(TextTest, SplitAnyMixesAsciiAndFullWidthSeparators) {
  const std::vector<std::string> expected = {"91350100M000100Y43", "91310000775785552L", "X"};
  EXPECT_EQ(SplitAny("91350100M000100Y43;91310000775785552L，X", {";", "；", ",", "，"}), expected);
}

TEST(TextTest, IsValidUtf8AcceptsWellFormedText) {
  EXPECT_TRUE(IsValidUtf8(""));
  EXPECT_TRUE(IsValidUtf8("plain ascii"));
  EXPECT_TRUE(IsValidUtf8("安全生产监督检查"));
  EXPECT_TRUE(IsValidUtf8("\xC2\xA9"));          // U+00A9, smallest-but-one 2-byte
  EXPECT_TRUE(IsValidUtf8("\xF0\x9F\x98\x80"));  // U+1F600, 4 bytes
  EXPECT_TRUE(IsValidUtf8("\xF4\x8F\xBF\xBF"));  // U+10FFFF, the last code point
  EXPECT_TRUE(IsValidUtf8("\xEE\x80\x80"));      // U+E000, just above the surrogates
}

TEST(TextTest, IsValidUtf8RejectsOverlongEncodings) {
  EXPECT_FALSE(IsValidUtf8("\xC0\xAF"));  // '/' in 2 bytes
  EXPECT_FALSE(IsValidUtf8("\xC1\xBF"));
  EXPECT_FALSE(IsValidUtf8("\xE0\x80\xAF"));      // '/' in 3 bytes
  EXPECT_FALSE(IsValidUtf8("\xF0\x80\x80\xAF"));  // '/' in 4 bytes
}

TEST(TextTest, IsValidUtf8RejectsSurrogates) {
  EXPECT_FALSE(IsValidUtf8("\xED\xA0\x80"));  // U+D800
  EXPECT_FALSE(IsValidUtf8("\xED\xBF\xBF"));  // U+DFFF
}

TEST(TextTest, IsValidUtf8RejectsTruncatedSequences) {
  EXPECT_FALSE(IsValidUtf8("\xE4\xB8"));  // first two bytes of 中
  EXPECT_FALSE(IsValidUtf8("abc\xE4"));
  EXPECT_FALSE(IsValidUtf8("\xF0\x9F\x98"));
  EXPECT_FALSE(
      IsValidUtf8("\xE4\xB8"
                  "a"));  // continuation replaced by ASCII
}

TEST(TextTest, IsValidUtf8RejectsStrayAndOutOfRangeBytes) {
  EXPECT_FALSE(IsValidUtf8("\x80"));
  EXPECT_FALSE(
      IsValidUtf8("a\xBF"
                  "b"));
  EXPECT_FALSE(IsValidUtf8("\xFF"));
  EXPECT_FALSE(IsValidUtf8("\xF8\x88\x80\x80\x80"));
  EXPECT_FALSE(IsValidUtf8("\xF4\x90\x80\x80"));  // U+110000
}

TEST(TextTest, IsValidUtf8RejectsGbkBytes) {
  EXPECT_FALSE(IsValidUtf8("\xD6\xD0\xCE\xC4"));  // 中文 in GBK
}

TEST(TextTest, Utf8LengthCountsCodePoints) {
  EXPECT_EQ(Utf8Length(""), 0u);
  EXPECT_EQ(Utf8Length("abc"), 3u);
  EXPECT_EQ(Utf8Length("中文abc"), 5u);
  EXPECT_EQ(Utf8Length("\xF0\x9F\x98\x80"), 1u);
}

}  // namespace
}  // namespace anjian

namespace anjian {
namespace {

TEST(JsonNestingDepthTest, CountsArraysAndObjects) {
  EXPECT_EQ(JsonNestingDepth("1", 64), 0);
  EXPECT_EQ(JsonNestingDepth(R"({"a":[1,{"b":[]}]})", 64), 4);
}

TEST(JsonNestingDepthTest, SkipsBracketsInStringsEscapesAndComments) {
  EXPECT_EQ(JsonNestingDepth(R"({"a":"[[[[\"[[{{"})", 64), 1);
  EXPECT_EQ(JsonNestingDepth("// [[[[ \"\n{ /* {{{{ \" */ \"x\": 1}", 64), 1);
}

TEST(JsonNestingDepthTest, ALineCommentEndsAtCarriageReturnToo) {
  const std::string hidden = "// x\r" + std::string(100, '[') + std::string(100, ']');
  EXPECT_GT(JsonNestingDepth(hidden, 64), 64);
}

TEST(JsonNestingDepthTest, StopsPastTheLimit) {
  const std::string deep = std::string(200000, '[') + std::string(200000, ']');
  EXPECT_EQ(JsonNestingDepth(deep, 64), 65);
  EXPECT_EQ(JsonNestingDepth(std::string(64, '[') + std::string(64, ']'), 64), 64);
}

// UTF-8 of the code point (not a surrogate, at most U+10FFFF).
std::string Utf8Of(std::uint32_t cp) {
  std::string out;
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
  return out;
}

// AppendJsonString writes what nlohmann::json's dump() writes for valid UTF-8, byte for byte, so
// plan rows written a field at a time are the documents the DOM would have made. The text mixes
// controls, ASCII, two-byte letters, CJK and astral code points.
RC_GTEST_PROP(TextTest, AppendJsonStringMatchesTheDomForValidText, ()) {
  const auto points = *rc::gen::container<std::vector<std::uint32_t>>(rc::gen::oneOf(
      rc::gen::inRange<std::uint32_t>(0, 0x80), rc::gen::inRange<std::uint32_t>(0x80, 0x800),
      rc::gen::inRange<std::uint32_t>(0x4E00, 0xA000),
      rc::gen::inRange<std::uint32_t>(0xE000, 0x10000),
      rc::gen::inRange<std::uint32_t>(0x10000, 0x110000)));
  std::string raw;
  for (auto cp : points) raw += Utf8Of(cp);
  RC_ASSERT(IsValidUtf8(raw));
  std::string out = "x";
  AppendJsonString(out, raw);
  RC_ASSERT(out == "x" + nlohmann::json(raw).dump());
}

// Any bytes at all give a JSON string that parses; valid text reads back unchanged.
RC_GTEST_PROP(TextTest, AppendJsonStringAlwaysGivesJsonThatParses, (const std::string& raw)) {
  std::string out;
  AppendJsonString(out, raw);
  const auto parsed = nlohmann::json::parse(out, nullptr, false);
  RC_ASSERT(parsed.is_string());
  if (IsValidUtf8(raw)) RC_ASSERT(parsed.get<std::string>() == raw);
}

TEST(TextTest, AppendJsonStringEscapesControlsQuotesAndKeepsChinese) {
  std::string out;
  AppendJsonString(out, std::string("春节\"前\"\\\n\t\x01\x1f\x7f", 17));
  EXPECT_EQ(out, "\"春节\\\"前\\\"\\\\\\n\\t\\u0001\\u001f\x7f\"");
  out.clear();
  AppendJsonString(out,
                   "a\xff"
                   "b\xe6\x98");  // a stray byte, a cut-off sequence
  EXPECT_EQ(out,
            "\"a\xEF\xBF\xBD"
            "b\xEF\xBF\xBD\xEF\xBF\xBD\"");
  EXPECT_EQ(nlohmann::json(std::string("\xE3\x80\x80")).dump(), "\"\xE3\x80\x80\"");
}

}  // namespace
}  // namespace anjian
