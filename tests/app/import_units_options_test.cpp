// ImportService::ImportUnits, continued: encodings Excel produces (GBK, UTF-8 with BOM), dry
// runs, lower-case codes, and the 校验位例外说明 column for early codes failing the checksum.
#include "app/import_service.hpp"
#include "import_units_fixture.hpp"

namespace anjian::app {
namespace {

using ImportUnitsOptionsTest = ImportUnitsTest;

TEST_F(ImportUnitsOptionsTest, ReadsGbkEncodedCsv) {
  UnitLine line = Line(1);
  line.name = "鑫源五金建材店";
  line.address = "胜利街12号";
  const std::string gbk = ToGbk(UnitCsv({line}));
  ASSERT_FALSE(gbk.empty()) << "iconv could not encode GBK";
  ASSERT_EQ(gbk.find("鑫源"), std::string::npos) << "not re-encoded";
  const auto report = Import(gbk);
  EXPECT_TRUE(report.errors.empty()) << (report.errors.empty() ? "" : report.errors[0].ToLine());
  EXPECT_EQ(report.imported, 1);
  EXPECT_EQ(report.created_regions, 0);  // 东风社区 and its grid were recognised
  auto unit = FindUnit(line.code);
  ASSERT_TRUE(unit.has_value());
  EXPECT_EQ(unit->name, "鑫源五金建材店");
  EXPECT_EQ(unit->address, "胜利街12号");
  EXPECT_EQ(unit->community_id, tree_.community_a.id);
}

TEST_F(ImportUnitsOptionsTest, ReadsUtf8WithByteOrderMark) {
  const auto report = Import("\xEF\xBB\xBF" + UnitCsv({Line(1), Line(2)}));
  EXPECT_TRUE(report.errors.empty()) << (report.errors.empty() ? "" : report.errors[0].ToLine());
  EXPECT_EQ(report.imported, 2);
  EXPECT_EQ(CountUnits(), 2);
}

TEST_F(ImportUnitsOptionsTest, DryRunValidatesButWritesNothing) {
  std::vector<UnitLine> lines = {Line(1), Line(2), Line(3)};
  lines[2].community = "新城社区";
  lines[2].grid = "新城社区第二网格";
  const auto regions_before = CountRegions();
  const auto report = Import(UnitCsv(lines), /*dry_run=*/true);
  EXPECT_TRUE(report.dry_run);
  EXPECT_TRUE(report.errors.empty());
  EXPECT_EQ(report.rows, 3);
  EXPECT_EQ(report.valid_rows, 3);
  EXPECT_EQ(report.created_regions, 2);
  EXPECT_EQ(report.imported, 0);
  EXPECT_EQ(CountUnits(), 0);
  EXPECT_EQ(CountRegions(), regions_before);
  auto session = store_->Read();
  EXPECT_TRUE((*session)->ListImports(10)->empty());
}

TEST_F(ImportUnitsOptionsTest, DryRunStillReportsErrors) {
  std::vector<UnitLine> lines = {Line(1), Line(2)};
  lines[0].accident = "也许";
  const auto report = Import(UnitCsv(lines), /*dry_run=*/true);
  ASSERT_EQ(report.errors.size(), 1u);
  EXPECT_EQ(report.errors[0].row, 2);
  EXPECT_EQ(report.errors[0].column, "上年度发生事故");
  EXPECT_EQ(report.valid_rows, 1);
}

TEST_F(ImportUnitsOptionsTest, LowerCaseCodesAreStoredUpperCase) {
  UnitLine line = Line(1'000'000);
  const std::string upper = line.code;
  for (char& c : line.code) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  ASSERT_NE(line.code, upper);
  const auto report = Import(UnitCsv({line}));
  EXPECT_EQ(report.imported, 1);
  EXPECT_TRUE(FindUnit(upper).has_value());
}

TEST_F(ImportUnitsOptionsTest, OverrideColumnLetsEarlyCodeThroughAndRecordsReason) {
  UnitLine line = Line(1);
  line.code = "91350100M0001TGQXM";  // fails the checksum (domain.md §14.1)
  const std::string reason = "早期试点地区代码，已向登记机关核实";
  const std::string csv =
      kUnitHeader + ",校验位例外说明\n" + line.Csv() + "," + "\"" + reason + "\"\n";
  const auto report = Import(csv);
  EXPECT_TRUE(report.errors.empty()) << (report.errors.empty() ? "" : report.errors[0].ToLine());
  EXPECT_EQ(report.imported, 1);
  auto unit = FindUnit("91350100M0001TGQXM");
  ASSERT_TRUE(unit.has_value());
  EXPECT_TRUE(unit->credit_code_override);
  EXPECT_EQ(unit->credit_code_override_reason, reason);
}

TEST_F(ImportUnitsOptionsTest, EarlyCodeWithoutReasonIsRejected) {
  UnitLine line = Line(1);
  line.code = "91350100M0001TGQXM";
  const std::string csv = kUnitHeader + ",校验位例外说明\n" + line.Csv() + ",\n";
  const auto report = Import(csv);
  ASSERT_EQ(report.errors.size(), 1u);
  EXPECT_EQ(report.errors[0].row, 2);
  EXPECT_EQ(report.errors[0].column, "统一社会信用代码");
  EXPECT_NE(report.errors[0].message.find("校验位"), std::string::npos) << report.errors[0].message;
  EXPECT_EQ(CountUnits(), 0);
}

}  // namespace
}  // namespace anjian::app
