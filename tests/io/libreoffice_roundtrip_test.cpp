// Interoperability with a real spreadsheet program: LibreOffice (soffice) writes xlsx files the
// reader must understand (shared strings, rich text, dates, formulas, destroyed 18-digit codes),
// and must open the files the writer produces. soffice runs three times per binary, in a private
// profile directory; a missing soffice fails these tests rather than skipping them.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>

#include "io/io_test_support.hpp"
#include "io/table.hpp"
#include "io/table_writer.hpp"
#include "io/zip_reader.hpp"

namespace anjian::io {
namespace {

using io_test::Date;
using io_test::Number;
using io_test::ReadFileOrDie;
using io_test::TempDir;
using io_test::Text;
using io_test::WriteFileOrDie;

const std::string kCsvInput =
    "单位名称,统一社会信用代码,人数,检查日期,备注\r\n"
    "福州市安全生产有限公司,913501000000000006,25,2024-03-15,\"含,逗号\"\r\n"
    "厦门公司,91350100MA2XXXXX1K,3.5,2023-12-31,普通\r\n";

// One cell uses rich text (a red bold run), one a date style, one a string formula and one a
// boolean formula; rows 3-4 are empty and the second sheet must not be read.
const std::string kFodsInput = R"fods(<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0"
 xmlns:of="urn:oasis:names:tc:opendocument:xmlns:of:1.2"
 office:version="1.2" office:mimetype="application/vnd.oasis.opendocument.spreadsheet">
 <office:automatic-styles>
  <number:date-style style:name="N1"><number:year number:style="long"/><number:text>-</number:text><number:month number:style="long"/><number:text>-</number:text><number:day number:style="long"/></number:date-style>
  <style:style style:name="ce1" style:family="table-cell" style:data-style-name="N1"/>
  <style:style style:name="T1" style:family="text"><style:text-properties fo:font-weight="bold" fo:color="#ff0000"/></style:style>
 </office:automatic-styles>
 <office:body><office:spreadsheet>
  <table:table table:name="单位">
   <table:table-row>
    <table:table-cell office:value-type="string"><text:p>名称</text:p></table:table-cell>
    <table:table-cell office:value-type="string"><text:p>检查日期</text:p></table:table-cell>
    <table:table-cell office:value-type="string"><text:p>人数</text:p></table:table-cell>
    <table:table-cell office:value-type="string"><text:p>公式</text:p></table:table-cell>
    <table:table-cell office:value-type="string"><text:p>是否</text:p></table:table-cell>
   </table:table-row>
   <table:table-row>
    <table:table-cell office:value-type="string"><text:p>安全<text:span text:style-name="T1">生产</text:span>检查</text:p></table:table-cell>
    <table:table-cell table:style-name="ce1" office:value-type="date" office:date-value="2024-03-15"><text:p>2024-03-15</text:p></table:table-cell>
    <table:table-cell office:value-type="float" office:value="25"><text:p>25</text:p></table:table-cell>
    <table:table-cell table:formula="of:=CONCATENATE(&quot;甲&quot;;&quot;乙&quot;)" office:value-type="string" office:string-value="甲乙"><text:p>甲乙</text:p></table:table-cell>
    <table:table-cell table:formula="of:=1=1" office:value-type="boolean" office:boolean-value="true"><text:p>TRUE</text:p></table:table-cell>
   </table:table-row>
   <table:table-row table:number-rows-repeated="2"><table:table-cell/></table:table-row>
   <table:table-row>
    <table:table-cell office:value-type="string"><text:p>第五行</text:p></table:table-cell>
    <table:table-cell/>
    <table:table-cell office:value-type="float" office:value="3.5"><text:p>3.5</text:p></table:table-cell>
   </table:table-row>
  </table:table>
  <table:table table:name="其他"><table:table-row><table:table-cell office:value-type="string"><text:p>不读</text:p></table:table-cell></table:table-row></table:table>
 </office:spreadsheet></office:body>
</office:document>
)fods";

const Row kOurHeader = {Text("单位名称"), Text("统一社会信用代码"), Text("人数"), Text("备注")};
const std::vector<Row> kOurRows = {
    {Text("福州市安全生产有限公司"), Text("913501000000000006"), Number("25"), Text("含,逗号")},
    {Text("厦门公司"), Text("012345678901234567"), Number("3.5"), Text("=1+1")},
};

// Output of one soffice run: the converted file's path, or why there is none.
struct Conversion {
  std::string output_path;
  std::string problem;  // empty on success
};

class LibreOfficeConversions {
 public:
  static const LibreOfficeConversions& Get() {
    // Destroyed at exit, which removes the temp dir with the LibreOffice profile.
    static const LibreOfficeConversions conversions;
    return conversions;
  }

