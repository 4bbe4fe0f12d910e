#include <gtest/gtest.h>

#include <string>

#include "io/io_test_support.hpp"
#include "io/table.hpp"

namespace anjian::io {
namespace {

using io_test::BuildXlsx;
using io_test::BuildZip;
using io_test::Date;
using io_test::Number;
using io_test::SheetXml;
using io_test::Text;
using io_test::ZipEntry;

const std::string kSstHeader =
    R"(<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">)";

// cellXfs: 0 = General, 1 = builtin 14 (m/d/yyyy), 2 = custom 164 yyyy"年"m"月"d"日",
// 3 = custom 165 0.00"天" (a number format with a d inside quotes), 4 = builtin 49 (text).
const std::string kStyles =
    R"(<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">)"
    R"(<numFmts count="2"><numFmt numFmtId="164" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/>)"
    R"(<numFmt numFmtId="165" formatCode="0.00&quot;天&quot;"/></numFmts>)"
    R"(<cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs>)"
    R"(<cellXfs count="5"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/><xf numFmtId="164"/>)"
    R"(<xf numFmtId="165"/><xf numFmtId="49"/></cellXfs></styleSheet>)";

TEST(XlsxReaderTest, ReadsSharedStringsIncludingRichTextRuns) {
  const std::string sst =
      kSstHeader +
      "<si><t>单位名称</t></si>"
      "<si><r><t>安全</t></r><r><rPr><b/></rPr><t xml:space=\"preserve\">生产 </t></r>"
      "<rPh sb=\"0\" eb=\"2\"><t>アンゼン</t></rPh></si>"
      "<si><t>a_x000D_b &amp; &lt;c&gt;</t></si></sst>";
  const std::string sheet =
      SheetXml(R"(<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>)"
               R"(<row r="2"><c r="A2" t="s"><v>2</v></c></row>)");
  auto table = ReadXlsx(BuildXlsx(sheet, sst));
  ASSERT_TRUE(table.ok()) << table.error().message;
  ASSERT_EQ(table->rows.size(), 2u);
  EXPECT_EQ(table->rows[0], (Row{Text("单位名称"), Text("安全生产 ")}));
  EXPECT_EQ(table->rows[1], (Row{Text("a\rb & <c>")}));
}

TEST(XlsxReaderTest, ReadsInlineFormulaBooleanAndErrorCells) {
  const std::string sheet =
      SheetXml(R"(<row r="1"><c r="A1" t="inlineStr"><is><t>福州</t></is></c>)"
               R"(<c r="B1" t="inlineStr"><is><r><t>鼓</t></r><r><t>楼</t></r></is></c>)"
               R"(<c r="C1" t="str"><f>A1&amp;"市"</f><v>福州市</v></c>)"
               R"(<c r="D1" t="b"><v>1</v></c><c r="E1" t="b"><v>0</v></c>)"
               R"(<c r="F1" t="e"><f>1/0</f><v>#DIV/0!</v></c></row>)");
  auto table = ReadXlsx(BuildXlsx(sheet));
  ASSERT_TRUE(table.ok()) << table.error().message;
  ASSERT_EQ(table->rows.size(), 1u);
  EXPECT_EQ(table->rows[0], (Row{Text("福州"), Text("鼓楼"), Text("福州市"), Text("TRUE"),
                                 Text("FALSE"), Text("#DIV/0!")}));
}

TEST(XlsxReaderTest, SkipsPhoneticRunsInInlineStrings) {
  const std::string sheet =
      SheetXml(R"(<row r="1"><c r="A1" t="inlineStr"><is><r><t>東</t></r><r><t>京</t></r>)"
               R"(<rPh sb="0" eb="2"><t>トウキョウ</t></rPh></is></c></row>)");
  auto table = ReadXlsx(BuildXlsx(sheet));
  ASSERT_TRUE(table.ok()) << table.error().message;
  ASSERT_EQ(table->rows.size(), 1u);
  EXPECT_EQ(table->rows[0], (Row{Text("東京")}));
}

TEST(XlsxReaderTest, StripsNamespacePrefixes) {
  const std::string sheet =
      R"(<?xml version="1.0" encoding="UTF-8"?><x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main">)"
      R"(<x:sheetData><x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>甲</x:t></x:is></x:c>)"
      R"(<x:c r="B1"><x:v>7</x:v></x:c></x:row></x:sheetData></x:worksheet>)";
  auto table = ReadXlsx(BuildXlsx(sheet));
  ASSERT_TRUE(table.ok()) << table.error().message;
  ASSERT_EQ(table->rows.size(), 1u);
  EXPECT_EQ(table->rows[0], (Row{Text("甲"), Number("7")}));
}

