#include <gtest/gtest.h>

#include <string>

#include "io/io_test_support.hpp"
#include "io/table.hpp"

namespace anjian::io {
namespace {

using io_test::Text;

// UTF-8 spelled out as bytes next to their GBK bytes, so each pair can be checked against iconv.
const std::string kDanWeiMingCheng =
    "\xE5\x8D\x95\xE4\xBD\x8D\xE5\x90\x8D\xE7\xA7\xB0";  // 单位名称
// GBK bytes of the same strings, checked with `iconv -f UTF-8 -t GBK`.
const std::string kDanWeiMingChengGbk = "\xB5\xA5\xCE\xBB\xC3\xFB\xB3\xC6";
const std::string kAnQuanShengChan =
    "\xE5\xAE\x89\xE5\x85\xA8\xE7\x94\x9F\xE4\xBA\xA7";  // 安全生产
const std::string kAnQuanShengChanGbk = "\xB0\xB2\xC8\xAB\xC9\xFA\xB2\xFA";
const std::string kFuZhouShi = "\xE7\xA6\x8F\xE5\xB7\x9E\xE5\xB8\x82";  // 福州市
const std::string kFuZhouShiGbk = "\xB8\xA3\xD6\xDD\xCA\xD0";

std::vector<std::string> Texts(const Row& row) {
  std::vector<std::string> texts;
  for (const auto& cell : row) texts.push_back(cell.text);
  return texts;
}

using Strings = std::vector<std::string>;

TEST(CsvReaderTest, ReadsUtf8WithoutBom) {
  auto table = ReadCsv(kDanWeiMingCheng + ",人数\n" + kFuZhouShi + ",25\n");
  ASSERT_TRUE(table.ok()) << table.error().message;
  ASSERT_EQ(table->rows.size(), 2u);
  EXPECT_EQ(Texts(table->rows[0]), (Strings{kDanWeiMingCheng, "人数"}));
  EXPECT_EQ(Texts(table->rows[1]), (Strings{kFuZhouShi, "25"}));
}

TEST(CsvReaderTest, StripsUtf8Bom) {
  auto table = ReadCsv("\xEF\xBB\xBF" + kDanWeiMingCheng + ",b\r\n1,2\r\n");
  ASSERT_TRUE(table.ok()) << table.error().message;
  ASSERT_EQ(table->rows.size(), 2u);
  EXPECT_EQ(table->rows[0][0].text, kDanWeiMingCheng);
  EXPECT_EQ(Texts(table->rows[1]), (Strings{"1", "2"}));
}

TEST(CsvReaderTest, CellsAreNeverNumericOrDate) {
  auto table = ReadCsv("a,b\n25,2024-03-15\n");
  ASSERT_TRUE(table.ok()) << table.error().message;
  ASSERT_EQ(table->rows.size(), 2u);
  EXPECT_EQ(table->rows[1][0], Text("25"));
  EXPECT_EQ(table->rows[1][1], Text("2024-03-15"));
}

TEST(CsvReaderTest, DecodesGbkEncodedFile) {
  const std::string gbk =
      kDanWeiMingChengGbk + "," + kAnQuanShengChanGbk + "\r\n" + kFuZhouShiGbk + ",1\r\n";
  auto table = ReadCsv(gbk);
  ASSERT_TRUE(table.ok()) << table.error().message;
  ASSERT_EQ(table->rows.size(), 2u);
  EXPECT_EQ(Texts(table->rows[0]), (Strings{kDanWeiMingCheng, kAnQuanShengChan}));
  EXPECT_EQ(Texts(table->rows[1]), (Strings{kFuZhouShi, "1"}));
}

TEST(CsvReaderTest, DecodesGbkQuotedFieldWithComma) {
  // "检查,日期" in GBK inside quotes: the comma is ASCII in GBK too.
  auto table = ReadCsv("\"\xBC\xEC\xB2\xE9,\xC8\xD5\xC6\xDA\",x\n");
  ASSERT_TRUE(table.ok()) << table.error().message;
  ASSERT_EQ(table->rows.size(), 1u);
  EXPECT_EQ(Texts(table->rows[0]),
            (Strings{"\xE6\xA3\x80\xE6\x9F\xA5,\xE6\x97\xA5\xE6\x9C\x9F", "x"}));
}

TEST(CsvReaderTest, RejectsBytesThatAreNeitherUtf8NorGbk) {
  // 0xFF is not a lead byte in UTF-8, GBK or GB18030.
  auto table = ReadCsv("a,b\n\xFF\xFF,c\n");
  ASSERT_FALSE(table.ok());
  EXPECT_EQ(table.error().message, "文件编码无法识别（既不是 UTF-8 也不是 GBK）");
  EXPECT_EQ(table.error().code, ErrorCode::kInvalidArgument);
}

TEST(CsvReaderTest, ReadsUtf16LeTabSeparatedText) {
  // "单位名称\t人\r\n" as UTF-16LE with BOM (Excel "Unicode text"); 人 is U+4EBA.
  const std::string bytes = std::string("\xFF\xFE") + "\x55\x53\x4D\x4F\x0D\x54\xF0\x79" +
                            std::string("\x09\x00\xBA\x4E\x0D\x00\x0A\x00", 8) +
                            std::string("a\0,\0b\0", 6);
  auto table = ReadCsv(bytes);
  ASSERT_TRUE(table.ok()) << table.error().message;
  ASSERT_EQ(table->rows.size(), 2u);
  EXPECT_EQ(Texts(table->rows[0]), (Strings{kDanWeiMingCheng, "\xE4\xBA\xBA"}));
  EXPECT_EQ(Texts(table->rows[1]), (Strings{"a,b"}));  // commas are data in tab-separated text
}

TEST(CsvReaderTest, QuotedFieldsKeepCommasQuotesAndNewlines) {
  const std::string csv =
      "name,note\r\n"
      "\"Zhang, San\",\"line1\r\nline2\"\r\n"
      "\"say \"\"hi\"\"\",\"a\nb\"\r\n"
      "\"\",plain\r\n";
  auto table = ReadCsv(csv);
  ASSERT_TRUE(table.ok()) << table.error().message;
  ASSERT_EQ(table->rows.size(), 4u);
  EXPECT_EQ(Texts(table->rows[1]), (Strings{"Zhang, San", "line1\r\nline2"}));
  EXPECT_EQ(Texts(table->rows[2]), (Strings{"say \"hi\"", "a\nb"}));
  EXPECT_EQ(Texts(table->rows[3]), (Strings{"", "plain"}));
}

TEST(CsvReaderTest, AcceptsLfCrAndCrlfLineEnds) {
  auto table = ReadCsv("a,b\rc,d\ne,f\r\ng,h");
  ASSERT_TRUE(table.ok()) << table.error().message;
  ASSERT_EQ(table->rows.size(), 4u);
  EXPECT_EQ(Texts(table->rows[0]), (Strings{"a", "b"}));
  EXPECT_EQ(Texts(table->rows[1]), (Strings{"c", "d"}));
  EXPECT_EQ(Texts(table->rows[2]), (Strings{"e", "f"}));
  EXPECT_EQ(Texts(table->rows[3]), (Strings{"g", "h"}));
}

TEST(CsvReaderTest, KeepsTrailingEmptyFieldAndSurroundingSpaces) {
  auto table = ReadCsv("a, b ,\n");
  ASSERT_TRUE(table.ok()) << table.error().message;
  ASSERT_EQ(table->rows.size(), 1u);
  EXPECT_EQ(Texts(table->rows[0]), (Strings{"a", " b ", ""}));
}

TEST(CsvReaderTest, ReportsUnterminatedQuoteWithRowNumber) {
  auto table = ReadCsv("a,b\n1,2\n3,\"never closed\n4,5\n");
  ASSERT_FALSE(table.ok());
  EXPECT_EQ(table.error().message, "第3行：引号未闭合");
}

TEST(CsvReaderTest, RejectsEmptyFile) {
  for (const std::string& bytes : {std::string(), std::string("\xEF\xBB\xBF"),
                                   std::string(" \r\n\t\n"), std::string("\xEF\xBB\xBF\r\n")}) {
    auto table = ReadCsv(bytes);
    ASSERT_FALSE(table.ok()) << "bytes: " << bytes;
    EXPECT_EQ(table.error().message, "文件为空");
  }
}

TEST(CsvReaderTest, KeepsRaggedRowsAsWritten) {
  auto table = ReadCsv("a,b,c\n1\n1,2,3,4\n");
  ASSERT_TRUE(table.ok()) << table.error().message;
  ASSERT_EQ(table->rows.size(), 3u);
  EXPECT_EQ(table->rows[0].size(), 3u);
  EXPECT_EQ(Texts(table->rows[1]), (Strings{"1"}));
  EXPECT_EQ(Texts(table->rows[2]), (Strings{"1", "2", "3", "4"}));
}

TEST(CsvReaderTest, KeepsBlankRowPositionsAndDropsTrailingBlankRows) {
  auto table = ReadCsv("h1,h2\n\n,\nx,y\n\n,,\n\n");
  ASSERT_TRUE(table.ok()) << table.error().message;
  ASSERT_EQ(table->rows.size(), 4u);  // rows 2 and 3 are blank, row 4 has data, the rest is dropped
  EXPECT_TRUE(table->rows[1].empty());
  EXPECT_TRUE(table->rows[2].empty());
  EXPECT_EQ(Texts(table->rows[3]), (Strings{"x", "y"}));
}

TEST(CsvReaderTest, RejectsMoreRowsThanTheLimit) {
  ReadLimits limits;
  limits.max_rows = 3;
  auto within = ReadCsv("a\nb\nc\n\n\n", limits);
  ASSERT_TRUE(within.ok()) << within.error().message;
  EXPECT_EQ(within->rows.size(), 3u);
  auto over = ReadCsv("a\nb\nc\nd\n", limits);
  ASSERT_FALSE(over.ok());
  EXPECT_EQ(over.error().message, "行数超过上限 3");
}

TEST(CsvReaderTest, RejectsMoreColumnsThanTheLimit) {
  ReadLimits limits;
  limits.max_columns = 2;
  auto over = ReadCsv("a,b\nc,d,e\n", limits);
  ASSERT_FALSE(over.ok());
  EXPECT_EQ(over.error().message, "第2行：列数超过上限 2");
}

}  // namespace
}  // namespace anjian::io
