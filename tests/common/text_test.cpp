// UTF-8 helpers: trimming (incl. the full-width space Chinese spreadsheets are full of),
// splitting on Chinese separators, and rejecting malformed UTF-8 before it reaches the database.
#include "common/text.hpp"

#include <gtest/gtest.h>

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

}  // namespace
}  // namespace anjian
