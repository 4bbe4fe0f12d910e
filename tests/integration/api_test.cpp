// Black-box tests of the REST API against the real server binary and a demo database.
#include <gtest/gtest.h>

#include <fstream>

#include "integration/server_process.hpp"

namespace anjian::integration {
namespace {

class ApiTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new std::string(MakeTempDir());
    server_ = new ServerProcess(DemoDatabase(*dir_), {"--body-limit-mb", "1"});
    admin_ = new std::string(server_->Login("admin"));
  }
  static void TearDownTestSuite() {
    delete server_;
    std::filesystem::remove_all(*dir_);
    delete dir_;
    delete admin_;
  }
  static const ServerProcess& server() { return *server_; }
  static const std::string& admin() { return *admin_; }
  static void ExpectError(const HttpResult& r, int status, const std::string& code) {
    EXPECT_EQ(r.status, status) << r.body;
    auto json = r.Json();
    ASSERT_TRUE(json.is_object()) << r.body;
    ASSERT_TRUE(json.contains("error")) << r.body;
    EXPECT_EQ(json["error"]["code"], code) << r.body;
    EXPECT_FALSE(json["error"]["message"].get<std::string>().empty());
  }
  static nlohmann::json FirstUnit(const std::string& query = "") {
    auto r = server().Request("GET", "/api/v1/units?page_size=1" + query, admin());
    return r.Json()["items"][0];
  }

  static std::string* dir_;
  static ServerProcess* server_;
  static std::string* admin_;
};
std::string* ApiTest::dir_ = nullptr;
ServerProcess* ApiTest::server_ = nullptr;
std::string* ApiTest::admin_ = nullptr;

TEST_F(ApiTest, HealthNeedsNoLogin) {
  auto r = server().Request("GET", "/api/v1/health");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.Json()["status"], "ok");
  EXPECT_EQ(r.Json()["store"], "sqlite");
}

TEST_F(ApiTest, EverythingElseNeedsABearerToken) {
  ASSERT_FALSE(admin().empty());
  for (const char* path : {"/api/v1/units", "/api/v1/inspectors", "/api/v1/regions",
                           "/api/v1/units/1", "/api/v1/exports/units.xlsx"}) {
    ExpectError(server().Request("GET", path), 401, "unauthenticated");
    ExpectError(server().Request("GET", path, "not-a-real-token"), 401, "unauthenticated");
  }
}

TEST_F(ApiTest, ListsTheDemoStreetWithPaging) {
  auto r = server().Request("GET", "/api/v1/units?page=2&page_size=50", admin());
  ASSERT_EQ(r.status, 200) << r.body;
  auto json = r.Json();
  EXPECT_EQ(json["total"], 2370);
  EXPECT_EQ(json["page"], 2);
  EXPECT_EQ(json["page_size"], 50);
  EXPECT_EQ(json["items"].size(), 50u);
}

TEST_F(ApiTest, FiltersByRiskLevelAndKeyWithChineseOrEnglishValues) {
  auto by_label =
      server().Request("GET", "/api/v1/units?page_size=200&risk=%E7%BA%A2", admin()).Json();  // 红
  auto by_code = server().Request("GET", "/api/v1/units?page_size=200&risk=red", admin()).Json();
  ASSERT_GT(by_code["total"].get<int>(), 0);
  EXPECT_EQ(by_label["total"], by_code["total"]);
  for (const auto& unit : by_code["items"]) {
    EXPECT_EQ(unit["risk"], "red");
    EXPECT_TRUE(unit["is_key"].get<bool>()) << "R-RISK-2: red units are key";
  }
  auto level12 = server().Request("GET", "/api/v1/units?level=level3", admin()).Json();
  EXPECT_EQ(level12["total"], 2322);
  auto key = server().Request("GET", "/api/v1/units?key=1&page_size=200", admin()).Json();
  auto non_key = server().Request("GET", "/api/v1/units?key=0", admin()).Json();
  EXPECT_EQ(key["total"].get<int>() + non_key["total"].get<int>(), 2370);
}

