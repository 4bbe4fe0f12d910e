#include "app/checklist_catalog.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "support/result_matchers.hpp"

namespace anjian::app {
namespace {

using Files = std::vector<std::pair<std::string, std::string>>;

// The files as they are on disk, so a broken list fails here with its message instead of
// aborting the embedded catalog.
Files FilesOnDisk() {
  Files files;
  for (const auto& entry :
       std::filesystem::directory_iterator(std::string(ANJIAN_SOURCE_DIR) + "/data/checklists")) {
    if (entry.path().extension() != ".jsonc") continue;
    std::ifstream in(entry.path());
    std::stringstream text;
    text << in.rdbuf();
    files.emplace_back(entry.path().filename().string(), text.str());
  }
  return files;
}

// A small valid list; `items` is the JSON of the items array, `extra` more top-level members.
std::string ListText(const std::string& id, int version, const std::string& items,
                     const std::string& extra = "") {
  return "// test list\n{\"id\": \"" + id + "\", \"version\": " + std::to_string(version) +
         ", \"title\": \"测试检查表\"" + extra + ", \"items\": " + items + "}";
}

const std::string kTwoItems =
    R"([{"code": "C1", "text": "检查内容一", "legal_basis": "《中华人民共和国安全生产法》第二十条"},
        {"code": "C2", "text": "检查内容二", "legal_basis": "《中华人民共和国安全生产法》第二十一条",
         "source": "S0 2", "mandatory": true}])";

// Parses one file and returns its error message ("" when it parsed).
std::string ErrorOf(const std::string& name, const std::string& text) {
  auto catalog = ChecklistCatalog::FromTexts({{name, text}});
  return catalog.ok() ? "" : catalog.error().message;
}

TEST(ChecklistCatalogTest, EveryListOnDiskParsesAndValidates) {
  const auto files = FilesOnDisk();
  ASSERT_GE(files.size(), 7u);
  for (const auto& [name, text] : files) {
    EXPECT_EQ(ErrorOf(name, text), "") << name;
  }
  auto catalog = ChecklistCatalog::FromTexts(files);
  ASSERT_OK(catalog);
}

TEST(ChecklistCatalogTest, EmbeddedCatalogHoldsEveryListOnDisk) {
  std::set<std::string> on_disk;
  for (const auto& [name, text] : FilesOnDisk()) on_disk.insert(name.substr(0, name.find('.')));
  std::set<std::string> embedded;
  for (const auto* list : BuiltinChecklists().LatestAll()) embedded.insert(list->id);
  EXPECT_EQ(embedded, on_disk);
  const std::set<std::string> required = {"general",        "hazardous-chemicals",   "dust",
                                          "confined-space", "ammonia-refrigeration", "gas",
                                          "crowded-places"};
  for (const auto& id : required) EXPECT_TRUE(embedded.count(id)) << id;
  EXPECT_EQ(BuiltinChecklists().LatestAll().front()->id, "general");
}

TEST(ChecklistCatalogTest, GeneralListHasC1ToC20AndTheKeyPostItem) {
  const auto* general = BuiltinChecklists().Latest("general");
  ASSERT_NE(general, nullptr);
  EXPECT_EQ(general->industry, "");
  ASSERT_EQ(general->items.size(), 21u);
  for (int n = 1; n <= 20; ++n) {
    const auto code = "C" + std::to_string(n);
    const auto* item = domain::FindItem(*general, code);
    ASSERT_NE(item, nullptr) << code;
    EXPECT_EQ(&general->items[static_cast<std::size_t>(n - 1)], item) << code << " out of order";
    EXPECT_FALSE(item->mandatory) << code;
    // Seed S0 numbers C1–C20 as 1–20 (domain.md §11).
    EXPECT_EQ(item->source.rfind("S0 " + std::to_string(n), 0), 0u) << code << ": " << item->source;
    EXPECT_NE(item->legal_basis.find("《中华人民共和国安全生产法》第"), std::string::npos) << code;
  }
  // C6 comes from S0 only; every other item is in S3 as well (R-CONT-1).
  EXPECT_EQ(domain::FindItem(*general, "C6")->source, "S0 6");
  EXPECT_EQ(domain::FindItem(*general, "C7")->source, "S0 7; S3 6");
  EXPECT_EQ(domain::FindItem(*general, "C20")->source, "S0 20; S3 19");
  for (const auto& item : general->items) {
    if (item.code != "C6" && item.code != "K1") {
      EXPECT_NE(item.source.find("; S3 "), std::string::npos) << item.code;
    }
  }
  // Seed wording, e.g. S0 item 1 and item 16.
  EXPECT_EQ(domain::FindItem(*general, "C1")->text, "依法通过有关安全生产行政审批的情况");
  EXPECT_EQ(domain::FindItem(*general, "C16")->text,
            "建立健全生产安全事故隐患排查治理制度，及时发现并消除事故隐患，如实记录事故隐患治理，"
            "以及向从业人员通报的情况");

  const auto* key_post = domain::FindItem(*general, "K1");
  ASSERT_NE(key_post, nullptr);
  EXPECT_TRUE(key_post->mandatory);  // R-CONT-2
  EXPECT_NE(key_post->text.find("三项岗位"), std::string::npos);
  EXPECT_NE(key_post->legal_basis.find("第三十条"), std::string::npos);
}

