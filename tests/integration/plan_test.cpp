// The annual plan through the real binary: `anjian plan …` contracts (exit codes, the --json
// document) and /api/v1/plans (status codes, roles, downloads) on the demo street.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <set>

#include "integration/server_process.hpp"

namespace anjian::integration {
namespace {

using nlohmann::json;

class PlanCliTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new std::string(MakeTempDir());
    db_ = new std::string(DemoDatabase(*dir_));
  }
  static void TearDownTestSuite() {
    std::filesystem::remove_all(*dir_);
    delete dir_;
    delete db_;
  }
  static std::string Path(const std::string& name) { return *dir_ + "/" + name; }
  static CommandResult Anjian(const std::string& args) {
    return RunCommand(AnjianBinary() + " " + args + " 2>&1");
  }
  static std::string* dir_;
  static std::string* db_;
};
std::string* PlanCliTest::dir_ = nullptr;
std::string* PlanCliTest::db_ = nullptr;

TEST_F(PlanCliTest, CompileWritesTheJsonContractAndVerifyPasses) {
  auto compiled =
      Anjian("plan compile --db " + *db_ +
             " --year 2026 --policy jiefang --seed cli-seed-2026 --json " + Path("plan.json"));
  ASSERT_EQ(compiled.exit_code, 0) << compiled.output;
  EXPECT_NE(compiled.output.find("总法定工作日 = 248"), std::string::npos) << compiled.output;
  std::ifstream in(Path("plan.json"));
  const auto doc = json::parse(in);
  for (const char* key : {"plan_id", "year", "policy", "seed", "seed_commitment", "input_hash",
                          "capacity", "items", "shortfall", "not_planned"}) {
    EXPECT_TRUE(doc.contains(key)) << key;
  }
  EXPECT_EQ(doc["year"], 2026);
  EXPECT_EQ(doc["policy"], "jiefang");
  EXPECT_EQ(doc["seed"], "cli-seed-2026");
  EXPECT_EQ(doc["seed_commitment"].get<std::string>().size(), 64u);
  for (const char* key : {"inspections", "deterministic", "random"})
    EXPECT_TRUE(doc["capacity"].contains(key)) << key;
  const std::set<std::string> kinds = {"deterministic", "random", "community_screening",
                                       "leader_led", "special"};
  std::set<std::string> seen;
  ASSERT_FALSE(doc["items"].empty());
  for (const auto& item : doc["items"]) {
    for (const char* key : {"unit_credit_code", "kind", "rule", "date", "inspectors", "leader"}) {
      ASSERT_TRUE(item.contains(key)) << key;
    }
    seen.insert(item["kind"].get<std::string>());
    EXPECT_TRUE(kinds.count(item["kind"].get<std::string>())) << item["kind"];
  }
  EXPECT_EQ(seen, kinds) << "the jiefang preset produces every kind on the demo street";
  // 2,370 units: each is either planned or says why not.
  std::set<std::string> planned;
  for (const auto& item : doc["items"]) planned.insert(item["unit_credit_code"].get<std::string>());
  EXPECT_EQ(planned.size() + doc["not_planned"].size(), 2370u);
  for (const auto& n : doc["not_planned"]) EXPECT_FALSE(n["reason"].get<std::string>().empty());

  const auto id = std::to_string(doc["plan_id"].get<long long>());
  auto verify = Anjian("plan verify --db " + *db_ + " --plan " + id);
  EXPECT_EQ(verify.exit_code, 0) << verify.output;
  EXPECT_NE(verify.output.find("核验通过"), std::string::npos);
  // The commitment printed on the plan names it without its row id (ids move when a street is
  // merged into a district database); upper case as someone might type it from paper.
  std::string printed = doc["seed_commitment"].get<std::string>();
  std::transform(printed.begin(), printed.end(), printed.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  auto by_commitment = Anjian("plan verify --db " + *db_ + " --commitment " + printed);
  EXPECT_EQ(by_commitment.exit_code, 0) << by_commitment.output;
  EXPECT_NE(by_commitment.output.find("对应计划编号 " + id), std::string::npos)
      << by_commitment.output;
  EXPECT_NE(by_commitment.output.find("核验通过"), std::string::npos);
  EXPECT_EQ(Anjian("plan verify --db " + *db_ + " --commitment " + std::string(64, 'a')).exit_code,
            2);
  EXPECT_EQ(Anjian("plan verify --db " + *db_ + " --commitment abc").exit_code, 2);
  EXPECT_EQ(Anjian("plan verify --db " + *db_).exit_code, 2);

  auto explain = Anjian("plan explain --db " + *db_ + " --plan " + id + " --unit " +
                        doc["items"][0]["unit_credit_code"].get<std::string>());
  EXPECT_EQ(explain.exit_code, 0) << explain.output;
  EXPECT_NE(explain.output.find("列入计划"), std::string::npos) << explain.output;
  if (!doc["not_planned"].empty()) {
    auto why = Anjian("plan explain --db " + *db_ + " --plan " + id + " --unit " +
                      doc["not_planned"][0]["unit_credit_code"].get<std::string>());
    EXPECT_NE(why.output.find("未列入计划"), std::string::npos) << why.output;
  }
  EXPECT_EQ(Anjian("plan explain --db " + *db_ + " --plan " + id + " --unit 000000000000000000")
                .exit_code,
            2);

  ASSERT_EQ(
      Anjian("plan export --db " + *db_ + " --plan " + id + " --out " + Path("plan.pdf")).exit_code,
      0);
  ASSERT_EQ(Anjian("plan export --db " + *db_ + " --plan " + id + " --out " + Path("items.xlsx"))
                .exit_code,
            0);
  auto pages = RunCommand("pdfinfo " + Path("plan.pdf") + " | grep Pages");
  EXPECT_NE(pages.output.find("Pages"), std::string::npos);
  auto text =
      RunCommand("pdftotext " + Path("plan.pdf") + " - | tr -d ' \\n' | grep -c 执法检查能力测算");
  EXPECT_EQ(text.output, "1\n");
  EXPECT_EQ(
      Anjian("plan export --db " + *db_ + " --plan " + id + " --out " + Path("plan.doc")).exit_code,
      2);
}

TEST_F(PlanCliTest, VerifyFailsWhenTheStoredPlanWasAltered) {
  auto compiled =
      Anjian("plan compile --db " + *db_ +
             " --year 2026 --policy xingan --seed tamper-seed --json " + Path("t.json"));
  ASSERT_EQ(compiled.exit_code, 0) << compiled.output;
  std::ifstream in(Path("t.json"));
  const auto id = std::to_string(json::parse(in)["plan_id"].get<long long>());
  ASSERT_EQ(RunCommand("sqlite3 " + *db_ +
                       " \"DROP TRIGGER plan_items_no_update; UPDATE plan_items SET body_json = "
                       "replace(body_json, '\\\"slot\\\":0', '\\\"slot\\\":1') WHERE plan_id = " +
                       id + "\"")
                .exit_code,
            0);
  auto verify = Anjian("plan verify --db " + *db_ + " --plan " + id);
  EXPECT_EQ(verify.exit_code, 3) << verify.output;
  EXPECT_NE(verify.output.find("核验失败"), std::string::npos) << verify.output;
}

TEST_F(PlanCliTest, BadInputGetsOneClearLine) {
  auto preset =
      Anjian("plan compile --db " + *db_ + " --year 2026 --policy nowhere --seed abcdefgh");
  EXPECT_EQ(preset.exit_code, 2);
  EXPECT_NE(preset.output.find("没有名为“nowhere”的检查策略预设"), std::string::npos)
      << preset.output;
  std::ofstream(Path("bad.jsonc")) << "{\"name\": \"bad\", \"team\": {\"size\": 1}}";
  auto policy = Anjian("plan compile --db " + *db_ + " --year 2026 --policy " + Path("bad.jsonc") +
                       " --seed abcdefgh");
  EXPECT_EQ(policy.exit_code, 2);
  EXPECT_NE(policy.output.find("至少为 2 人"), std::string::npos) << policy.output;
  auto year = Anjian("plan compile --db " + *db_ + " --year 2031 --policy jiefang --seed abcdefgh");
  EXPECT_EQ(year.exit_code, 1);
  EXPECT_NE(year.output.find("2031 年的法定节假日"), std::string::npos) << year.output;
  EXPECT_EQ(Anjian("plan verify --db " + *db_ + " --plan 999999").exit_code, 1);
}

TEST(PlanApiTest, CompileReviewApproveAndDownload) {
  const auto dir = MakeTempDir();
  const auto db = DemoDatabase(dir);
  ServerProcess server(db);
  const auto admin = server.Login("admin");
  const auto leader = server.Login("leader");
  const auto enterprise = server.Login("enterprise");
  ASSERT_FALSE(admin.empty());
  ASSERT_FALSE(leader.empty());

  auto bad = server.Request("POST", "/api/v1/plans", admin,
                            R"({"year": 2026, "policy": "jiefang", "seed": "x"})");
  EXPECT_EQ(bad.status, 400) << bad.body;
  EXPECT_EQ(bad.Json()["error"]["code"], "invalid_argument");
  auto commitment = server.Request("POST", "/api/v1/plans/commitments", admin,
                                   R"({"year": 2026, "commitment": "not-hex"})");
  EXPECT_EQ(commitment.status, 400);

  auto created = server.Request("POST", "/api/v1/plans", admin,
                                R"({"year": 2026, "policy": "jiefang", "seed": "api-seed-1"})");
  ASSERT_EQ(created.status, 201) << created.body;
  const auto plan = created.Json();
  const auto id = std::to_string(plan["plan_id"].get<long long>());
  EXPECT_EQ(plan["status"], "draft");

  auto overview = server.Request("GET", "/api/v1/plans/" + id, admin);
  ASSERT_EQ(overview.status, 200);
  EXPECT_TRUE(overview.Json().contains("capacity"));
  EXPECT_EQ(server.Request("GET", "/api/v1/plans/" + id, enterprise).status, 403);
  auto march = server.Request("GET", "/api/v1/plans/" + id + "/items?month=3&page_size=5", admin);
  ASSERT_EQ(march.status, 200);
  const auto march_items = march.Json()["items"];
  EXPECT_LE(march_items.size(), 5u);
  EXPECT_FALSE(march_items.empty());
  for (const auto& item : march_items)
    EXPECT_EQ(item["date"].get<std::string>().substr(0, 7), "2026-03");
  // from/to narrow the month; a bad month or date is refused, never read as "all".
  auto week = server.Request(
      "GET", "/api/v1/plans/" + id + "/items?month=3&from=2026-03-09&to=2026-03-13&page_size=all",
      admin);
  ASSERT_EQ(week.status, 200);
  const auto week_items = week.Json()["items"];
  ASSERT_FALSE(week_items.empty());
  for (const auto& item : week_items) {
    EXPECT_GE(item["date"].get<std::string>(), "2026-03-09");
    EXPECT_LE(item["date"].get<std::string>(), "2026-03-13");
  }
  for (const char* bad :
       {"month=13", "month=0", "month=3a", "month=", "from=2026-02-30", "to=yesterday"}) {
    auto refused = server.Request("GET", "/api/v1/plans/" + id + "/items?" + bad, admin);
    if (std::string(bad) == "month=") {
      EXPECT_EQ(refused.status, 200) << "an empty month is no filter";
      continue;
    }
    EXPECT_EQ(refused.status, 400) << bad << ": " << refused.body;
    EXPECT_TRUE(refused.Json().contains("error")) << bad;
  }
  auto verify = server.Request("POST", "/api/v1/plans/" + id + "/verify", admin);
  ASSERT_EQ(verify.status, 200);
  EXPECT_TRUE(verify.Json()["ok"].get<bool>());

  auto illegal = server.Request("POST", "/api/v1/plans/" + id + "/transitions", leader,
                                R"({"action": "enact", "version": 1})");
  EXPECT_EQ(illegal.status, 409);
  auto submitted = server.Request("POST", "/api/v1/plans/" + id + "/transitions", admin,
                                  R"({"action": "submit", "version": 1})");
  ASSERT_EQ(submitted.status, 200) << submitted.body;
  auto approved = server.Request("POST", "/api/v1/plans/" + id + "/transitions", leader,
                                 R"({"action": "approve", "version": 2})");
  ASSERT_EQ(approved.status, 200) << approved.body;
  EXPECT_EQ(approved.Json()["status"], "approved");

  auto pdf = server.Request("GET", "/api/v1/plans/" + id + "/export/plan.pdf", admin, "",
                            "-D " + dir + "/headers");
  EXPECT_EQ(pdf.status, 200);
  EXPECT_EQ(pdf.body.rfind("%PDF-", 0), 0u);
  auto headers = RunCommand("grep -i content-type " + dir + "/headers");
  EXPECT_NE(headers.output.find("application/pdf"), std::string::npos) << headers.output;
  EXPECT_EQ(server.Request("GET", "/api/v1/plans/" + id + "/export/plan.exe", admin).status, 404);
  EXPECT_EQ(server.Request("GET", "/api/v1/plans/99999", admin).status, 404);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace anjian::integration