  Conversion from_csv;
  Conversion from_fods;
  Conversion from_our_xlsx;

 private:
  LibreOfficeConversions() {
    if (std::system("command -v soffice > /dev/null 2>&1") != 0) {
      const std::string missing = "soffice (LibreOffice) is not installed or not on PATH";
      from_csv.problem = from_fods.problem = from_our_xlsx.problem = missing;
      return;
    }
    WriteFileOrDie(dir_.File("input.csv"), kCsvInput);
    WriteFileOrDie(dir_.File("input.fods"), kFodsInput);
    std::size_t next = 0;
    const Status written = WriteXlsxFile(dir_.File("ours.xlsx"), kOurHeader, [&](Row& row) {
      if (next >= kOurRows.size()) return false;
      row = kOurRows[next++];
      return true;
    });
    // CSV import options: comma, double quote, UTF-8 (76), start at line 1.
    from_csv = Convert("input.csv", "xlsx", "from_csv", "input.xlsx", "--infilter=CSV:44,34,76,1");
    from_fods = Convert("input.fods", "xlsx", "from_fods", "input.xlsx", "");
    if (!written.ok()) {
      from_our_xlsx.problem = "WriteXlsxFile failed: " + written.error().message;
    } else {
      from_our_xlsx = Convert("ours.xlsx", "'csv:Text - txt - csv (StarCalc):44,34,76'",
                              "from_ours", "ours.csv", "");
    }
  }

  Conversion Convert(const std::string& input, const std::string& convert_to,
                     const std::string& out_subdir, const std::string& output_name,
                     const std::string& extra_options) {
    const std::string out_dir = dir_.File(out_subdir);
    const std::string log = dir_.File(out_subdir + ".log");
    // A private profile per process avoids lock conflicts with other soffice instances.
    const std::string command = "timeout 180 soffice -env:UserInstallation=file://" +
                                dir_.File("lo-profile-" + std::to_string(getpid())) +
                                " --headless " + extra_options + " --convert-to " + convert_to +
                                " --outdir '" + out_dir + "' '" + dir_.File(input) + "' > '" + log +
                                "' 2>&1";
    const int rc = std::system(command.c_str());
    Conversion result;
    result.output_path = out_dir + "/" + output_name;
    if (rc != 0 || !std::filesystem::exists(result.output_path)) {
      result.problem = "soffice failed (status " + std::to_string(rc) + "): " + command + "\n" +
                       (std::filesystem::exists(log) ? ReadFileOrDie(log) : std::string());
    }
    return result;
  }

