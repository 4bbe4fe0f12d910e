// Importing xlsx workbooks (as Excel/LibreOffice users send them) and the all-or-nothing
// guarantee under an injected storage failure mid-import.
#include <fstream>

#include "app/app_fixture.hpp"
#include "app/import_csv.hpp"
#include "app/import_service.hpp"
#include "io/table_writer.hpp"
#include "support/failing_store.hpp"

namespace anjian::app {
namespace {

class ImportXlsxTest : public AppTest {
 protected:
  // Writes the template header and `rows` (cells as given) to an xlsx and returns its bytes.
  std::string Workbook(const std::vector<io::Row>& rows) {
    io::Row header;
    for (const auto& h : SplitHeader()) header.push_back({h});
    const std::string path = dir_.File("units.xlsx");
    std::size_t next = 0;
    auto status = io::WriteXlsxFile(path, header, [&](io::Row& row) {
      if (next >= rows.size()) return false;
      row = rows[next++];
      return true;
    });
    EXPECT_OK(status);
    auto bytes = io::ReadFileBytes(path);
    EXPECT_OK(bytes);
    return bytes.ok() ? *bytes : std::string();
  }
  static std::vector<std::string> SplitHeader() {
    std::vector<std::string> names;
    std::string current;
    for (char c : kUnitHeader) {
      if (c == ',') {
        names.push_back(current);
        current.clear();
      } else {
        current += c;
      }
    }
    names.push_back(current);
    return names;
  }
  static io::Row RowFor(const UnitLine& line, bool code_as_number = false) {
    return {{line.code, code_as_number},
            {line.name},
            {line.address},
            {line.community},
            {line.grid},
            {line.categories},
            {line.level},
            {line.risk},
            {line.accident},
            {line.employees, true},
            {line.hazard},
            {line.department}};
  }
  ImportReport Run(store::Store& store, const std::string& bytes,
                   const std::string& name = "units.xlsx") {
    ImportService service(store, clock_, domain::KeyPolicy::Default());
    ImportOptions options;
    options.file_name = name;
    auto report = service.ImportUnits(StreetAdmin(), bytes, options);
    EXPECT_OK(report);
    return report.ok() ? *report : ImportReport{};
  }
  FixedClock clock_{kNow};
};

TEST_F(ImportXlsxTest, ImportsAWorkbookWithNumericCells) {
  const auto report = Run(*store_, Workbook({RowFor(Line(1)), RowFor(Line(2)), RowFor(Line(3))}));
  EXPECT_TRUE(report.errors.empty());
  EXPECT_EQ(report.imported, 3);
  EXPECT_EQ(CountUnits(), 3);
}

TEST_F(ImportXlsxTest, CodeStoredAsANumberCellIsExplainedOnItsRow) {
  auto destroyed = Line(2);
  destroyed.code = "9.1410802E+17";
  const auto report =
      Run(*store_, Workbook({RowFor(Line(1)), RowFor(destroyed, /*code_as_number=*/true)}));
  ASSERT_EQ(report.errors.size(), 1u);
  EXPECT_EQ(report.errors[0].row, 3);
  EXPECT_EQ(report.errors[0].column, "统一社会信用代码");
  EXPECT_NE(report.errors[0].message.find("数字"), std::string::npos) << report.errors[0].message;
  EXPECT_EQ(CountUnits(), 0);
}

TEST_F(ImportXlsxTest, TruncatedWorkbookIsAFileLevelErrorAndWritesNothing) {
  auto bytes = Workbook({RowFor(Line(1)), RowFor(Line(2))});
  bytes.resize(bytes.size() / 2);
  const auto report = Run(*store_, bytes);
  ASSERT_EQ(report.errors.size(), 1u);
  EXPECT_EQ(report.errors[0].row, 0);
  EXPECT_NE(report.errors[0].message.find("xlsx"), std::string::npos) << report.errors[0].message;
  EXPECT_EQ(CountUnits(), 0);
}

TEST_F(ImportXlsxTest, TextNamedXlsxIsRejectedWithAClearMessage) {
  const auto report = Run(*store_, "统一社会信用代码,单位名称\nabc,def\n", "units.xlsx");
  ASSERT_EQ(report.errors.size(), 1u);
  EXPECT_EQ(report.errors[0].row, 0);
  EXPECT_NE(report.errors[0].message.find("xlsx"), std::string::npos) << report.errors[0].message;
}

TEST_F(ImportXlsxTest, LegacyXlsBytesAreRejected) {
  const std::string ole("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1" + std::string(504, '\0'), 512);
  const auto report = Run(*store_, ole, "units.xls");
  ASSERT_EQ(report.errors.size(), 1u);
  EXPECT_NE(report.errors[0].message.find(".xls"), std::string::npos) << report.errors[0].message;
}

TEST_F(ImportXlsxTest, StorageFailureMidImportLeavesNothingBehind) {
  std::vector<io::Row> rows;
  for (std::uint64_t n = 1; n <= 40; ++n) {
    auto line = Line(n);
    line.community = "新社区" + std::to_string(n % 3);  // forces region creation before the failure
    rows.push_back(RowFor(line));
  }
  const auto regions_before = CountRegions();
  test_support::FailingStore failing(*store_, /*fail_at=*/25);
  ImportService service(failing, clock_, domain::KeyPolicy::Default());
  ImportOptions options;
  options.file_name = "units.xlsx";
  auto report = service.ImportUnits(StreetAdmin(), Workbook(rows), options);
  ASSERT_FALSE(report.ok()) << "the injected failure must surface as an error";
  EXPECT_EQ(report.error().code, ErrorCode::kUnavailable);
  EXPECT_EQ(failing.inserts_seen(), 25);
  EXPECT_EQ(CountUnits(), 0)
      << "units 1–24 were inserted before the failure and must be rolled back";
  EXPECT_EQ(CountRegions(), regions_before)
      << "communities created for the import must be rolled back";
}

}  // namespace
}  // namespace anjian::app