TEST_F(ApiTest, StatsAddUpToTheDemoStreet) {
  auto stats = server().Request("GET", "/api/v1/stats/registry", admin()).Json();
  ASSERT_TRUE(stats.contains("total")) << stats.dump();
  const int total = stats["total"];
  EXPECT_GE(total, 2370);
  int by_risk = 0, by_level = 0, by_community = 0;
  for (const auto& [code, count] : stats["by_risk"].items()) by_risk += count.get<int>();
  for (const auto& [code, count] : stats["by_level"].items()) by_level += count.get<int>();
  for (const auto& c : stats["by_community"]) by_community += c["total"].get<int>();
  EXPECT_EQ(by_risk, total);
  EXPECT_EQ(by_level, total);
  EXPECT_EQ(by_community, total);
  auto key = server().Request("GET", "/api/v1/units?key=1", admin()).Json()["total"];
  EXPECT_EQ(stats["key"], key);
  const auto enterprise = server().Login("enterprise");
  EXPECT_EQ(server().Request("GET", "/api/v1/stats/registry", enterprise).status, 403);
}

TEST_F(ApiTest, RejectsBadQueryParameters) {
  ExpectError(server().Request("GET", "/api/v1/units?page_size=500", admin()), 400,
              "invalid_argument");
  ExpectError(server().Request("GET", "/api/v1/units?page=abc", admin()), 400, "invalid_argument");
  ExpectError(server().Request("GET", "/api/v1/units?risk=purple", admin()), 400,
              "invalid_argument");
  ExpectError(server().Request("GET", "/api/v1/units?key=maybe", admin()), 400, "invalid_argument");
  ExpectError(server().Request("GET", "/api/v1/units/abc", admin()), 400, "invalid_argument");
  ExpectError(server().Request("GET", "/api/v1/units/999999", admin()), 404, "not_found");
}

TEST_F(ApiTest, MalformedJsonWrongTypesAndUnknownEnumsAreRejected) {
  auto unit = FirstUnit();
  const std::string path = "/api/v1/units/" + std::to_string(unit["id"].get<int>());
  ExpectError(server().Request("PUT", path, admin(), "{\"name\": "), 400, "invalid_argument");
  ExpectError(server().Request("PUT", path, admin(), "[1,2]"), 400, "invalid_argument");
  auto wrong_type =
      server().Request("PUT", path, admin(),
                       nlohmann::json{{"version", unit["version"]}, {"employees", "many"}}.dump());
  ExpectError(wrong_type, 400, "invalid_argument");
  EXPECT_EQ(wrong_type.Json()["error"]["field"], "employees");
  auto bad_enum = server().Request(
      "PUT", path, admin(), nlohmann::json{{"version", unit["version"]}, {"risk", "紫"}}.dump());
  ExpectError(bad_enum, 400, "invalid_argument");
  EXPECT_EQ(bad_enum.Json()["error"]["field"], "risk");
  // Nothing changed.
  auto after = server().Request("GET", path, admin()).Json();
  EXPECT_EQ(after["version"], unit["version"]);
  EXPECT_EQ(after["risk"], unit["risk"]);
}

TEST_F(ApiTest, StaleVersionGets409AndTheFirstWriteSurvives) {
  auto unit = FirstUnit("&level=level3");
  const std::string path = "/api/v1/units/" + std::to_string(unit["id"].get<int>());
  const int version = unit["version"];
  auto first =
      server().Request("PUT", path, admin(),
                       nlohmann::json{{"version", version}, {"address", "第一次修改路1号"}}.dump());
  ASSERT_EQ(first.status, 200) << first.body;
  EXPECT_EQ(first.Json()["version"], version + 1);
  auto second =
      server().Request("PUT", path, admin(),
                       nlohmann::json{{"version", version}, {"address", "第二次修改路2号"}}.dump());
  ExpectError(second, 409, "conflict");
  EXPECT_EQ(server().Request("GET", path, admin()).Json()["address"], "第一次修改路1号");
  auto history = server().Request("GET", path + "/history", admin()).Json();
  ASSERT_GE(history["items"].size(), 1u);
  EXPECT_EQ(history["items"][0]["action"], "update");
}

