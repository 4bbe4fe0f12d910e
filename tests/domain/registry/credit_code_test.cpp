// Unified social credit code (GB 32100-2015), domain.md §14.1: shape, alphabet, check character
// and the recorded override for legitimately issued early codes that fail the checksum.
#include "domain/registry/credit_code.hpp"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <string>

#include "support/credit_code_oracle.hpp"
#include "support/result_matchers.hpp"

namespace anjian::domain {
namespace {

using test_support::kCreditCodeAlphabet;
using test_support::ReferenceCheckCharacter;

bool Contains(const std::string& haystack, std::string_view needle) {
  return haystack.find(needle) != std::string::npos;
}

TEST(CreditCodeTest, AcceptsTheStandardExample) {
  // S = 1640; 1640 mod 31 = 28; 31 − 28 = 3 (domain.md §14.1).
  auto code = CreditCode::Parse("91350100M000100Y43");
  ASSERT_OK(code);
  EXPECT_EQ(code->str(), "91350100M000100Y43");
  EXPECT_TRUE(code->check_character_valid());
  EXPECT_EQ(code->division_code(), "350100");
}

TEST(CreditCodeTest, AcceptsShanghaiExampleWithLetterCheck) {
  // S = 1065; 1065 mod 31 = 11; 31 − 11 = 20 → 'L'.
  auto code = CreditCode::Parse("91310000775785552L");
  ASSERT_OK(code);
  EXPECT_EQ(code->division_code(), "310000");
}

TEST(CreditCodeTest, RejectsWrongCheckCharacter) {
  auto code = CreditCode::Parse("91350100M0001TGQXM");
  ASSERT_ERROR_CODE(code, kInvalidArgument);
  EXPECT_TRUE(Contains(code.error().message, "校验位")) << code.error().message;
  // The computed character is '1' (domain.md §14.1); the message tells the user.
  EXPECT_TRUE(Contains(code.error().message, "应为“1”")) << code.error().message;
}

TEST(CreditCodeTest, RejectsEveryOtherCheckCharacterForTheStandardExample) {
  for (char c : kCreditCodeAlphabet) {
    if (c == '3') continue;
    std::string text = "91350100M000100Y4";
    text += c;
    EXPECT_FALSE(CreditCode::Parse(text).ok()) << text;
  }
}

TEST(CreditCodeTest, NormalisesLowerCaseAndSurroundingSpaces) {
  auto code = CreditCode::Parse("  91350100m000100y43 ");
  ASSERT_OK(code);
  EXPECT_EQ(code->str(), "91350100M000100Y43");
  auto shanghai = CreditCode::Parse("91310000775785552l");
  ASSERT_OK(shanghai);
  EXPECT_EQ(shanghai->str(), "91310000775785552L");
}

TEST(CreditCodeTest, RejectsLettersOutsideTheAlphabet) {
  for (char letter : {'I', 'O', 'S', 'V', 'Z', 'i', 'o'}) {
    std::string text = "91350100M000100Y43";
    text[9] = letter;  // position 10
    auto code = CreditCode::Parse(text);
    ASSERT_FALSE(code.ok()) << text;
    EXPECT_TRUE(Contains(code.error().message, "第10位")) << code.error().message;
    EXPECT_FALSE(CreditCode::ParseAllowingBadCheck(text).ok()) << text;
  }
}

TEST(CreditCodeTest, RejectsPunctuationAndFullWidthCharacters) {
  EXPECT_FALSE(CreditCode::Parse("91350100-000100Y43").ok());
  EXPECT_FALSE(CreditCode::Parse("91350100M000100Y4３").ok());
}

TEST(CreditCodeTest, WrongLengthMessageGivesTheActualLength) {
  auto short_code = CreditCode::Parse("91350100M000100Y4");
  ASSERT_FALSE(short_code.ok());
  EXPECT_TRUE(Contains(short_code.error().message, "18位")) << short_code.error().message;
  EXPECT_TRUE(Contains(short_code.error().message, "17位")) << short_code.error().message;
  auto long_code = CreditCode::Parse("91350100M000100Y431");
  ASSERT_FALSE(long_code.ok());
  EXPECT_TRUE(Contains(long_code.error().message, "19位")) << long_code.error().message;
}

TEST(CreditCodeTest, EmptyCodeSaysItIsEmpty) {
  auto code = CreditCode::Parse("   ");
  ASSERT_ERROR_CODE(code, kInvalidArgument);
  EXPECT_TRUE(Contains(code.error().message, "不能为空")) << code.error().message;
}

TEST(CreditCodeTest, RequiresDigitsForTheDivisionCode) {
  // Positions 3–8 are a GB/T 2260 code. 'A' at position 3, check recomputed so only the shape
  // fails.
  std::string prefix = "91A50100M000100Y4";
  auto code = CreditCode::Parse(prefix + ReferenceCheckCharacter(prefix));
  ASSERT_FALSE(code.ok());
  EXPECT_TRUE(Contains(code.error().message, "3-8")) << code.error().message;
}

TEST(CreditCodeTest, ParseAllowingBadCheckAcceptsEarlyCodeAndSaysSo) {
  auto code = CreditCode::ParseAllowingBadCheck("91350100M0001TGQXM");
  ASSERT_OK(code);
  EXPECT_EQ(code->str(), "91350100M0001TGQXM");
  EXPECT_FALSE(code->check_character_valid());
}

TEST(CreditCodeTest, ParseAllowingBadCheckReportsValidCheckWhenItIs) {
  auto code = CreditCode::ParseAllowingBadCheck("91350100m000100y43");
  ASSERT_OK(code);
  EXPECT_TRUE(code->check_character_valid());
  EXPECT_EQ(code->str(), "91350100M000100Y43");
}

TEST(CreditCodeTest, ParseAllowingBadCheckStillRejectsBadShape) {
  EXPECT_FALSE(CreditCode::ParseAllowingBadCheck("91350100M0001TGQX").ok());
  EXPECT_FALSE(CreditCode::ParseAllowingBadCheck("91350100M0001TGQXO").ok());
}

TEST(CreditCodeTest, ComputesCheckCharactersOfTheSpecExamples) {
  EXPECT_EQ(CreditCode::ComputeCheckCharacter("91350100M000100Y4"), '3');
  EXPECT_EQ(CreditCode::ComputeCheckCharacter("91310000775785552"), 'L');
  EXPECT_EQ(CreditCode::ComputeCheckCharacter("91350100M0001TGQX"), '1');
}

TEST(CreditCodeTest, ComputeCheckCharacterRejectsBadInput) {
  EXPECT_EQ(CreditCode::ComputeCheckCharacter("91350100M000100Y"), '\0');
  EXPECT_EQ(CreditCode::ComputeCheckCharacter("91350100M000100Y43"), '\0');
  EXPECT_EQ(CreditCode::ComputeCheckCharacter("91350100M000100O4"), '\0');
}

TEST(CreditCodeTest, ComputesZeroWhenTheSumIsAMultipleOf31) {
  // All zeros: S = 0 → r = 31 → 0.
  EXPECT_EQ(CreditCode::ComputeCheckCharacter("00000000000000000"), '0');
  EXPECT_OK(CreditCode::Parse("000000000000000000"));
}

TEST(CreditCodeTest, ReferenceOracleAgreesWithTheSpecExamples) {
  // Guards the oracle itself, so the property below compares against something right.
  EXPECT_EQ(ReferenceCheckCharacter("91350100M000100Y4"), '3');
  EXPECT_EQ(ReferenceCheckCharacter("91310000775785552"), 'L');
  EXPECT_EQ(ReferenceCheckCharacter("91350100M0001TGQX"), '1');
}

rc::Gen<std::string> GenPrefix17() {
  return rc::gen::map(
      rc::gen::tuple(
          rc::gen::container<std::string>(2, rc::gen::elementOf(kCreditCodeAlphabet)),
          rc::gen::container<std::string>(6, rc::gen::inRange('0', static_cast<char>('9' + 1))),
          rc::gen::container<std::string>(9, rc::gen::elementOf(kCreditCodeAlphabet))),
      [](const std::tuple<std::string, std::string, std::string>& parts) {
        return std::get<0>(parts) + std::get<1>(parts) + std::get<2>(parts);
      });
}

RC_GTEST_PROP(CreditCodePropertyTest, CheckCharacterMatchesReferenceAndParses, ()) {
  const std::string prefix = *GenPrefix17();
  const char check = CreditCode::ComputeCheckCharacter(prefix);
  RC_ASSERT(check == ReferenceCheckCharacter(prefix));
  auto code = CreditCode::Parse(prefix + check);
  RC_ASSERT(code.ok());
  RC_ASSERT(code->check_character_valid());
  RC_ASSERT(code->str() == prefix + check);
}

RC_GTEST_PROP(CreditCodePropertyTest, AnyOtherCheckCharacterFails, ()) {
  const std::string prefix = *GenPrefix17();
  const char check = ReferenceCheckCharacter(prefix);
  for (char other : kCreditCodeAlphabet) {
    if (other == check) continue;
    RC_ASSERT(!CreditCode::Parse(prefix + other).ok());
    auto allowed = CreditCode::ParseAllowingBadCheck(prefix + other);
    RC_ASSERT(allowed.ok());
    RC_ASSERT(!allowed->check_character_valid());
  }
}

}  // namespace
}  // namespace anjian::domain
