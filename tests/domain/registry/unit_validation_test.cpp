// ValidateUnit reports every bad field at once (an import row lists each bad column), honours the
// credit-code override only with a reason, and ParseCategories reads the 行业类别 cell.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <string>

#include "domain/registry/unit.hpp"
#include "support/builders.hpp"
#include "support/result_matchers.hpp"

namespace anjian::domain {
namespace {

std::set<std::string> Fields(const std::vector<FieldError>& errors) {
  std::set<std::string> fields;
  for (const auto& e : errors) fields.insert(e.field);
  return fields;
}

std::string Repeat(std::string_view piece, int times) {
  std::string out;
  for (int i = 0; i < times; ++i) out += piece;
  return out;
}

const FieldError* Find(const std::vector<FieldError>& errors, std::string_view field) {
  auto it = std::find_if(errors.begin(), errors.end(),
                         [&](const FieldError& e) { return e.field == field; });
  return it == errors.end() ? nullptr : &*it;
}

TEST(UnitValidationTest, AcceptsAValidUnit) {
  EXPECT_TRUE(ValidateUnit(test_support::MakeUnit()).empty());
}

TEST(UnitValidationTest, ReportsEveryBadFieldNotJustTheFirst) {
  Unit u = test_support::MakeUnit();
  u.credit_code = "91350100M0001TGQXM";  // bad check character, no override
  u.name = "   ";
  u.contact_phone = "call me";
  u.employees = -1;
  u.industry_section = "Z";
  u.categories.clear();
  const std::set<std::string> expected = {
      "credit_code", "name", "contact_phone", "employees", "industry_section", "categories"};
  EXPECT_EQ(Fields(ValidateUnit(u)), expected);
}

TEST(UnitValidationTest, NameLimitIsOneHundredCharactersNotBytes) {
  Unit u = test_support::MakeUnit();
  u.name = Repeat("安", 100);  // 300 bytes
  EXPECT_TRUE(ValidateUnit(u).empty());
  u.name = Repeat("安", 101);
  auto errors = ValidateUnit(u);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].field, "name");
  EXPECT_NE(errors[0].message.find("101"), std::string::npos) << errors[0].message;
}

TEST(UnitValidationTest, RejectsMalformedUtf8) {
  Unit u = test_support::MakeUnit();
  u.address = "解放路\xE4\xB8";
  auto errors = ValidateUnit(u);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].field, "address");
}

TEST(UnitValidationTest, EmployeesMustBeInRange) {
  Unit u = test_support::MakeUnit();
  u.employees = 0;
  EXPECT_TRUE(ValidateUnit(u).empty());
  u.employees = 1'000'000;
  EXPECT_TRUE(ValidateUnit(u).empty());
  u.employees = 1'000'001;
  EXPECT_EQ(Fields(ValidateUnit(u)), std::set<std::string>{"employees"});
}

TEST(UnitValidationTest, IndustrySectionIsOneLetterAToT) {
  Unit u = test_support::MakeUnit();
  for (const char* ok : {"", "A", "C", "T"}) {
    u.industry_section = ok;
    EXPECT_TRUE(ValidateUnit(u).empty()) << ok;
  }
  for (const char* bad : {"U", "c", "CF", "1"}) {
    u.industry_section = bad;
    EXPECT_EQ(Fields(ValidateUnit(u)), std::set<std::string>{"industry_section"}) << bad;
  }
}

TEST(UnitValidationTest, PhoneAllowsDigitsSpacesAndPunctuation) {
  Unit u = test_support::MakeUnit();
  u.contact_phone = "+86 (391) 123-4567";
  EXPECT_TRUE(ValidateUnit(u).empty());
  u.contact_phone = "0391转123";
  EXPECT_EQ(Fields(ValidateUnit(u)), std::set<std::string>{"contact_phone"});
}

TEST(UnitValidationTest, CreditCodeOverrideRequiresAReason) {
  Unit u = test_support::MakeUnit();
  u.credit_code = "91350100M0001TGQXM";
  u.credit_code_override = true;
  u.credit_code_override_reason = "  ";
  auto errors = ValidateUnit(u);
  EXPECT_EQ(Fields(errors), std::set<std::string>{"credit_code_override_reason"});
}

TEST(UnitValidationTest, CreditCodeOverrideWithReasonAcceptsEarlyCode) {
  Unit u = test_support::MakeUnit();
  u.credit_code = "91350100M0001TGQXM";
  u.credit_code_override = true;
  u.credit_code_override_reason = "早期试点地区代码，经登记机关核实";
  EXPECT_TRUE(ValidateUnit(u).empty());
}

TEST(UnitValidationTest, CreditCodeOverrideDoesNotExcuseABadShape) {
  Unit u = test_support::MakeUnit();
  u.credit_code = "91350100M0001TGQ";
  u.credit_code_override = true;
  u.credit_code_override_reason = "早期代码";
  auto errors = ValidateUnit(u);
  const auto* e = Find(errors, "credit_code");
  ASSERT_NE(e, nullptr);
  EXPECT_NE(e->message.find("16位"), std::string::npos) << e->message;
}

TEST(UnitValidationTest, ParsesCategoriesWithChineseSeparators) {
  auto categories = ParseCategories("危险化学品；有限空间、燃气");
  ASSERT_OK(categories);
  const std::vector<SupervisionCategory> expected = {SupervisionCategory::kHazardousChemicals,
                                                     SupervisionCategory::kConfinedSpace,
                                                     SupervisionCategory::kGas};
  EXPECT_EQ(*categories, expected);
}

TEST(UnitValidationTest, ParsesCategoriesWithAsciiAndFullWidthCommas) {
  auto categories = ParseCategories("商贸, 九小场所，其他;燃气");
  ASSERT_OK(categories);
  EXPECT_EQ(categories->size(), 4u);
}

TEST(UnitValidationTest, CollapsesDuplicateCategories) {
  auto categories = ParseCategories("危化品；危险化学品、危险化学品");
  ASSERT_OK(categories);
  EXPECT_EQ(*categories,
            std::vector<SupervisionCategory>{SupervisionCategory::kHazardousChemicals});
}

TEST(UnitValidationTest, UnknownCategoryNamesTheBadPiece) {
  auto categories = ParseCategories("商贸；养殖");
  ASSERT_ERROR_CODE(categories, kInvalidArgument);
  EXPECT_NE(categories.error().message.find("养殖"), std::string::npos)
      << categories.error().message;
}

TEST(UnitValidationTest, EmptyCategoryCellIsAnError) {
  EXPECT_ERROR_CODE(ParseCategories(""), kInvalidArgument);
  EXPECT_ERROR_CODE(ParseCategories("；、 "), kInvalidArgument);
}

TEST(UnitValidationTest, JoinsCategoryLabelsWithEnumerationComma) {
  EXPECT_EQ(JoinCategoryLabels({SupervisionCategory::kGas, SupervisionCategory::kCommerce}),
            "燃气、商贸");
  EXPECT_EQ(JoinCategoryLabels({}), "");
}

}  // namespace
}  // namespace anjian::domain