// List pages are cached by the registry's change counter: a write through the API or by
// another process (the CLI importing into the same file) must show on the very next request.
TEST_F(ApiTest, ListsReflectWritesImmediatelyDespiteThePageCache) {
  const std::string query = "/api/v1/units?page_size=5&level=level2";
  auto before = server().Request("GET", query, admin()).Json();
  auto again = server().Request("GET", query, admin()).Json();
  ASSERT_EQ(before, again);
  auto unit = before["items"][0];
  const std::string path = "/api/v1/units/" + std::to_string(unit["id"].get<int>());
  ASSERT_EQ(
      server()
          .Request(
              "PUT", path, admin(),
              nlohmann::json{{"version", unit["version"]}, {"name", "缓存失效测试单位"}}.dump())
          .status,
      200);
  auto after = server().Request("GET", query, admin()).Json();
  EXPECT_EQ(after["items"][0]["name"], "缓存失效测试单位");

  const std::string csv = *dir_ + "/cli-import.csv";
  std::ofstream(csv) << "统一社会信用代码,单位名称,所属社区,行业类别,监管等级,风险等级\n"
                        "91350100M000100Y43,命令行导入单位,东风社区,商贸,二级,黄\n";
  auto total_before = server().Request("GET", query, admin()).Json()["total"].get<int>();
  auto cli = RunCommand(AnjianBinary() + " import units --db " + ShellQuote(*dir_ + "/demo.db") +
                        " " + ShellQuote(csv) + " 2>&1");
  ASSERT_EQ(cli.exit_code, 0) << cli.output;
  EXPECT_EQ(server().Request("GET", query, admin()).Json()["total"].get<int>(), total_before + 1);
}

TEST_F(ApiTest, KeyFlagIsDerivedNotTyped) {
  auto unit = FirstUnit("&risk=blue&key=0");
  const std::string path = "/api/v1/units/" + std::to_string(unit["id"].get<int>());
  auto r = server().Request("PUT", path, admin(),
                            nlohmann::json{{"version", unit["version"]}, {"is_key", true}}.dump());
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_FALSE(r.Json()["is_key"].get<bool>());
  r = server().Request(
      "PUT", path, admin(),
      nlohmann::json{{"version", r.Json()["version"]}, {"accident_last_year", true}}.dump());
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_TRUE(r.Json()["is_key"].get<bool>())
      << "an accident last year makes a unit key (R-RISK-2)";
}

TEST_F(ApiTest, CreateValidatesCreditCodeAndAllowsARecordedOverride) {
  auto region = FirstUnit()["community_id"];
  nlohmann::json body = {{"credit_code", "91350100M0001TGQXM"},
                         {"name", "早期代码测试单位"},
                         {"community_id", region},
                         {"categories", {"商贸"}},
                         {"level", "三级"},
                         {"risk", "蓝"}};
  auto rejected = server().Request("POST", "/api/v1/units", admin(), body.dump());
  ExpectError(rejected, 400, "invalid_argument");
  EXPECT_EQ(rejected.Json()["error"]["field"], "credit_code");
  body["credit_code_override"] = true;
  body["credit_code_override_reason"] = "2016年试点地区发放的早期代码";
  auto created = server().Request("POST", "/api/v1/units", admin(), body.dump());
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_TRUE(created.Json()["credit_code_override"].get<bool>());
  auto duplicate = server().Request("POST", "/api/v1/units", admin(), body.dump());
  ExpectError(duplicate, 409, "already_exists");
}

TEST_F(ApiTest, ReadOnlyRolesCannotWrite) {
  const auto viewer = server().Login("viewer");
  ASSERT_FALSE(viewer.empty());
  auto unit = FirstUnit();
  auto r = server().Request("PUT", "/api/v1/units/" + std::to_string(unit["id"].get<int>()), viewer,
                            nlohmann::json{{"version", unit["version"]}, {"name", "改名"}}.dump());
  ExpectError(r, 403, "permission_denied");
}

TEST_F(ApiTest, CommunityAccountSeesOnlyItsCommunity) {
  const auto token = server().Login("community");
  auto mine = server().Request("GET", "/api/v1/units?page_size=200", token).Json();
  ASSERT_GT(mine["total"].get<int>(), 0);
  EXPECT_LT(mine["total"].get<int>(), 2370);
  const auto community = mine["items"][0]["community_name"];
  for (const auto& unit : mine["items"]) EXPECT_EQ(unit["community_name"], community);
}

TEST_F(ApiTest, OversizedBodyGets413) {
  const std::string big = "{\"name\":\"" + std::string(2 << 20, 'x') + "\"}";
  const std::string file = *dir_ + "/big.json";
  std::ofstream(file) << big;
  auto r =
      server().Request("POST", "/api/v1/units", admin(), "",
                       "-H 'Content-Type: application/json' --data-binary @" + ShellQuote(file));
  ExpectError(r, 413, "payload_too_large");
}

TEST_F(ApiTest, StaticPathTraversalIsRefused) {
  auto r = server().Request("GET", "/../../etc/passwd", "", "", "--path-as-is");
  EXPECT_NE(r.status, 200);
  EXPECT_EQ(r.body.find("root:"), std::string::npos);
  r = server().Request("GET", "/%2e%2e/%2e%2e/etc/passwd", "", "", "--path-as-is");
  EXPECT_EQ(r.body.find("root:"), std::string::npos);
}