TEST(XlsxReaderTest, PlacesCellsByReferenceAndKeepsRowPositions) {
  // Row 2 is missing, row 3 has only C3 and AB3, row 4 holds a formatting-only cell, row 5 is
  // missing and row 6 has data; rows past that are formatting-only and must be dropped.
  const std::string sheet =
      SheetXml(R"(<row r="1"><c r="A1" t="inlineStr"><is><t>h</t></is></c></row>)"
               R"(<row r="3"><c r="C3"><v>3</v></c><c r="AB3"><v>28</v></c></row>)"
               R"(<row r="4"><c r="A4" s="1"/></row>)"
               R"(<row r="6"><c r="B6"><v>6</v></c><c r="D6" s="1"/></row>)"
               R"(<row r="9"><c r="A9" s="1"/></row>)");
  auto table = ReadXlsx(BuildXlsx(sheet, "", kStyles));
  ASSERT_TRUE(table.ok()) << table.error().message;
  ASSERT_EQ(table->rows.size(), 6u);
  EXPECT_TRUE(table->rows[1].empty());
  ASSERT_EQ(table->rows[2].size(), 28u);  // A..AB
  EXPECT_EQ(table->rows[2][2], Number("3"));
  EXPECT_EQ(table->rows[2][27], Number("28"));
  EXPECT_EQ(table->rows[2][0], Text(""));
  EXPECT_TRUE(table->rows[3].empty());
  EXPECT_TRUE(table->rows[4].empty());
  EXPECT_EQ(table->rows[5], (Row{Text(""), Number("6")}));
}

TEST(XlsxReaderTest, CellsWithoutReferencesFollowOneAnother) {
  const std::string sheet =
      SheetXml(R"(<row><c t="inlineStr"><is><t>a</t></is></c><c><v>1</v></c></row>)"
               R"(<row><c r="B2"><v>2</v></c><c><v>3</v></c></row>)");
  auto table = ReadXlsx(BuildXlsx(sheet));
  ASSERT_TRUE(table.ok()) << table.error().message;
  ASSERT_EQ(table->rows.size(), 2u);
  EXPECT_EQ(table->rows[0], (Row{Text("a"), Number("1")}));
  EXPECT_EQ(table->rows[1], (Row{Text(""), Number("2"), Number("3")}));
}

TEST(XlsxReaderTest, KeepsNumberTextAndMarksItNumeric) {
  const std::string sheet = SheetXml(
      R"(<row r="1"><c r="A1"><v>25</v></c><c r="B1" t="n"><v>25.0</v></c><c r="C1"><v>3.5</v></c>)"
      R"(<c r="D1"><v>9.1350100000000006E+17</v></c><c r="E1" s="3"><v>12</v></c>)"
      R"(<c r="F1" s="4"><v>8</v></c></row>)");
  auto table = ReadXlsx(BuildXlsx(sheet, "", kStyles));
  ASSERT_TRUE(table.ok()) << table.error().message;
  ASSERT_EQ(table->rows.size(), 1u);
  EXPECT_EQ(table->rows[0], (Row{Number("25"), Number("25"), Number("3.5"),
                                 Number("9.1350100000000006E+17"), Number("12"), Number("8")}));
}

TEST(XlsxReaderTest, ConvertsDateStyledNumbersToIsoDates) {
  // 45366 = 2024-03-15 and 45366.5 is noon that day; 60 is Excel's 1900-02-29.
  const std::string sheet =
      SheetXml(R"(<row r="1"><c r="A1" s="1"><v>45366</v></c><c r="B1" s="2"><v>45366.5</v></c>)"
               R"(<c r="C1" s="1"><v>60</v></c><c r="D1" s="0"><v>45366</v></c></row>)");
  auto table = ReadXlsx(BuildXlsx(sheet, "", kStyles));
  ASSERT_TRUE(table.ok()) << table.error().message;
  ASSERT_EQ(table->rows.size(), 1u);
  EXPECT_EQ(table->rows[0],
            (Row{Date("2024-03-15"), Date("2024-03-15"), Date("1900-02-29"), Number("45366")}));
}