  TempDir dir_;
};

std::string EntryText(const std::string& xlsx_bytes, const std::string& entry) {
  auto zip = ZipReader::Open(xlsx_bytes);
  if (!zip.ok()) return "";
  auto text = (*zip)->ReadEntryToString(entry, 64 << 20);
  return text.ok() ? *text : "";
}

TEST(LibreOfficeRoundTripTest, ReadsXlsxThatLibreOfficeWroteFromCsv) {
  const Conversion& conversion = LibreOfficeConversions::Get().from_csv;
  ASSERT_EQ(conversion.problem, "");
  const std::string bytes = ReadFileOrDie(conversion.output_path);
  // LibreOffice stores text in the shared-strings table; make sure that path is exercised.
  ASSERT_NE(EntryText(bytes, "xl/sharedStrings.xml").find("福州市安全生产有限公司"),
            std::string::npos);

  auto table = ReadXlsx(bytes);
  ASSERT_TRUE(table.ok()) << table.error().message;
  ASSERT_EQ(table->rows.size(), 3u);
  EXPECT_EQ(table->rows[0], (Row{Text("单位名称"), Text("统一社会信用代码"), Text("人数"),
                                 Text("检查日期"), Text("备注")}));
  const Row& first = table->rows[1];
  ASSERT_EQ(first.size(), 5u);
  EXPECT_EQ(first[0], Text("福州市安全生产有限公司"));
  EXPECT_EQ(first[2], Number("25"));
  EXPECT_EQ(first[3], Date("2024-03-15"));
  EXPECT_EQ(first[4], Text("含,逗号"));
  EXPECT_EQ(table->rows[2], (Row{Text("厦门公司"), Text("91350100MA2XXXXX1K"), Number("3.5"),
                                 Date("2023-12-31"), Text("普通")}));
}

TEST(LibreOfficeRoundTripTest, FlagsAnEighteenDigitCodeLibreOfficeStoredAsNumber) {
  const Conversion& conversion = LibreOfficeConversions::Get().from_csv;
  ASSERT_EQ(conversion.problem, "");
  auto table = ReadXlsx(ReadFileOrDie(conversion.output_path));
  ASSERT_TRUE(table.ok()) << table.error().message;
  ASSERT_GE(table->rows.size(), 2u);
  ASSERT_GE(table->rows[1].size(), 2u);
  const Cell& code = table->rows[1][1];
  // A double cannot hold 18 digits: the code is gone and the cell says it was a number.
  EXPECT_TRUE(code.numeric);
  EXPECT_FALSE(code.date);
  EXPECT_NE(code.text, "913501000000000006");
  EXPECT_NE(code.text.find_first_of("Ee"), std::string::npos) << code.text;
}

TEST(LibreOfficeRoundTripTest, ReadsRichTextDatesAndFormulasLibreOfficeWrote) {
  const Conversion& conversion = LibreOfficeConversions::Get().from_fods;
  ASSERT_EQ(conversion.problem, "");
  const std::string bytes = ReadFileOrDie(conversion.output_path);
  ASSERT_NE(EntryText(bytes, "xl/sharedStrings.xml").find("<r>"), std::string::npos)
      << "LibreOffice did not write a rich-text run, so this test would not cover one";

  auto table = ReadXlsx(bytes);
  ASSERT_TRUE(table.ok()) << table.error().message;
  ASSERT_EQ(table->rows.size(), 5u);
  EXPECT_EQ(table->rows[0],
            (Row{Text("名称"), Text("检查日期"), Text("人数"), Text("公式"), Text("是否")}));
  EXPECT_EQ(table->rows[1], (Row{Text("安全生产检查"), Date("2024-03-15"), Number("25"),
                                 Text("甲乙"), Text("TRUE")}));
  EXPECT_TRUE(table->rows[2].empty());
  EXPECT_TRUE(table->rows[3].empty());
  EXPECT_EQ(table->rows[4], (Row{Text("第五行"), Text(""), Number("3.5")}));
}

TEST(LibreOfficeRoundTripTest, LibreOfficeOpensOurXlsx) {
  const Conversion& conversion = LibreOfficeConversions::Get().from_our_xlsx;
  ASSERT_EQ(conversion.problem, "");
  auto table = ReadCsv(ReadFileOrDie(conversion.output_path));
  ASSERT_TRUE(table.ok()) << table.error().message;
  ASSERT_EQ(table->rows.size(), 3u);
  EXPECT_EQ(table->rows[0], kOurHeader);
  // Through CSV every cell is text; the codes must survive digit for digit.
  EXPECT_EQ(table->rows[1], (Row{Text("福州市安全生产有限公司"), Text("913501000000000006"),
                                 Text("25"), Text("含,逗号")}));
  EXPECT_EQ(table->rows[2],
            (Row{Text("厦门公司"), Text("012345678901234567"), Text("3.5"), Text("=1+1")}));
}

}  // namespace
}  // namespace anjian::io
