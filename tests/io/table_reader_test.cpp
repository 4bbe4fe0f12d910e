#include <gtest/gtest.h>

#include <string>

#include "io/io_test_support.hpp"
#include "io/table.hpp"

namespace anjian::io {
namespace {

using io_test::BuildXlsx;
using io_test::Number;
using io_test::SheetXml;
using io_test::Text;

const std::string kOleMagic = "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";

TEST(TableReaderTest, ReadsZipBytesAsXlsxWhateverTheName) {
  const std::string bytes = BuildXlsx(SheetXml(R"(<row r="1"><c r="A1"><v>5</v></c></row>)"));
  for (const char* name : {"units.xlsx", "units.csv", "upload"}) {
    auto table = ReadTable(bytes, name);
    ASSERT_TRUE(table.ok()) << name << ": " << table.error().message;
    ASSERT_EQ(table->rows.size(), 1u);
    EXPECT_EQ(table->rows[0], (Row{Number("5")})) << name;
  }
}

TEST(TableReaderTest, ReadsOtherBytesAsCsv) {
  auto table = ReadTable("a,b\n1,2\n", "units.csv");
  ASSERT_TRUE(table.ok()) << table.error().message;
  ASSERT_EQ(table->rows.size(), 2u);
  EXPECT_EQ(table->rows[1], (Row{Text("1"), Text("2")}));
}

TEST(TableReaderTest, RejectsLegacyXlsByMagic) {
  const std::string bytes = kOleMagic + std::string(504, '\0');
  for (const char* name : {"units.xls", "units.csv", "upload"}) {
    auto table = ReadTable(bytes, name);
    ASSERT_FALSE(table.ok()) << name;
    EXPECT_EQ(table.error().message, "不支持旧版 .xls 格式，请在 Excel 中另存为 .xlsx 或 .csv")
        << name;
  }
}

TEST(TableReaderTest, ExplainsOleBytesNamedXlsxAsEncryptedOrLegacy) {
  auto table = ReadTable(kOleMagic + std::string(504, '\0'), "单位.XLSX");
  ASSERT_FALSE(table.ok());
  EXPECT_NE(table.error().message.find("加密"), std::string::npos) << table.error().message;
}

TEST(TableReaderTest, RejectsNonZipBytesNamedXlsx) {
  auto table = ReadTable("a,b\n1,2\n", "units.xlsx");
  ASSERT_FALSE(table.ok());
  EXPECT_EQ(table.error().message, "不是有效的 xlsx 文件（无法作为 zip 打开）");
}

TEST(TableReaderTest, RejectsNonOleBytesNamedXls) {
  // e.g. an HTML table saved with an .xls name by some reporting systems.
  auto table = ReadTable("<html><table></table></html>", "report.xls");
  ASSERT_FALSE(table.ok());
  EXPECT_EQ(table.error().message, "不支持旧版 .xls 格式，请在 Excel 中另存为 .xlsx 或 .csv");
}

}  // namespace
}  // namespace anjian::io