TEST(ChecklistCatalogTest, IndustryListsHaveTenToTwentyItemsWithLegalBasis) {
  for (const auto* list : BuiltinChecklists().LatestAll()) {
    SCOPED_TRACE(list->id);
    for (const auto& item : list->items) {
      EXPECT_FALSE(item.legal_basis.empty()) << item.code;
      EXPECT_NE(item.legal_basis.find("《"), std::string::npos) << item.code << " cites no law";
    }
    if (list->id == "general") continue;
    EXPECT_GE(list->items.size(), 10u);
    EXPECT_LE(list->items.size(), 20u);
    EXPECT_FALSE(list->industry.empty());
    EXPECT_FALSE(list->basis.empty());
  }
  EXPECT_EQ(BuiltinChecklists().Latest("dust")->industry, "combustible_dust");
  EXPECT_NE(
      domain::FindItem(*BuiltinChecklists().Latest("gas"), "G1")->legal_basis.find("第九十九条"),
      std::string::npos);
}

TEST(ChecklistCatalogTest, UnknownKeysAreErrorsNamingThePath) {
  EXPECT_EQ(ErrorOf("t.jsonc", ListText("t", 1, kTwoItems, R"(, "colour": "red")")),
            "t.jsonc：colour：未知字段");
  const std::string item_typo =
      R"([{"code": "C1", "text": "检查内容", "legal_basis": "《安全生产法》第二十条", "mandatroy": true}])";
  EXPECT_EQ(ErrorOf("t.jsonc", ListText("t", 1, item_typo)),
            "t.jsonc：items[0].mandatroy：未知字段");
}

TEST(ChecklistCatalogTest, DuplicateCodeNamesTheItem) {
  const std::string items =
      R"([{"code": "C1", "text": "一", "legal_basis": "《安全生产法》第二十条"},
          {"code": "C1", "text": "二", "legal_basis": "《安全生产法》第二十一条"}])";
  auto catalog = ChecklistCatalog::FromTexts({{"t.jsonc", ListText("t", 1, items)}});
  ASSERT_ERROR_CODE(catalog, kInvalidArgument);
  EXPECT_EQ(catalog.error().field, "items[1].code");
  EXPECT_NE(catalog.error().message.find("t.jsonc：items[1].code："), std::string::npos)
      << catalog.error().message;
}

TEST(ChecklistCatalogTest, MissingLegalBasisNamesTheItem) {
  const std::string items = R"([{"code": "C1", "text": "一", "legal_basis": ""}])";
  EXPECT_EQ(ErrorOf("t.jsonc", ListText("t", 1, items)),
            "t.jsonc：items[0].legal_basis：检查项应注明法律依据");
  const std::string missing = R"([{"code": "C1", "text": "一"}])";
  EXPECT_EQ(ErrorOf("t.jsonc", ListText("t", 1, missing)),
            "t.jsonc：items[0].legal_basis：缺少此字段");
}

TEST(ChecklistCatalogTest, BadVersionsNameTheVersion) {
  const std::string as_string =
      R"({"id": "t", "version": "2", "title": "测试", "items": [{"code": "C1", "text": "一", "legal_basis": "《安全生产法》第二十条"}]})";
  EXPECT_EQ(ErrorOf("t.jsonc", as_string), "t.jsonc：version：应为正整数");
  EXPECT_EQ(ErrorOf("t.jsonc", ListText("t", 0, kTwoItems)), "t.jsonc：version：版本号应为正整数");
  // The file name carries the version; a copied file whose version was not bumped is caught.
  const auto mismatch = ErrorOf("t.v2.jsonc", ListText("t", 1, kTwoItems));
  EXPECT_EQ(mismatch.rfind("t.v2.jsonc：version：", 0), 0u) << mismatch;
  EXPECT_NE(ErrorOf("t.v0.jsonc", ListText("t", 0, kTwoItems)), "");
  EXPECT_NE(ErrorOf("t.vx.jsonc", ListText("t", 1, kTwoItems)), "");
}

TEST(ChecklistCatalogTest, FileNameMustMatchTheId) {
  EXPECT_EQ(ErrorOf("other.jsonc", ListText("t", 1, kTwoItems)).rfind("other.jsonc：id：", 0), 0u);
  EXPECT_NE(ErrorOf("t.json", ListText("t", 1, kTwoItems)), "");
}