TEST(XlsxReaderTest, HonoursThe1904DateSystem) {
  const std::string sheet = SheetXml(R"(<row r="1"><c r="A1" s="1"><v>43904</v></c></row>)");
  auto table = ReadXlsx(BuildXlsx(sheet, "", kStyles, R"(<workbookPr date1904="1"/>)"));
  ASSERT_TRUE(table.ok()) << table.error().message;
  ASSERT_EQ(table->rows.size(), 1u);
  EXPECT_EQ(table->rows[0], (Row{Date("2024-03-15")}));
}

TEST(XlsxReaderTest, FindsTheFirstVisibleSheetThroughRelationships) {
  // Sheet order in workbook.xml decides, not part names: the first listed sheet is hidden, the
  // second (stored as data/b.xml via an absolute target) is the one a user sees first.
  const std::string ns = R"(xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main")";
  const std::string rel_ns =
      R"(xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships")";
  const std::string workbook =
      "<workbook " + ns + " " + rel_ns +
      "><sheets><sheet name=\"隐藏\" sheetId=\"1\" state=\"hidden\" r:id=\"rId7\"/>"
      "<sheet name=\"数据\" sheetId=\"2\" r:id=\"rId9\"/>"
      "<sheet name=\"其他\" sheetId=\"3\" r:id=\"rId8\"/></sheets></workbook>";
  const std::string rels =
      R"(<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)"
      R"(<Relationship Id="rId7" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>)"
      R"(<Relationship Id="rId8" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet2.xml"/>)"
      R"(<Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/data/b.xml"/>)"
      R"(</Relationships>)";
  const std::string root_rels =
      R"(<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)"
      R"(<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="book/main.xml"/>)"
      R"(</Relationships>)";
  auto one_cell = [](const std::string& text) {
    return SheetXml("<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>" + text +
                    "</t></is></c></row>");
  };
  const std::string bytes = BuildZip({
      {"_rels/.rels", root_rels},
      {"book/main.xml", workbook},
      {"book/_rels/main.xml.rels", rels},
      {"book/worksheets/sheet1.xml", one_cell("hidden")},
      {"book/worksheets/sheet2.xml", one_cell("third")},
      {"data/b.xml", one_cell("visible")},
  });
  auto table = ReadXlsx(bytes);
  ASSERT_TRUE(table.ok()) << table.error().message;
  ASSERT_EQ(table->rows.size(), 1u);
  EXPECT_EQ(table->rows[0], (Row{Text("visible")}));
}

TEST(XlsxReaderTest, RejectsBytesThatAreNotAZip) {
  auto table = ReadXlsx("name,count\n甲,1\n");
  ASSERT_FALSE(table.ok());
  EXPECT_EQ(table.error().message, "不是有效的 xlsx 文件（无法作为 zip 打开）");
}

TEST(XlsxReaderTest, RejectsATruncatedFile) {
  const std::string sheet = SheetXml(R"(<row r="1"><c r="A1"><v>1</v></c></row>)");
  const std::string bytes = BuildXlsx(sheet);
  auto table = ReadXlsx(std::string_view(bytes).substr(0, bytes.size() / 2));
  ASSERT_FALSE(table.ok());
  EXPECT_TRUE(table.error().message.starts_with("xlsx 文件已损坏或被截断："))
      << table.error().message;
}

TEST(XlsxReaderTest, RejectsAZipWithoutWorkbook) {
  auto table = ReadXlsx(BuildZip({{"hello.txt", "not a workbook"}}));
  ASSERT_FALSE(table.ok());
  EXPECT_TRUE(table.error().message.starts_with("xlsx 文件已损坏或被截断："))
      << table.error().message;
  EXPECT_NE(table.error().message.find("workbook"), std::string::npos) << table.error().message;
}

TEST(XlsxReaderTest, RejectsAnEntryWithAWrongCrc) {
  const std::string sheet = SheetXml(R"(<row r="1"><c r="A1"><v>1</v></c></row>)");
  std::vector<ZipEntry> entries = {
      {"xl/workbook.xml",
       R"(<workbook xmlns:r="r"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>)"},
      {"xl/_rels/workbook.xml.rels",
       R"(<Relationships><Relationship Id="rId1" Type="x/worksheet" Target="worksheets/sheet1.xml"/></Relationships>)"},
      {"xl/worksheets/sheet1.xml", sheet, /*stored=*/true, /*bad_crc=*/0x12345678u},
  };
  auto table = ReadXlsx(BuildZip(entries));
  ASSERT_FALSE(table.ok());
  EXPECT_TRUE(table.error().message.starts_with("xlsx 文件已损坏或被截断："))
      << table.error().message;
  EXPECT_NE(table.error().message.find("CRC"), std::string::npos) << table.error().message;
}

