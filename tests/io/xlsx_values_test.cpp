#include "io/xlsx_values.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

namespace anjian::io {
namespace {

// Reference serials are Excel's documented values: 1 = 1900-01-01, 60 = the fictitious
// 1900-02-29, 61 = 1900-03-01, 45366 = 2024-03-15 (LibreOffice wrote 45366 for that date too),
// and the 1904 system is 1462 days behind.
TEST(ExcelSerialToDateTextTest, ConvertsThe1900System) {
  EXPECT_EQ(ExcelSerialToDateText(1, DateSystem::k1900), "1900-01-01");
  EXPECT_EQ(ExcelSerialToDateText(59, DateSystem::k1900), "1900-02-28");
  EXPECT_EQ(ExcelSerialToDateText(60, DateSystem::k1900), "1900-02-29");
  EXPECT_EQ(ExcelSerialToDateText(61, DateSystem::k1900), "1900-03-01");
  EXPECT_EQ(ExcelSerialToDateText(25569, DateSystem::k1900), "1970-01-01");
  EXPECT_EQ(ExcelSerialToDateText(45366, DateSystem::k1900), "2024-03-15");
  EXPECT_EQ(ExcelSerialToDateText(2958465, DateSystem::k1900), "9999-12-31");
}

TEST(ExcelSerialToDateTextTest, IgnoresTheTimeOfDay) {
  EXPECT_EQ(ExcelSerialToDateText(45366.75, DateSystem::k1900), "2024-03-15");
}

TEST(ExcelSerialToDateTextTest, ConvertsThe1904System) {
  EXPECT_EQ(ExcelSerialToDateText(0, DateSystem::k1904), "1904-01-01");
  EXPECT_EQ(ExcelSerialToDateText(45366 - 1462, DateSystem::k1904), "2024-03-15");
}

TEST(ExcelSerialToDateTextTest, RejectsSerialsOutsideTheCalendar) {
  EXPECT_EQ(ExcelSerialToDateText(-1, DateSystem::k1900), std::nullopt);
  EXPECT_EQ(ExcelSerialToDateText(2958466, DateSystem::k1900), std::nullopt);
  EXPECT_EQ(ExcelSerialToDateText(std::numeric_limits<double>::quiet_NaN(), DateSystem::k1900),
            std::nullopt);
  EXPECT_EQ(ExcelSerialToDateText(std::numeric_limits<double>::infinity(), DateSystem::k1904),
            std::nullopt);
}

TEST(IsDateFormatCodeTest, RecognisesDateAndTimeCodes) {
  EXPECT_TRUE(IsDateFormatCode("yyyy\\-mm\\-dd"));
  EXPECT_TRUE(IsDateFormatCode("yyyy\"年\"m\"月\"d\"日\""));
  EXPECT_TRUE(IsDateFormatCode("[$-804]yyyy/m/d"));
  EXPECT_TRUE(IsDateFormatCode("h:mm AM/PM"));
  EXPECT_TRUE(IsDateFormatCode("DD/MM/YYYY"));
}

TEST(IsDateFormatCodeTest, IgnoresLettersInQuotesBracketsAndEscapes) {
  EXPECT_FALSE(IsDateFormatCode("General"));
  EXPECT_FALSE(IsDateFormatCode("0.00"));
  EXPECT_FALSE(IsDateFormatCode("#,##0.00\"天\""));
  EXPECT_FALSE(IsDateFormatCode("0\" days\""));
  EXPECT_FALSE(IsDateFormatCode("[Red]0.00"));
  EXPECT_FALSE(IsDateFormatCode("#,##0_);[Red](#,##0)"));
  EXPECT_FALSE(IsDateFormatCode("0\\h"));
  EXPECT_FALSE(IsDateFormatCode("@"));
}

TEST(IsBuiltinDateFormatTest, CoversStandardAndChineseDateIds) {
  for (int id : {14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47, 27, 31, 36, 50, 57, 58}) {
    EXPECT_TRUE(IsBuiltinDateFormat(id)) << id;
  }
  for (int id : {0, 1, 2, 9, 10, 11, 12, 13, 23, 37, 44, 48, 49, 59, 164}) {
    EXPECT_FALSE(IsBuiltinDateFormat(id)) << id;
  }
}

TEST(NormalizeNumberTextTest, DropsAZeroFraction) {
  EXPECT_EQ(NormalizeNumberText("25"), "25");
  EXPECT_EQ(NormalizeNumberText("25.0"), "25");
  EXPECT_EQ(NormalizeNumberText("-3.000"), "-3");
  EXPECT_EQ(NormalizeNumberText("-0.0"), "0");
}

TEST(NormalizeNumberTextTest, KeepsFractionsAndExponentFormsVerbatim) {
  EXPECT_EQ(NormalizeNumberText("3.5"), "3.5");
  EXPECT_EQ(NormalizeNumberText("0.10"), "0.10");
  EXPECT_EQ(NormalizeNumberText("9.1350100000000006E+17"), "9.1350100000000006E+17");
  EXPECT_EQ(NormalizeNumberText("9.13501E+017"), "9.13501E+017");
  EXPECT_EQ(NormalizeNumberText("1.0E+2"), "1.0E+2");
}

TEST(DecodeOoxmlEscapesTest, DecodesEscapedCharacters) {
  EXPECT_EQ(DecodeOoxmlEscapes("a_x000D_b"), "a\rb");
  EXPECT_EQ(DecodeOoxmlEscapes("_x005F_x000D_"), "_x000D_");
  EXPECT_EQ(DecodeOoxmlEscapes("_x5355_"), "\xE5\x8D\x95");             // 单
  EXPECT_EQ(DecodeOoxmlEscapes("_xD83D__xDE00_"), "\xF0\x9F\x98\x80");  // U+1F600
}

TEST(DecodeOoxmlEscapesTest, KeepsTextThatIsNotAnEscape) {
  EXPECT_EQ(DecodeOoxmlEscapes("file_x1.txt"), "file_x1.txt");
  EXPECT_EQ(DecodeOoxmlEscapes("_xZZZZ_"), "_xZZZZ_");
  EXPECT_EQ(DecodeOoxmlEscapes("_xD83D_"), "_xD83D_");  // lone surrogate
}

TEST(ProtectLiteralEscapesTest, EscapesOnlyEscapeShapedSequences) {
  EXPECT_EQ(ProtectLiteralEscapes("_x0041_"), "_x005F_x0041_");
  EXPECT_EQ(ProtectLiteralEscapes("a_x000D_b_x1"), "a_x005F_x000D_b_x1");
  EXPECT_EQ(ProtectLiteralEscapes("plain_text"), "plain_text");
}

TEST(ProtectLiteralEscapesTest, DecodingUndoesIt) {
  for (const char* text : {"_x0041_", "__x0041__", "_x005F_", "x_xD83D__xDE00_y", "none"}) {
    EXPECT_EQ(DecodeOoxmlEscapes(ProtectLiteralEscapes(text)), text);
  }
}

}  // namespace
}  // namespace anjian::io
