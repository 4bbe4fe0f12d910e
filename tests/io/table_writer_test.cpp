#include "io/table_writer.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "io/io_test_support.hpp"
#include "io/table.hpp"
#include "io/zip_reader.hpp"

namespace anjian::io {
namespace {

using io_test::Number;
using io_test::ReadFileOrDie;
using io_test::TempDir;
using io_test::Text;
using io_test::WriteFileOrDie;

// Feeds a fixed list of rows to WriteXlsxFile.
std::function<bool(Row&)> RowsFrom(const std::vector<Row>& rows) {
  auto next = std::make_shared<std::size_t>(0);
  return [&rows, next](Row& row) {
    if (*next >= rows.size()) return false;
    row = rows[(*next)++];
    return true;
  };
}

std::string EntryText(const std::string& xlsx_bytes, const std::string& entry) {
  auto zip = ZipReader::Open(xlsx_bytes);
  if (!zip.ok()) return "<not a zip: " + zip.error().message + ">";
  auto text = (*zip)->ReadEntryToString(entry, 64 << 20);
  return text.ok() ? *text : "<missing " + entry + ">";
}

TEST(XlsxWriterTest, RoundTripsChineseTextCodesAndNumbers) {
  TempDir dir;
  const std::string path = dir.File("out.xlsx");
  const Row header = {Text("单位名称"), Text("统一社会信用代码"), Text("人数"), Text("备注")};
  const std::vector<Row> rows = {
      {Text("福州市安全生产有限公司"), Text("913501000000000006"), Number("25"), Text("=1+1")},
      {Text("厦门  公司 "), Text("012345678901234567"), Number("3.5"), Text("")},
      {Text("漳州"), Text("91350100MA2XXXXX1K"), Number("-7"), Text("多行\n备注")},
  };
  const Status status = WriteXlsxFile(path, header, RowsFrom(rows));
  ASSERT_TRUE(status.ok()) << status.error().message;

  auto table = ReadXlsx(ReadFileOrDie(path));
  ASSERT_TRUE(table.ok()) << table.error().message;
  ASSERT_EQ(table->rows.size(), 4u);
  EXPECT_EQ(table->rows[0], header);
  EXPECT_EQ(table->rows[1], rows[0]);
  // The empty trailing cell is not written, so the reader sees three cells.
  EXPECT_EQ(table->rows[2], (Row{Text("厦门  公司 "), Text("012345678901234567"), Number("3.5")}));
  EXPECT_EQ(table->rows[3], rows[2]);
}

TEST(XlsxWriterTest, RoundTripsControlCharactersAndEscapeLookalikes) {
  TempDir dir;
  const std::string path = dir.File("escapes.xlsx");
  const std::vector<Row> rows = {{Text("a\x01b"), Text("_x0041_"), Text("tab\there")}};
  ASSERT_TRUE(WriteXlsxFile(path, {Text("h")}, RowsFrom(rows)).ok());
  auto table = ReadXlsx(ReadFileOrDie(path));
  ASSERT_TRUE(table.ok()) << table.error().message;
  ASSERT_EQ(table->rows.size(), 2u);
  EXPECT_EQ(table->rows[1], rows[0]);
}

TEST(XlsxWriterTest, WritesBoldFrozenHeaderWithAutofilterAndSheetName) {
  TempDir dir;
  const std::string path = dir.File("styled.xlsx");
  const std::vector<Row> rows = {{Text("a"), Number("1")}, {Text("b"), Number("2")}};
  WriteOptions options;
  options.sheet_name = "单位清单";
  options.column_widths = {30, 12};
  const Status status = WriteXlsxFile(path, {Text("名称"), Text("数量")}, RowsFrom(rows), options);
  ASSERT_TRUE(status.ok()) << status.error().message;
  const std::string bytes = ReadFileOrDie(path);
  const std::string sheet = EntryText(bytes, "xl/worksheets/sheet1.xml");
  EXPECT_NE(sheet.find(R"(<autoFilter ref="A1:B3"/>)"), std::string::npos) << sheet;
  EXPECT_NE(sheet.find(R"(ySplit="1")"), std::string::npos) << sheet;
  EXPECT_NE(sheet.find(R"(state="frozen")"), std::string::npos) << sheet;
  EXPECT_NE(sheet.find(R"(width="30.7109375")"), std::string::npos) << sheet;  // 30 + padding
  EXPECT_NE(EntryText(bytes, "xl/styles.xml").find("<b/>"), std::string::npos);
  EXPECT_NE(EntryText(bytes, "xl/workbook.xml").find(R"(name="单位清单")"), std::string::npos);
}

TEST(XlsxWriterTest, WritesNumericCellsThatAreNotNumbersAsText) {
  TempDir dir;
  const std::string path = dir.File("mixed.xlsx");
  const std::vector<Row> rows = {{Number("约 25"), Number("1e3")}};
  ASSERT_TRUE(WriteXlsxFile(path, {Text("a"), Text("b")}, RowsFrom(rows)).ok());
  auto table = ReadXlsx(ReadFileOrDie(path));
  ASSERT_TRUE(table.ok()) << table.error().message;
  ASSERT_EQ(table->rows.size(), 2u);
  EXPECT_EQ(table->rows[1], (Row{Text("约 25"), Number("1000")}));
}

TEST(XlsxWriterTest, StreamsManyRowsInOrder) {
  TempDir dir;
  const std::string path = dir.File("many.xlsx");
  int produced = 0;
  const Status status = WriteXlsxFile(path, {Text("序号"), Text("名称")}, [&](Row& row) {
    if (produced == 5000) return false;
    ++produced;
    row.push_back(Number(std::to_string(produced)));
    row.push_back(Text("单位" + std::to_string(produced)));
    return true;
  });
  ASSERT_TRUE(status.ok()) << status.error().message;
  auto table = ReadXlsx(ReadFileOrDie(path));
  ASSERT_TRUE(table.ok()) << table.error().message;
  ASSERT_EQ(table->rows.size(), 5001u);
  EXPECT_EQ(table->rows[1], (Row{Number("1"), Text("单位1")}));
  EXPECT_EQ(table->rows[5000], (Row{Number("5000"), Text("单位5000")}));
}

TEST(XlsxWriterTest, RejectsBadInputAndLeavesNoFile) {
  TempDir dir;
  const std::string path = dir.File("bad.xlsx");
  const std::vector<Row> none;
  const Status empty_header = WriteXlsxFile(path, {}, RowsFrom(none));
  ASSERT_FALSE(empty_header.ok());
  EXPECT_EQ(empty_header.error().message, "表头不能为空");

  WriteOptions options;
  options.sheet_name = "a/b";
  const Status bad_name = WriteXlsxFile(path, {Text("h")}, RowsFrom(none), options);
  ASSERT_FALSE(bad_name.ok());
  EXPECT_TRUE(bad_name.error().message.starts_with("工作表名称无效")) << bad_name.error().message;

  const std::vector<Row> invalid = {{Text("ok")}, {Text("\xFF\xFE")}};
  const Status bad_text = WriteXlsxFile(path, {Text("h")}, RowsFrom(invalid));
  ASSERT_FALSE(bad_text.ok());
  EXPECT_EQ(bad_text.error().message, "第3行第1列不是有效的 UTF-8 文本");
  EXPECT_FALSE(std::filesystem::exists(path));
}

TEST(XlsxWriterTest, ReportsAnUnwritablePath) {
  const std::vector<Row> none;
  const Status status =
      WriteXlsxFile("/nonexistent-dir-for-anjian/x.xlsx", {Text("h")}, RowsFrom(none));
  ASSERT_FALSE(status.ok());
  EXPECT_TRUE(status.error().message.starts_with("写入 xlsx 文件失败")) << status.error().message;
}

TEST(CsvWriterTest, WritesBomCrlfAndQuotesWhereNeeded) {
  const std::string csv = WriteCsv({Text("名称"), Text("备注")}, {{Text("甲,乙"), Text("说\"好\"")},
                                                                  {Text("多\n行"), Text("plain")},
                                                                  {Number("25"), Text("")}});
  EXPECT_EQ(csv,
            "\xEF\xBB\xBF"
            "名称,备注\r\n"
            "\"甲,乙\",\"说\"\"好\"\"\"\r\n"
            "\"多\n行\",plain\r\n"
            "25,\r\n");
}

TEST(CsvWriterTest, NeutralisesFormulaInjectionInTextCellsOnly) {
  const std::string csv = WriteCsv({Text("h")}, {{Text("=HYPERLINK(\"x\")")},
                                                 {Text("+1")},
                                                 {Text("-2")},
                                                 {Text("@SUM(A1)")},
                                                 {Text("\tx")},
                                                 {Number("-2")},
                                                 {Text("a=b")}});
  EXPECT_EQ(csv,
            "\xEF\xBB\xBF"
            "h\r\n"
            "\"'=HYPERLINK(\"\"x\"\")\"\r\n"
            "'+1\r\n"
            "'-2\r\n"
            "'@SUM(A1)\r\n"
            "'\tx\r\n"
            "-2\r\n"
            "a=b\r\n");
}

TEST(CsvWriterTest, OutputReadsBackThroughTheCsvReader) {
  const std::vector<Row> rows = {{Text("甲,乙"), Text("多\r\n行")}, {Text("\"q\""), Text("")}};
  auto table = ReadCsv(WriteCsv({Text("a"), Text("b")}, rows));
  ASSERT_TRUE(table.ok()) << table.error().message;
  ASSERT_EQ(table->rows.size(), 3u);
  EXPECT_EQ(table->rows[1], rows[0]);
  EXPECT_EQ(table->rows[2], rows[1]);
}

TEST(ReadFileBytesTest, ReadsBinaryContentExactly) {
  TempDir dir;
  std::string bytes = "PK\x03\x04";
  bytes += std::string("\0\xFF\r\n", 4);
  bytes += std::string(200000, 'x');
  WriteFileOrDie(dir.File("f.bin"), bytes);
  auto read = ReadFileBytes(dir.File("f.bin"));
  ASSERT_TRUE(read.ok()) << read.error().message;
  EXPECT_EQ(*read, bytes);
}

TEST(ReadFileBytesTest, ReportsMissingFileAndDirectory) {
  TempDir dir;
  auto missing = ReadFileBytes(dir.File("nope.csv"));
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);
  EXPECT_EQ(missing.error().message, "文件不存在：" + dir.File("nope.csv"));
  auto directory = ReadFileBytes(dir.path());
  ASSERT_FALSE(directory.ok());
  EXPECT_TRUE(directory.error().message.starts_with("无法读取文件：")) << directory.error().message;
}

}  // namespace
}  // namespace anjian::io