TEST_F(ApiTest, ImportRejectsFilesThatAreNotSpreadsheetsAndWritesNothing) {
  const auto before = server().Request("GET", "/api/v1/units", admin()).Json()["total"];
  const std::string fake = *dir_ + "/fake.xlsx";
  std::ofstream(fake) << "this is not a zip file at all";
  auto r = server().Request("POST", "/api/v1/imports/units", admin(), "",
                            "-F " + ShellQuote("file=@" + fake));
  EXPECT_EQ(r.status, 422) << r.body;
  ASSERT_GE(r.Json()["errors"].size(), 1u);
  EXPECT_EQ(r.Json()["imported"], 0);
  const std::string empty = *dir_ + "/empty.csv";
  std::ofstream(empty).close();
  r = server().Request("POST", "/api/v1/imports/units", admin(), "",
                       "-F " + ShellQuote("file=@" + empty));
  EXPECT_EQ(r.status, 422) << r.body;
  EXPECT_EQ(server().Request("GET", "/api/v1/units", admin()).Json()["total"], before);
}

TEST_F(ApiTest, ImportDryRunThenRealImportOfACsv) {
  const std::string csv = *dir_ + "/good.csv";
  std::ofstream(csv) << "统一社会信用代码,单位名称,地址,所属社区,所属网格,行业类别,监管等级,"
                        "风险等级,上年度发生事故,从业人数,重大危险源,监管部门\n"
                        "91310000775785552L,新导入商贸公司,测试路9号,新建社区,新建社区一网格,商贸,"
                        "三级,黄,否,12,否,街道经发办\n";
  const auto before = server().Request("GET", "/api/v1/units", admin()).Json()["total"].get<int>();
  auto dry = server().Request("POST", "/api/v1/imports/units?dry_run=1", admin(), "",
                              "-F " + ShellQuote("file=@" + csv));
  ASSERT_EQ(dry.status, 200) << dry.body;
  EXPECT_EQ(dry.Json()["valid_rows"], 1);
  EXPECT_EQ(dry.Json()["imported"], 0);
  EXPECT_EQ(dry.Json()["created_regions"], 2);
  EXPECT_EQ(server().Request("GET", "/api/v1/units", admin()).Json()["total"].get<int>(), before);
  auto real = server().Request("POST", "/api/v1/imports/units", admin(), "",
                               "-F " + ShellQuote("file=@" + csv));
  ASSERT_EQ(real.status, 200) << real.body;
  EXPECT_EQ(real.Json()["imported"], 1);
  EXPECT_EQ(server().Request("GET", "/api/v1/units", admin()).Json()["total"].get<int>(),
            before + 1);
  auto again = server().Request("POST", "/api/v1/imports/units", admin(), "",
                                "-F " + ShellQuote("file=@" + csv));
  EXPECT_EQ(again.status, 422);
  EXPECT_EQ(again.Json()["errors"][0]["row"], 2);
  EXPECT_EQ(again.Json()["errors"][0]["column"], "统一社会信用代码");
}

TEST_F(ApiTest, ExportAndTemplateDownloadsAreXlsx) {
  for (const char* path : {"/api/v1/exports/units.xlsx", "/api/v1/exports/inspectors.xlsx",
                           "/api/v1/templates/units.xlsx"}) {
    auto r = server().Request("GET", path, admin());
    EXPECT_EQ(r.status, 200) << path;
    EXPECT_TRUE(r.body.starts_with("PK")) << path;
  }
  ExpectError(server().Request("GET", "/api/v1/exports/secrets.xlsx", admin()), 404, "not_found");
}

TEST_F(ApiTest, RepeatedBadLoginsAreThrottled) {
  ExpectError(server().Request("POST", "/api/v1/auth/login", "", "{\"username\":\"leader\"}"), 400,
              "invalid_argument");
  for (int i = 0; i < 5; ++i) {
    ExpectError(server().Request("POST", "/api/v1/auth/login", "",
                                 "{\"username\":\"leader\",\"password\":\"wrong\"}"),
                401, "unauthenticated");
  }
  ExpectError(server().Request("POST", "/api/v1/auth/login", "",
                               "{\"username\":\"leader\",\"password\":\"Anjian@2024\"}"),
              429, "resource_exhausted");
}

}  // namespace
}  // namespace anjian::integration
