// ImportService::ImportUnits: all-or-nothing import of the unit template with every problem
// reported as 第N行 [列名] 原因 (N = spreadsheet row, header = row 1).
#include "app/import_service.hpp"
#include "import_units_fixture.hpp"
#include "support/builders.hpp"

namespace anjian::app {
namespace {

using test_support::ValidCreditCode;

TEST_F(ImportUnitsTest, ImportsGoodFileAndCreatesMissingCommunitiesAndGrids) {
  std::vector<UnitLine> lines = {Line(1), Line(2), Line(3), Line(4), Line(5)};
  lines[0].risk = "重大";
  lines[0].categories = "危险化学品；有限空间";
  lines[0].level = "一级";
  lines[1].grid = "";
  lines[2].community = "新城社区";
  lines[2].grid = "新城社区第一网格";
  lines[3].community = "新城社区";
  lines[3].grid = "";
  lines[4].community = "李庄村";
  lines[4].grid = "";
  const auto report = Import(UnitCsv(lines));
  EXPECT_TRUE(report.errors.empty()) << Lines(report);
  EXPECT_EQ(report.rows, 5);
  EXPECT_EQ(report.valid_rows, 5);
  EXPECT_EQ(report.imported, 5);
  EXPECT_EQ(report.created_regions, 3);  // 新城社区, 新城社区第一网格, 李庄村
  EXPECT_EQ(report.street, "解放街道");
  EXPECT_EQ(CountUnits(), 5);
  auto xincheng = FindRegion(tree_.street.id, "新城社区");
  ASSERT_TRUE(xincheng.has_value());
  EXPECT_EQ(xincheng->level, domain::RegionLevel::kCommunity);
  auto grid = FindRegion(xincheng->id, "新城社区第一网格");
  ASSERT_TRUE(grid.has_value());
  EXPECT_EQ(grid->level, domain::RegionLevel::kGrid);
  auto village = FindRegion(tree_.street.id, "李庄村");
  ASSERT_TRUE(village.has_value());
  EXPECT_EQ(village->level, domain::RegionLevel::kVillage);

  auto first = FindUnit(lines[0].code);
  ASSERT_TRUE(first.has_value());
  EXPECT_TRUE(first->is_key);  // 重大 = red (R-RISK-2)
  EXPECT_EQ(first->community_id, tree_.community_a.id);
  EXPECT_EQ(first->grid_id, std::optional<RegionId>(tree_.grid_a1.id));
  EXPECT_EQ(first->categories.size(), 2u);
  EXPECT_EQ(first->level, domain::SupervisionLevel::kLevel1);
  auto third = FindUnit(lines[2].code);
  ASSERT_TRUE(third.has_value());
  EXPECT_FALSE(third->is_key);
  EXPECT_EQ(third->grid_id, std::optional<RegionId>(grid->id));
}

TEST_F(ImportUnitsTest, ImportIsLoggedAndEachUnitHasHistory) {
  Import(UnitCsv({Line(1), Line(2)}));
  auto session = store_->Read();
  auto imports = (*session)->ListImports(10);
  ASSERT_OK(imports);
  ASSERT_EQ(imports->size(), 1u);
  EXPECT_EQ((*imports)[0].kind, "units");
  EXPECT_EQ((*imports)[0].imported, 2);
  EXPECT_EQ((*imports)[0].actor, "admin");
  session->reset();
  auto unit = FindUnit(Line(2).code);
  ASSERT_TRUE(unit.has_value());
  auto reader = store_->Read();
  auto history = (*reader)->ListHistory("unit", unit->id.value, 10);
  ASSERT_OK(history);
  ASSERT_EQ(history->size(), 1u);
  EXPECT_EQ((*history)[0].action, "import");
}

TEST_F(ImportUnitsTest, OneBadRowAmongFiftyWritesNothing) {
  std::vector<UnitLine> lines;
  for (std::uint64_t n = 1; n <= 51; ++n) lines.push_back(Line(n));
  lines[10].community = "新城社区";  // would be created if anything were written
  lines[2].risk = "紫";              // the 3rd data row = spreadsheet row 4
  const auto before = CountUnits();
  const auto regions_before = CountRegions();
  const auto report = Import(UnitCsv(lines));
  ASSERT_EQ(report.errors.size(), 1u) << Lines(report);
  EXPECT_EQ(report.error_count, 1);
  EXPECT_EQ(report.errors[0].row, 4);
  EXPECT_EQ(report.errors[0].column, "风险等级");
  EXPECT_EQ(report.errors[0].ToLine().rfind("第4行 [风险等级] ", 0), 0u)
      << report.errors[0].ToLine();
  EXPECT_NE(report.errors[0].message.find("紫"), std::string::npos);
  EXPECT_EQ(report.rows, 51);
  EXPECT_EQ(report.valid_rows, 50);
  EXPECT_EQ(report.imported, 0);
  EXPECT_EQ(CountUnits(), before);
  EXPECT_EQ(CountRegions(), regions_before);
  EXPECT_FALSE(FindRegion(tree_.street.id, "新城社区").has_value());
  auto session = store_->Read();
  auto imports = (*session)->ListImports(10);
  ASSERT_OK(imports);
  ASSERT_EQ(imports->size(), 1u);  // the failed attempt is logged
  EXPECT_EQ((*imports)[0].imported, 0);
  EXPECT_EQ((*imports)[0].error_count, 1);
}

TEST_F(ImportUnitsTest, ReportsEveryBadCellOfARow) {
  std::vector<UnitLine> lines = {Line(1), Line(2)};
  lines[1].level = "四级";
  lines[1].categories = "养殖";
  lines[1].employees = "很多";
  const auto report = Import(UnitCsv(lines));
  std::set<std::string> columns;
  for (const auto& e : report.errors) {
    EXPECT_EQ(e.row, 3) << e.ToLine();
    columns.insert(e.column);
  }
  EXPECT_EQ(columns, (std::set<std::string>{"监管等级", "行业类别", "从业人数"}));
  EXPECT_EQ(CountUnits(), 0);
}

TEST_F(ImportUnitsTest, BlankLinesKeepSpreadsheetRowNumbers) {
  UnitLine bad = Line(2);
  bad.level = "";
  const std::string csv = kUnitHeader + "\n" + Line(1).Csv() + "\n,,,,,,,,,,,\n" + bad.Csv() + "\n";
  const auto report = Import(csv);
  ASSERT_EQ(report.errors.size(), 1u) << Lines(report);
  EXPECT_EQ(report.errors[0].row, 4);
  EXPECT_EQ(report.errors[0].column, "监管等级");
  EXPECT_EQ(report.rows, 2);
}

TEST_F(ImportUnitsTest, DuplicateCodesInsideTheFileNameBothRows) {
  std::vector<UnitLine> lines = {Line(1), Line(2), Line(3), Line(1)};
  lines[3].name = "另一家同码单位";
  const auto report = Import(UnitCsv(lines));
  ASSERT_EQ(report.errors.size(), 1u) << Lines(report);
  EXPECT_EQ(report.errors[0].row, 5);
  EXPECT_EQ(report.errors[0].column, "统一社会信用代码");
  EXPECT_NE(report.errors[0].message.find("第2行"), std::string::npos) << report.errors[0].message;
  EXPECT_EQ(CountUnits(), 0);
}

TEST_F(ImportUnitsTest, CodeAlreadyInTheStoreIsReported) {
  {
    auto session = store_->Write();
    ASSERT_OK((*session)->InsertUnit(test_support::MakeUnit(tree_.community_b.id, 7), kNow));
    ASSERT_OK(CommitFixture(**session));
  }
  const auto report = Import(UnitCsv({Line(6), Line(7)}));
  ASSERT_EQ(report.errors.size(), 1u) << Lines(report);
  EXPECT_EQ(report.errors[0].row, 3);
  EXPECT_EQ(report.errors[0].column, "统一社会信用代码");
  EXPECT_NE(report.errors[0].message.find("已登记"), std::string::npos) << report.errors[0].message;
  EXPECT_EQ(CountUnits(), 1);
}

TEST_F(ImportUnitsTest, ScientificNotationCodeIsDetected) {
  std::vector<UnitLine> lines = {Line(1), Line(2)};
  lines[1].code = "9.13501E+17";
  const auto report = Import(UnitCsv(lines));
  ASSERT_EQ(report.error_count, 1) << Lines(report);
  EXPECT_EQ(report.errors[0].row, 3);
  EXPECT_EQ(report.errors[0].column, "统一社会信用代码");
  EXPECT_NE(report.errors[0].message.find("9.13501E+17"), std::string::npos);
  EXPECT_NE(report.errors[0].message.find("文本"), std::string::npos) << report.errors[0].message;
}

// Regression for a bug in src/app/import_sheet.cpp (LooksLikeDestroyedCode): the regex makes
// the '+' optional, so a valid code made of digits, 'E' and digits (9141080200000000E4: check
// character '4' by the §14.1 algorithm) is rejected as "stored as a number".
TEST_F(ImportUnitsTest, Regression_ValidCodeOfDigitsAndLetterEIsNotTakenForScientificNotation) {
  UnitLine line = Line(1);
  line.code = "9141080200000000E4";
  const auto report = Import(UnitCsv({line}));
  EXPECT_TRUE(report.errors.empty()) << Lines(report);
  EXPECT_EQ(report.imported, 1);
}

TEST_F(ImportUnitsTest, RaggedRowsAreReported) {
  const std::string csv = UnitCsv({Line(1)}) + Line(2).Csv() + ",多出来的一列\r\n" + Line(3).code +
                          ",缺列的单位,地址,东风社区\r\n";
  const auto report = Import(csv);
  ASSERT_EQ(report.errors.size(), 2u) << Lines(report);
  EXPECT_EQ(report.errors[0].row, 3);
  EXPECT_EQ(report.errors[0].column, "");
  EXPECT_NE(report.errors[0].message.find("比表头多"), std::string::npos)
      << report.errors[0].message;
  EXPECT_EQ(report.errors[1].row, 4);
  EXPECT_NE(report.errors[1].message.find("列数不齐"), std::string::npos)
      << report.errors[1].message;
  EXPECT_EQ(CountUnits(), 0);
}

TEST_F(ImportUnitsTest, EmptyFileIsOneFileLevelError) {
  const auto report = Import("");
  ASSERT_EQ(report.errors.size(), 1u);
  EXPECT_EQ(report.errors[0].row, 0);
  EXPECT_NE(report.errors[0].message.find("为空"), std::string::npos) << report.errors[0].message;
  EXPECT_EQ(report.imported, 0);
}

TEST_F(ImportUnitsTest, HeaderOnlyFileHasNoDataRows) {
  const auto report = Import(kUnitHeader + "\r\n");
  ASSERT_EQ(report.errors.size(), 1u);
  EXPECT_EQ(report.errors[0].row, 0);
  EXPECT_NE(report.errors[0].message.find("只有表头"), std::string::npos)
      << report.errors[0].message;
}

TEST_F(ImportUnitsTest, MissingRequiredColumnIsReportedOnTheHeaderRow) {
  const std::string header = "统一社会信用代码,单位名称,地址,所属社区,所属网格,行业类别,监管等级";
  const std::string csv = header + "\n" + Line(1).code + ",店,路,东风社区,,商贸,三级\n";
  const auto report = Import(csv);
  ASSERT_EQ(report.errors.size(), 1u) << Lines(report);
  EXPECT_EQ(report.errors[0].row, 1);
  EXPECT_EQ(report.errors[0].column, "风险等级");
  EXPECT_NE(report.errors[0].message.find("缺少必需的列"), std::string::npos);
}

TEST_F(ImportUnitsTest, ViewerMayNotImport) {
  EXPECT_ERROR_CODE(service_->ImportUnits(As(domain::UserRole::kViewer, tree_.street.path),
                                          UnitCsv({Line(1)}), {}),
                    kPermissionDenied);
}

}  // namespace
}  // namespace anjian::app
