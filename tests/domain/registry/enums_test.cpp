// Registry vocabularies: stable English codes for the API and database, Chinese labels for the
// UI and templates, and the aliases found in the seed documents (R-RISK-1, R-RISK-3).
#include "domain/registry/enums.hpp"

#include <gtest/gtest.h>

#include <set>
#include <string>

#include "support/result_matchers.hpp"

namespace anjian::domain {
namespace {

bool Contains(const std::string& haystack, std::string_view needle) {
  return haystack.find(needle) != std::string::npos;
}

TEST(EnumsTest, RiskColoursHaveCodesAndLabels) {
  EXPECT_EQ(Code(RiskColour::kRed), "red");
  EXPECT_EQ(Code(RiskColour::kOrange), "orange");
  EXPECT_EQ(Code(RiskColour::kYellow), "yellow");
  EXPECT_EQ(Code(RiskColour::kBlue), "blue");
  EXPECT_EQ(Label(RiskColour::kRed), "红");
  EXPECT_EQ(Label(RiskColour::kOrange), "橙");
  EXPECT_EQ(Label(RiskColour::kYellow), "黄");
  EXPECT_EQ(Label(RiskColour::kBlue), "蓝");
}

TEST(EnumsTest, SupervisionLevelsHaveCodesAndLabels) {
  EXPECT_EQ(Code(SupervisionLevel::kLevel1), "level1");
  EXPECT_EQ(Code(SupervisionLevel::kLevel3), "level3");
  EXPECT_EQ(Label(SupervisionLevel::kLevel1), "一级");
  EXPECT_EQ(Label(SupervisionLevel::kLevel2), "二级");
  EXPECT_EQ(Label(SupervisionLevel::kLevel3), "三级");
}

TEST(EnumsTest, StatusAndRegionLevelLabels) {
  EXPECT_EQ(Label(UnitStatus::kOperating), "在营");
  EXPECT_EQ(Label(UnitStatus::kSuspended), "停业");
  EXPECT_EQ(Label(UnitStatus::kClosed), "关闭");
  EXPECT_EQ(Code(RegionLevel::kVillage), "village");
  EXPECT_EQ(Label(RegionLevel::kStreet), "街道");
  EXPECT_EQ(Label(RegionLevel::kGrid), "网格");
}

TEST(EnumsTest, RiskSeverityAliasesMapToColours) {
  // PRODUCT.md template: 风险等级 红/橙/黄/蓝 (or 重大/较大/一般/低).
  EXPECT_EQ(*ParseRiskColour("重大"), RiskColour::kRed);
  EXPECT_EQ(*ParseRiskColour("较大"), RiskColour::kOrange);
  EXPECT_EQ(*ParseRiskColour("一般"), RiskColour::kYellow);
  EXPECT_EQ(*ParseRiskColour("低"), RiskColour::kBlue);
  EXPECT_EQ(*ParseRiskColour("重大风险"), RiskColour::kRed);
  EXPECT_EQ(*ParseRiskColour("低风险"), RiskColour::kBlue);
  EXPECT_EQ(*ParseRiskColour("红色"), RiskColour::kRed);
}

TEST(EnumsTest, ParsesLabelsCodesCaseInsensitivelyAndTrimmed) {
  EXPECT_EQ(*ParseRiskColour("橙"), RiskColour::kOrange);
  EXPECT_EQ(*ParseRiskColour("ORANGE"), RiskColour::kOrange);
  EXPECT_EQ(*ParseRiskColour("  黄 "), RiskColour::kYellow);
  EXPECT_EQ(*ParseSupervisionLevel("二级"), SupervisionLevel::kLevel2);
  EXPECT_EQ(*ParseSupervisionLevel("1"), SupervisionLevel::kLevel1);
  EXPECT_EQ(*ParseSupervisionLevel("3级"), SupervisionLevel::kLevel3);
  EXPECT_EQ(*ParseSupervisionLevel("Level2"), SupervisionLevel::kLevel2);
  EXPECT_EQ(*ParseUnitStatus("停产"), UnitStatus::kSuspended);
  EXPECT_EQ(*ParseRegionLevel("乡镇"), RegionLevel::kStreet);
  EXPECT_EQ(*ParseRegionLevel("行政村"), RegionLevel::kVillage);
  EXPECT_EQ(*ParseSupervisionCategory("危化品"), SupervisionCategory::kHazardousChemicals);
  EXPECT_EQ(*ParseSupervisionCategory("粉尘涉爆"), SupervisionCategory::kCombustibleDust);
}

TEST(EnumsTest, UnknownRiskListsAllowedLabels) {
  auto risk = ParseRiskColour("紫");
  ASSERT_ERROR_CODE(risk, kInvalidArgument);
  const auto& message = risk.error().message;
  EXPECT_TRUE(Contains(message, "紫")) << message;
  for (const char* label : {"红", "橙", "黄", "蓝"}) {
    EXPECT_TRUE(Contains(message, label)) << label << " missing from " << message;
  }
}

TEST(EnumsTest, UnknownLevelListsAllowedLabels) {
  auto level = ParseSupervisionLevel("四级");
  ASSERT_FALSE(level.ok());
  for (const char* label : {"一级", "二级", "三级"}) {
    EXPECT_TRUE(Contains(level.error().message, label)) << level.error().message;
  }
}

TEST(EnumsTest, EmptyValueSaysItIsRequired) {
  auto risk = ParseRiskColour(" ");
  ASSERT_FALSE(risk.ok());
  EXPECT_TRUE(Contains(risk.error().message, "不能为空")) << risk.error().message;
}

TEST(EnumsTest, EveryTableRowParsesFromCodeLabelAndAliases) {
  auto check = [](const auto& table, auto parse) {
    std::set<std::string_view> codes, labels;
    for (const auto& e : table) {
      EXPECT_TRUE(codes.insert(e.code).second) << "duplicate code " << e.code;
      EXPECT_TRUE(labels.insert(e.label).second) << "duplicate label " << e.label;
      EXPECT_EQ(*parse(e.code), e.value) << e.code;
      EXPECT_EQ(*parse(e.label), e.value) << e.label;
      for (auto alias : e.aliases) EXPECT_EQ(*parse(alias), e.value) << alias;
    }
  };
  check(RiskColours(), ParseRiskColour);
  check(SupervisionLevels(), ParseSupervisionLevel);
  check(UnitStatuses(), ParseUnitStatus);
  check(RegionLevels(), ParseRegionLevel);
  check(SupervisionCategories(), ParseSupervisionCategory);
}

TEST(EnumsTest, CategoriesAreTheSixteenOfTheProductBrief) {
  // PRODUCT.md C1 lists them in this order.
  const std::vector<std::string_view> expected = {
      "危险化学品", "烟花爆竹", "非煤矿山", "冶金",     "机械",         "建材", "轻工",     "商贸",
      "有限空间",   "粉尘涉爆", "涉氨制冷", "九小场所", "人员密集场所", "燃气", "建筑施工", "其他"};
  std::vector<std::string_view> labels;
  for (const auto& e : SupervisionCategories()) labels.push_back(e.label);
  EXPECT_EQ(labels, expected);
}

TEST(EnumsTest, ParseYesNoAcceptsCommonSpellings) {
  for (const char* yes : {"是", "有", "Y", "yes", "TRUE", "1"})
    EXPECT_TRUE(*ParseYesNo(yes)) << yes;
  for (const char* no : {"否", "无", "n", "No", "false", "0"}) EXPECT_FALSE(*ParseYesNo(no)) << no;
}

TEST(EnumsTest, ParseYesNoRejectsOtherText) {
  auto maybe = ParseYesNo("也许");
  ASSERT_ERROR_CODE(maybe, kInvalidArgument);
  EXPECT_TRUE(Contains(maybe.error().message, "也许")) << maybe.error().message;
  EXPECT_FALSE(ParseYesNo("").ok());
}

}  // namespace
}  // namespace anjian::domain