TEST(ChecklistCatalogTest, OtherBadValuesNameTheirPath) {
  EXPECT_EQ(ErrorOf("t.jsonc", ListText("t", 1, "{}")), "t.jsonc：items：应为数组");
  EXPECT_EQ(ErrorOf("t.jsonc", ListText("t", 1, "[]")),
            "t.jsonc：items：检查表至少应有一项检查内容");
  EXPECT_EQ(
      ErrorOf("t.jsonc", ListText("t", 1, R"([{"code": 1, "text": "一", "legal_basis": "x"}])")),
      "t.jsonc：items[0].code：应为字符串");
  EXPECT_EQ(
      ErrorOf("t.jsonc",
              ListText("t", 1,
                       R"([{"code": "C1", "text": "一", "legal_basis": "x", "mandatory": "是"}])")),
      "t.jsonc：items[0].mandatory：应为 true 或 false");
  const auto industry = ErrorOf("t.jsonc", ListText("t", 1, kTwoItems, R"(, "industry": "造船")"));
  EXPECT_EQ(industry.rfind("t.jsonc：industry：", 0), 0u) << industry;
  EXPECT_EQ(ErrorOf("t.jsonc", "{\n  \"id\": \"t\",\n  \"version\": 1,,\n}"),
            "t.jsonc：第 3 行附近不是有效的 JSON");
}

TEST(ChecklistCatalogTest, IndustryIsStoredAsTheCategoryCode) {
  auto catalog = ChecklistCatalog::FromTexts(
      {{"t.jsonc", ListText("t", 1, kTwoItems, R"(, "industry": "粉尘涉爆")")}});
  ASSERT_OK(catalog);
  EXPECT_EQ(catalog->Latest("t")->industry, "combustible_dust");
  const auto json = ChecklistToJson(*catalog->Latest("t"), /*with_items=*/false);
  EXPECT_EQ(json["industry_label"], "粉尘涉爆");
}

TEST(ChecklistCatalogTest, LatestPicksTheHighestVersionAndOldVersionsStayFindable) {
  const std::string three_items =
      R"([{"code": "C1", "text": "一", "legal_basis": "《安全生产法》第二十条"},
          {"code": "C2", "text": "二", "legal_basis": "《安全生产法》第二十一条"},
          {"code": "C3", "text": "三", "legal_basis": "《安全生产法》第二十二条"}])";
  // Out of order on purpose: file order must not matter.
  auto catalog = ChecklistCatalog::FromTexts({{"t.v3.jsonc", ListText("t", 3, three_items)},
                                              {"t.jsonc", ListText("t", 1, kTwoItems)},
                                              {"a.jsonc", ListText("a", 1, kTwoItems)},
                                              {"general.jsonc", ListText("general", 1, kTwoItems)},
                                              {"t.v2.jsonc", ListText("t", 2, kTwoItems)}});
  ASSERT_OK(catalog);
  ASSERT_NE(catalog->Latest("t"), nullptr);
  EXPECT_EQ(catalog->Latest("t")->version, 3);
  EXPECT_EQ(catalog->Latest("t")->items.size(), 3u);
  ASSERT_NE(catalog->Find("t", 1), nullptr);
  EXPECT_EQ(catalog->Find("t", 1)->items.size(), 2u);
  EXPECT_EQ(catalog->Find("t", 4), nullptr);
  EXPECT_EQ(catalog->Latest("nope"), nullptr);
  EXPECT_EQ(catalog->Versions("t"), (std::vector<int>{1, 2, 3}));

  std::vector<std::pair<std::string, int>> latest;
  for (const auto* list : catalog->LatestAll()) latest.emplace_back(list->id, list->version);
  EXPECT_EQ(latest, (std::vector<std::pair<std::string, int>>{{"general", 1}, {"a", 1}, {"t", 3}}));
}

TEST(ChecklistCatalogTest, SameIdAndVersionTwiceIsAnError) {
  auto catalog = ChecklistCatalog::FromTexts(
      {{"t.jsonc", ListText("t", 1, kTwoItems)}, {"t.jsonc", ListText("t", 1, kTwoItems)}});
  ASSERT_ERROR_CODE(catalog, kInvalidArgument);
  EXPECT_NE(catalog.error().message.find("重复"), std::string::npos);
}

TEST(ChecklistCatalogTest, JsonCarriesTheItemsOnlyWhenAsked) {
  const auto* general = BuiltinChecklists().Latest("general");
  ASSERT_NE(general, nullptr);
  const auto summary = ChecklistToJson(*general, /*with_items=*/false);
  EXPECT_EQ(summary["id"], "general");
  EXPECT_EQ(summary["version"], 1);
  EXPECT_EQ(summary["item_count"], 21);
  EXPECT_FALSE(summary.contains("items"));
  const auto full = ChecklistToJson(*general, /*with_items=*/true);
  ASSERT_EQ(full["items"].size(), 21u);
  EXPECT_EQ(full["items"][0]["code"], "C1");
  EXPECT_EQ(full["items"][20]["code"], "K1");
  EXPECT_EQ(full["items"][20]["mandatory"], true);
  EXPECT_EQ(full["items"][5]["source"], "S0 6");
}

}  // namespace
}  // namespace anjian::app