TEST(XlsxReaderTest, RejectsMalformedSheetXml) {
  auto table = ReadXlsx(BuildXlsx(SheetXml(R"(<row r="1"><c r="A1"><v>1</v></row>)")));
  ASSERT_FALSE(table.ok());
  EXPECT_TRUE(table.error().message.starts_with("xlsx 文件已损坏或被截断："))
      << table.error().message;
}

TEST(XlsxReaderTest, RejectsDoctypeDeclarations) {
  // An entity-expansion ("billion laughs") payload needs a DOCTYPE; none is accepted.
  const std::string sheet =
      R"(<?xml version="1.0"?><!DOCTYPE worksheet [<!ENTITY a "aaaaaaaaaa">]>)"
      R"(<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&a;</t></is></c></row></sheetData></worksheet>)";
  auto table = ReadXlsx(BuildXlsx(sheet));
  ASSERT_FALSE(table.ok());
  EXPECT_NE(table.error().message.find("DOCTYPE"), std::string::npos) << table.error().message;
}

TEST(XlsxReaderTest, RejectsSharedStringIndexOutOfRange) {
  const std::string sst = kSstHeader + "<si><t>only</t></si></sst>";
  auto table =
      ReadXlsx(BuildXlsx(SheetXml(R"(<row r="1"><c r="A1" t="s"><v>1</v></c></row>)"), sst));
  ASSERT_FALSE(table.ok());
  EXPECT_TRUE(table.error().message.starts_with("xlsx 文件已损坏或被截断："))
      << table.error().message;
}

TEST(XlsxReaderTest, GuardsAgainstZipBombs) {
  // 40,000 cells (800 KB of XML) compress to a few KB but expand far beyond the 64 KiB limit.
  std::string data;
  for (int i = 0; i < 20000; ++i) data += R"(<row><c><v>0</v></c><c><v>0</v></c></row>)";
  const std::string bytes = BuildXlsx(SheetXml(data));
  ASSERT_LT(bytes.size(), 64u * 1024u);
  ReadLimits limits;
  limits.max_uncompressed_bytes = 64 * 1024;
  auto table = ReadXlsx(bytes, limits);
  ASSERT_FALSE(table.ok());
  EXPECT_EQ(table.error().message, "xlsx 文件解压后过大");
  EXPECT_EQ(table.error().code, ErrorCode::kPayloadTooLarge);
  auto unlimited = ReadXlsx(bytes);
  ASSERT_TRUE(unlimited.ok()) << unlimited.error().message;
  EXPECT_EQ(unlimited->rows.size(), 20000u);
}

TEST(XlsxReaderTest, RejectsMoreRowsOrColumnsThanTheLimits) {
  const std::string sheet =
      SheetXml(R"(<row r="1"><c r="A1"><v>1</v></c><c r="C1"><v>3</v></c></row>)"
               R"(<row r="4"><c r="A4"><v>4</v></c></row>)");
  const std::string bytes = BuildXlsx(sheet);
  ReadLimits rows;
  rows.max_rows = 3;
  auto too_many_rows = ReadXlsx(bytes, rows);
  ASSERT_FALSE(too_many_rows.ok());
  EXPECT_EQ(too_many_rows.error().message, "行数超过上限 3");
  ReadLimits columns;
  columns.max_columns = 2;
  auto too_many_columns = ReadXlsx(bytes, columns);
  ASSERT_FALSE(too_many_columns.ok());
  EXPECT_EQ(too_many_columns.error().message, "列数超过上限 2");
  ReadLimits exact;
  exact.max_rows = 4;
  exact.max_columns = 3;
  EXPECT_TRUE(ReadXlsx(bytes, exact).ok());
}

TEST(XlsxReaderTest, RejectsAnEmptyFirstSheet) {
  auto table = ReadXlsx(BuildXlsx(SheetXml("")));
  ASSERT_FALSE(table.ok());
  EXPECT_TRUE(table.error().message.starts_with("文件为空")) << table.error().message;
}

}  // namespace
}  // namespace anjian::io
