#include "domain/inspection/checklist.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "support/result_matchers.hpp"

namespace anjian::domain {
namespace {

ChecklistItem MakeItem(std::string code) {
  return {std::move(code), "建立和落实安全生产责任制的情况",
          "《中华人民共和国安全生产法》第二十一条", "S0 3", false};
}

Checklist MakeChecklist() {
  Checklist list;
  list.id = "general";
  list.version = 1;
  list.title = "安全生产监督检查通用检查表";
  list.items = {MakeItem("C1"), MakeItem("C2"), MakeItem("C3")};
  return list;
}

// The fields named by the problems, in order, so a failure prints all of them.
std::vector<std::string> Fields(const std::vector<FieldError>& problems) {
  std::vector<std::string> fields;
  for (const auto& p : problems) fields.push_back(p.field);
  return fields;
}

const FieldError* ProblemAt(const std::vector<FieldError>& problems, std::string_view field) {
  auto it = std::find_if(problems.begin(), problems.end(),
                         [field](const FieldError& p) { return p.field == field; });
  return it == problems.end() ? nullptr : &*it;
}

TEST(ChecklistTest, AcceptsAWellFormedList) {
  EXPECT_TRUE(ValidateChecklist(MakeChecklist()).empty())
      << ::testing::PrintToString(Fields(ValidateChecklist(MakeChecklist())));
}

TEST(ChecklistTest, RejectsEmptyIdTitleAndItems) {
  Checklist list;
  list.id = "";
  list.title = "  ";
  const auto problems = ValidateChecklist(list);
  EXPECT_EQ(Fields(problems), (std::vector<std::string>{"id", "title", "items"}));
  ASSERT_NE(ProblemAt(problems, "items"), nullptr);
  EXPECT_EQ(ProblemAt(problems, "items")->message, "检查表至少应有一项检查内容");
}

TEST(ChecklistTest, IdIsLowercaseLettersDigitsAndHyphens) {
  for (const char* good : {"general", "confined-space", "gas2", "a"}) {
    auto list = MakeChecklist();
    list.id = good;
    EXPECT_TRUE(ValidateChecklist(list).empty()) << good;
  }
  for (const char* bad : {"General", "confined_space", "粉尘", "dust list", "dust.v2"}) {
    auto list = MakeChecklist();
    list.id = bad;
    EXPECT_EQ(Fields(ValidateChecklist(list)), std::vector<std::string>{"id"}) << bad;
  }
}

TEST(ChecklistTest, VersionMustBePositive) {
  for (int version : {0, -1}) {
    auto list = MakeChecklist();
    list.version = version;
    const auto problems = ValidateChecklist(list);
    EXPECT_EQ(Fields(problems), std::vector<std::string>{"version"}) << version;
  }
}

TEST(ChecklistTest, NamesTheItemWithADuplicateOrEmptyCode) {
  auto list = MakeChecklist();
  list.items.push_back(MakeItem("C2"));   // items[3] repeats items[1]
  list.items.push_back(MakeItem(" "));    // items[4]
  list.items.push_back(MakeItem(" C5"));  // items[5]: a padded code would never match a record
  const auto problems = ValidateChecklist(list);
  EXPECT_EQ(Fields(problems),
            (std::vector<std::string>{"items[3].code", "items[4].code", "items[5].code"}));
  ASSERT_NE(ProblemAt(problems, "items[3].code"), nullptr);
  EXPECT_NE(ProblemAt(problems, "items[3].code")->message.find("items[1]"), std::string::npos);
}

TEST(ChecklistTest, EveryItemNeedsTextAndLegalBasis) {
  auto list = MakeChecklist();
  list.items[0].text = "";
  list.items[2].legal_basis = "\u3000";  // a full-width space is still empty
  const auto problems = ValidateChecklist(list);
  EXPECT_EQ(Fields(problems), (std::vector<std::string>{"items[0].text", "items[2].legal_basis"}));
  EXPECT_EQ(ProblemAt(problems, "items[2].legal_basis")->message, "检查项应注明法律依据");
}

TEST(ChecklistTest, FindItemByCode) {
  const auto list = MakeChecklist();
  const auto* item = FindItem(list, "C2");
  ASSERT_NE(item, nullptr);
  EXPECT_EQ(item, &list.items[1]);
  EXPECT_EQ(FindItem(list, "C9"), nullptr);
  EXPECT_EQ(FindItem(list, "c2"), nullptr);  // codes are exact
}

TEST(ItemResultTest, ParsesCodesLabelsAndAliases) {
  const std::vector<std::pair<std::string, ItemResult>> cases = {
      {"conform", ItemResult::kConform},        {"符合", ItemResult::kConform},
      {"NONCONFORM", ItemResult::kNonConform},  {"不符合", ItemResult::kNonConform},
      {"不合格", ItemResult::kNonConform},      {"not_applicable", ItemResult::kNotApplicable},
      {" 不适用 ", ItemResult::kNotApplicable},
  };
  for (const auto& [text, expected] : cases) {
    auto parsed = ParseItemResult(text);
    ASSERT_OK(parsed) << text;
    EXPECT_EQ(*parsed, expected) << text;
  }
}

TEST(ItemResultTest, CodesAndLabelsAreStable) {
  EXPECT_EQ(Code(ItemResult::kConform), "conform");
  EXPECT_EQ(Code(ItemResult::kNonConform), "nonconform");
  EXPECT_EQ(Code(ItemResult::kNotApplicable), "not_applicable");
  EXPECT_EQ(Label(ItemResult::kConform), "符合");
  EXPECT_EQ(Label(ItemResult::kNonConform), "不符合");
  EXPECT_EQ(Label(ItemResult::kNotApplicable), "不适用");
  EXPECT_EQ(ItemResults().size(), 3u);
}

TEST(ItemResultTest, RejectsUnknownAndEmptyResults) {
  auto unknown = ParseItemResult("基本符合");
  ASSERT_ERROR_CODE(unknown, kInvalidArgument);
  EXPECT_NE(unknown.error().message.find("符合、不符合、不适用"), std::string::npos)
      << unknown.error().message;
  EXPECT_ERROR_CODE(ParseItemResult(""), kInvalidArgument);
}

}  // namespace
}  // namespace anjian::domain
