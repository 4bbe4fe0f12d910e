// Issue #12 end to end against the real binary: the generated access matrix (every registered route
// × every role × two streets, expected status from the server's own access table) on SQLite and on
// PostgreSQL, and one regression test per defect the security review found.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <set>
#include <thread>

#include "domain/access/role.hpp"
#include "integration/server_process.hpp"
#include "support/credit_code_oracle.hpp"
#include "support/pg_test_db.hpp"

namespace anjian::integration {
namespace {

using nlohmann::json;

constexpr const char* kStrongPassword = "Qx7#Lm2!Vr9z";

// One account of every role in each of two streets, the second street built the way a district
// administrator would: regions, a unit, accounts from the command line.
class TwoStreets {
 public:
  explicit TwoStreets(std::string db) : db_(std::move(db)), server_(db_, {"--demo"}) {
    viewer_ = Login("viewer");
    const json regions = Get(viewer_, "/api/v1/regions").Json();
    for (const auto& r : regions["items"]) {
      if (r["level"] == "district") district_ = r;
      if (r["level"] == "street" && street1_.is_null()) street1_ = r;
    }
    if (district_.is_null() || street1_.is_null())
      throw std::runtime_error("demo has no district/street");
    AddUser("dadmin", "admin", district_["name"].get<std::string>(), "");
    const std::string dadmin = Login("dadmin", kStrongPassword);
    street2_ =
        MustCreate(dadmin, "/api/v1/regions",
                   {{"level", "street"}, {"parent_id", district_["id"]}, {"name", "矩阵街道"}});
    community2_ =
        MustCreate(dadmin, "/api/v1/regions",
                   {{"level", "community"}, {"parent_id", street2_["id"]}, {"name", "矩阵社区"}});
    grid2_ =
        MustCreate(dadmin, "/api/v1/regions",
                   {{"level", "grid"}, {"parent_id", community2_["id"]}, {"name", "矩阵一网格"}});
    unit2_code_ = test_support::ValidCreditCode(9'000'001);
    unit2_ = MustCreate(dadmin, "/api/v1/units",
                        {{"credit_code", unit2_code_},
                         {"name", "矩阵测试单位"},
                         {"community_id", community2_["id"]},
                         {"grid_id", grid2_["id"]},
                         {"categories", {"商贸"}},
                         {"level", "三级"},
                         {"risk", "蓝"}});
    const std::string street2 = street2_["name"];
    const std::string community2 = community2_["name"];
    const std::string grid2 = grid2_["name"];
    for (const auto& [name, role, jurisdiction] :
         std::vector<std::tuple<std::string, std::string, std::string>>{
             {"admin_2", "admin", street2},
             {"leader_2", "leader", street2},
             {"inspector_2", "inspector", street2},
             {"community_2", "community", community2},
             {"grid_2", "grid", grid2},
             {"viewer_2", "viewer", street2},
             {"security_2", "security_admin", street2},
             {"auditor_2", "auditor", street2}}) {
      AddUser(name, role, jurisdiction, "");
    }
    AddUser("enterprise_2", "enterprise", street2, unit2_code_);
    AddUser("gauditor", "auditor", "", "");  // the whole system's auditor
  }

  ServerProcess& server() { return server_; }
  const std::string& db() const { return db_; }

  HttpResult Get(const std::string& token, const std::string& path) const {
    return server_.Request("GET", path, token);
  }
  std::string Login(const std::string& username,
                    const std::string& password = "Anjian@2024") const {
    const std::string token = server_.Login(username, password);
    if (token.empty()) throw std::runtime_error("login failed for " + username);
    return token;
  }
  // street 1 is the demo street (demo password), street 2 the one built here.
  std::string TokenOf(const std::string& role, int street) const {
    static const std::map<std::string, std::string> kDemoName = {
        {"admin", "admin"},         {"leader", "leader"},
        {"inspector", "inspector"}, {"community", "community"},
        {"grid", "grid"},           {"enterprise", "enterprise"},
        {"viewer", "viewer"},       {"security_admin", "security"},
        {"auditor", "auditor"}};
    if (street == 1) return Login(kDemoName.at(role));
    const std::string name = (role == "security_admin" ? std::string("security") : role) + "_2";
    return Login(name, kStrongPassword);
  }

  void AddUser(const std::string& name, const std::string& role, const std::string& jurisdiction,
               const std::string& unit) const {
    std::string command = "printf '%s\\n' " + ShellQuote(kStrongPassword) + " | " + AnjianBinary() +
                          " user add --db " + ShellQuote(db_) + " --username " + name + " --role " +
                          role + " --password-stdin";
    if (!jurisdiction.empty()) command += " --jurisdiction " + ShellQuote(jurisdiction);
    if (!unit.empty()) command += " --unit " + unit;
    auto result = RunCommand(command + " 2>&1");
    if (result.exit_code != 0) throw std::runtime_error("user add " + name + ": " + result.output);
  }

  json MustCreate(const std::string& token, const std::string& path, const json& body) const {
    auto r = server_.Request("POST", path, token, body.dump());
    if (r.status != 201 && r.status != 200)
      throw std::runtime_error(path + " " + std::to_string(r.status) + r.body);
    return r.Json();
  }

  json street1_, street2_, district_, community2_, grid2_, unit2_;
  std::string unit2_code_;
  std::string viewer_;

 private:
  std::string db_;
  ServerProcess server_;
};

// Street 1's objects, found as its administrator sees them, to aim every route at.
std::map<std::string, std::string> Street1Targets(TwoStreets& streets) {
  const std::string admin = streets.Login("admin");
  const std::string inspector = streets.Login("inspector");
  std::map<std::string, std::string> ids;
  auto first_id = [&](const std::string& token, const std::string& path) -> std::string {
    auto j = streets.Get(token, path).Json();
    const json& items = j.is_array() ? j : j["items"];
    if (!items.is_array() || items.empty()) return "1";
    return std::to_string(items[0]["id"].get<long long>());
  };
  ids["unit"] = first_id(admin, "/api/v1/units?page_size=1");
  ids["inspector"] = first_id(admin, "/api/v1/inspectors?page_size=1");
  ids["region"] = std::to_string(streets.street1_["id"].get<long long>());
  ids["task"] = first_id(inspector, "/api/v1/tasks");
  ids["hazard"] = first_id(admin, "/api/v1/hazards");
  ids["document"] = first_id(admin, "/api/v1/documents");
  ids["notice"] = first_id(admin, "/api/v1/notices");
  // An account of street 1 for the /users/{id} routes (a throwaway: they reset its password).
  streets.AddUser("mvictim", "viewer", streets.street1_["name"], "");
  const json users = streets.Get(streets.Login("security"), "/api/v1/users").Json();
  for (const auto& u : users["items"]) {
    if (u["username"] == "mvictim") ids["user"] = std::to_string(u["id"].get<long long>());
  }
  ids["plan"] = first_id(admin, "/api/v1/plans");
  if (ids["plan"] == "1") {
    auto plan = streets.server().Request(
        "POST", "/api/v1/plans", admin,
        R"({"year": 2026, "policy": "jiefang", "seed": "matrix-seed-2026"})");
    if (plan.status != 201) throw std::runtime_error("plan: " + plan.body);
    ids["plan"] = std::to_string(plan.Json()["plan_id"].get<long long>());
  }
  return ids;
}

std::string Fill(const std::string& pattern, const std::map<std::string, std::string>& ids) {
  std::string path = pattern;
  auto kind_of = [&](std::size_t at) {
    // "/api/v1/<kind>s/{id}": the resource before the parameter names the id's kind.
    const std::size_t slash = path.rfind('/', at - 2);
    std::string kind = path.substr(slash + 1, at - 1 - slash - 1);
    if (!kind.empty() && kind.back() == 's') kind.pop_back();
    return kind;
  };
  for (std::size_t open = path.find('{'); open != std::string::npos; open = path.find('{')) {
    const std::size_t close = path.find('}', open);
    const std::string name = path.substr(open + 1, close - open - 1);
    std::string value = "1";
    if (name == "id") {
      const std::string kind = kind_of(open);
      auto it = ids.find(kind);
      if (it != ids.end()) value = it->second;
    } else if (name == "file") {
      value = path.find("/plans/") != std::string::npos ? "plan.json" : "units.xlsx";
    } else if (name == "kind") {
      value = "units";
    } else if (name == "year") {
      value = "2026";
    } else if (name == "name") {
      value = "jiefang";
    } else if (name == "sha256") {
      value = std::string(64, 'a');
    } else if (name == "session_id") {
      value = std::string(16, '0');
    }
    path.replace(open, close - open + 1, value);
  }
  return path;
}

struct MatrixFigures {
  int cells = 0;
  int wrongly_allowed = 0;
  int crossed_streets = 0;
  int audited_writes = 0;
  std::vector<std::string> failures;
};

std::string UsernameOf(const std::string& role, int street) {
  static const std::map<std::string, std::string> kDemoName = {{"security_admin", "security"}};
  const auto it = kDemoName.find(role);
  const std::string base = it == kDemoName.end() ? role : it->second;
  return street == 1 ? base : base + "_2";
}

// Every route × every role × both streets. A role the table refuses must get 403 (never run the
// handler); a role it allows must never get 401 or a server error; an account of street 2 must
// never be handed street 1's object by an id route.
MatrixFigures RunMatrix(TwoStreets& streets) {
  MatrixFigures figures;
  const auto table = streets.Get(streets.viewer_, "/api/v1/meta/access").Json();
  if (!table.contains("routes")) throw std::runtime_error("no access table");
  const auto ids = Street1Targets(streets);
  std::map<std::string, domain::Action> actions;
  for (auto action : domain::AllActions()) actions[std::string(domain::Code(action))] = action;
  std::vector<std::pair<std::string, json>> routes;
  for (const auto& route : table["routes"]) {
    const std::string method = route["method"];
    const std::string path = route["path"];
    if (!path.starts_with("/api/v1/")) continue;
    routes.emplace_back(method + " " + path, route);
  }
  // Logging out ends the session the rest of the row uses: last.
  std::stable_partition(routes.begin(), routes.end(),
                        [](const auto& r) { return r.first != "POST /api/v1/auth/logout"; });
  std::map<std::string, int> successful_writes;  // username → non-GET cells answered 2xx
  for (const auto& role : domain::UserRoles()) {
    for (int street = 1; street <= 2; ++street) {
      const std::string token = streets.TokenOf(std::string(role.code), street);
      const std::string username = UsernameOf(std::string(role.code), street);
      for (const auto& [name, route] : routes) {
        if (route["public"].get<bool>()) continue;
        const std::string method = route["method"];
        const std::string pattern = route["path"];
        const auto action_it = actions.find(route["action"].get<std::string>());
        if (action_it == actions.end()) {
          figures.failures.push_back(name + ": action " + route["action"].dump() +
                                     " unknown to the domain");
          continue;
        }
        const bool allowed = domain::MayPerform(role.value, action_it->second);
        const std::string path = Fill(pattern, ids);
        const std::string body = method == "GET" || method == "DELETE" ? "" : "{}";
        auto r = streets.server().Request(method, path, token, body);
        ++figures.cells;
        const std::string cell = name + " as " + std::string(role.code) + "@street" +
                                 std::to_string(street) + " → " + std::to_string(r.status) + " " +
                                 r.body.substr(0, 160);
        if (!allowed) {
          if (r.status != 403) {
            ++figures.wrongly_allowed;
            figures.failures.push_back("table refuses but got " + cell);
          }
          continue;
        }
        if (r.status == 401 || r.status >= 500 || r.status == 0)
          figures.failures.push_back("allowed but " + cell);
        if (method != "GET" && r.status >= 200 && r.status < 300) ++successful_writes[username];
        const bool targets_object = pattern.find("{id}") != std::string::npos;
        if (street == 2 && targets_object && r.status >= 200 && r.status < 300) {
          ++figures.crossed_streets;
          figures.failures.push_back("street 2 reached street 1's object: " + cell);
        }
      }
    }
  }
  // Every write that succeeded left its entry (the store refuses a write without one; this checks
  // it from outside): per account, at least as many success entries other than logins and
  // downloads as it had successful non-GET requests.
  const std::string auditor = streets.Login("gauditor", kStrongPassword);
  for (const auto& [username, writes] : successful_writes) {
    int entries = 0;
    for (int page = 1;; ++page) {
      auto j = streets
                   .Get(auditor, "/api/v1/audit?outcome=success&page_size=200&page=" +
                                     std::to_string(page) + "&actor=" + username)
                   .Json();
      for (const auto& e : j["items"]) {
        const std::string action = e["action"];
        if (action != "auth.login" && !action.ends_with(".download")) ++entries;
      }
      if (j["items"].size() < 200) break;
    }
    figures.audited_writes += writes;
    if (entries < writes) {
      figures.failures.push_back(username + ": " + std::to_string(writes) +
                                 " successful writes but only " + std::to_string(entries) +
                                 " audit entries");
    }
  }
  return figures;
}

void ExpectCleanMatrix(const MatrixFigures& figures, const char* store) {
  std::printf(
      "[matrix %s] %d cells, wrongly allowed %d, crossed streets %d, successful writes checked for "
      "their "
      "audit entry %d\n",
      store, figures.cells, figures.wrongly_allowed, figures.crossed_streets,
      figures.audited_writes);
  EXPECT_GT(figures.cells, 1000) << "every route × 9 roles × 2 streets";
  EXPECT_EQ(figures.wrongly_allowed, 0);
  EXPECT_EQ(figures.crossed_streets, 0);
  for (const auto& f : figures.failures) ADD_FAILURE() << f;
}

TEST(AccessMatrixTest, EveryRouteRoleAndStreetOnSqlite) {
  const std::string dir = MakeTempDir();
  TwoStreets streets(dir + "/matrix.db");
  ExpectCleanMatrix(RunMatrix(streets), "sqlite");
  std::filesystem::remove_all(dir);
}

TEST(AccessMatrixTest, EveryRouteRoleAndStreetOnPostgres) {
  const std::string key = MakeTempDir();
  test_support::ScopedPostgresDatabase database(key);
  TwoStreets streets(test_support::PostgresDatabaseUrl(key));
  ExpectCleanMatrix(RunMatrix(streets), "postgresql");
  std::filesystem::remove_all(key);
}

// --- Regression tests, one per defect of the review -------------------------------------

class SecurityTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new std::string(MakeTempDir());
    streets_ = new TwoStreets(*dir_ + "/security.db");
  }
  static void TearDownTestSuite() {
    delete streets_;
    std::filesystem::remove_all(*dir_);
    delete dir_;
  }
  static TwoStreets& streets() { return *streets_; }
  static ServerProcess& server() { return streets_->server(); }
  static std::string Token(const std::string& demo_name) { return streets_->Login(demo_name); }

  static std::string* dir_;
  static TwoStreets* streets_;
};
std::string* SecurityTest::dir_ = nullptr;
TwoStreets* SecurityTest::streets_ = nullptr;

std::string Nested(int levels) { return std::string(levels, '[') + std::string(levels, ']'); }

TEST_F(SecurityTest, Defect1_DeeplyNestedBodiesAreRefusedNotACrash) {
  const std::string deep = "{\"policy_json\":" + Nested(200'000) + "}";
  // Any role, before the role check today: now the viewer is refused before the body is parsed.
  auto as_viewer = server().Request("POST", "/api/v1/plans/preview", Token("viewer"), deep);
  EXPECT_EQ(as_viewer.status, 403) << as_viewer.body;
  auto as_admin = server().Request("POST", "/api/v1/plans/preview", Token("admin"), deep);
  EXPECT_EQ(as_admin.status, 400) << as_admin.body;
  EXPECT_NE(as_admin.body.find("64"), std::string::npos);
  auto photos = server().Request("POST", "/api/v1/self-inspections", Token("enterprise"),
                                 "{\"photos\":" + Nested(100'000) + "}");
  EXPECT_EQ(photos.status, 400) << photos.body;
  EXPECT_TRUE(server().Running()) << "the server survived";
  auto confused = server().Request(
      "POST", "/api/v1/tasks", Token("inspector"),
      R"({"kind":"special","unit_id":1,"scheduled_on":"2026-12-08","team":[1,2],"checklist_id":["general"]})");
  EXPECT_EQ(confused.status, 400) << confused.body;
  EXPECT_EQ(confused.Json()["error"]["field"], "checklist_id");
  // A login body is small.
  auto huge_login = server().Request("POST", "/api/v1/auth/login", "",
                                     "{\"username\":\"" + std::string(8000, 'a') + "\"}");
  EXPECT_EQ(huge_login.status, 413);
}

TEST_F(SecurityTest, Defect3_EnterpriseCannotReadAnotherUnitsHistory) {
  const std::string enterprise = Token("enterprise");
  const auto own = server()
                       .Request("GET", "/api/v1/units", enterprise)
                       .Json()["items"][0]["id"]
                       .get<long long>();
  EXPECT_EQ(server()
                .Request("GET", "/api/v1/units/" + std::to_string(own) + "/history", enterprise)
                .status,
            200);
  const auto admin_units =
      server().Request("GET", "/api/v1/units?page_size=5", Token("admin")).Json()["items"];
  for (const auto& u : admin_units) {
    if (u["id"].get<long long>() == own) continue;
    EXPECT_EQ(server()
                  .Request("GET",
                           "/api/v1/units/" + std::to_string(u["id"].get<long long>()) + "/history",
                           enterprise)
                  .status,
              404);
  }
}

TEST_F(SecurityTest, Defect3_NoticeReceiptsOfAnotherStreetDoNotExist) {
  auto notice = server().Request(
      "POST", "/api/v1/notices", Token("admin"),
      json{{"title", "致辖区企业的一封信"}, {"body", "请落实安全生产主体责任。"}}.dump());
  ASSERT_EQ(notice.status, 201) << notice.body;
  const std::string id = std::to_string(notice.Json()["id"].get<long long>());
  EXPECT_EQ(server().Request("GET", "/api/v1/notices/" + id + "/receipts", Token("admin")).status,
            200);
  const std::string other_street_admin = streets().Login("admin_2", kStrongPassword);
  EXPECT_EQ(
      server().Request("GET", "/api/v1/notices/" + id + "/receipts", other_street_admin).status,
      404);
}

TEST_F(SecurityTest, Defect3_UploadsFollowWhatCitesThem) {
  const std::string path = *dir_ + "/p.png";
  {
    // The smallest valid PNG the probe accepts comes from the inspection tests' helper; write one.
    static const unsigned char kPng[] = {
        0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48,
        0x44, 0x52, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00,
        0x00, 0x1F, 0x15, 0xC4, 0x89, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x44, 0x41, 0x54, 0x78,
        0x9C, 0x63, 0xF8, 0xCF, 0xC0, 0xF0, 0x1F, 0x00, 0x05, 0x00, 0x01, 0xFF, 0x89, 0x99,
        0x3D, 0x1D, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82};
    std::ofstream(path, std::ios::binary).write(reinterpret_cast<const char*>(kPng), sizeof kPng);
  }
  const std::string inspector = Token("inspector");
  const std::string sha = server().UploadFile(inspector, path);
  ASSERT_FALSE(sha.empty());
  EXPECT_EQ(server().Request("GET", "/api/v1/uploads/" + sha, inspector).status, 200)
      << "the uploader sees it";
  // Nothing cites it yet: another account of the same street does not see it, nor the next street.
  EXPECT_EQ(server().Request("GET", "/api/v1/uploads/" + sha, Token("enterprise")).status, 404);
  EXPECT_EQ(
      server()
          .Request("GET", "/api/v1/uploads/" + sha, streets().Login("inspector_2", kStrongPassword))
          .status,
      404);
}

TEST_F(SecurityTest, Defect3_ImportListIsScoped) {
  auto street1 = server().Request("GET", "/api/v1/imports", Token("admin"));
  ASSERT_EQ(street1.status, 200);
  const std::string admin2 = streets().Login("admin_2", kStrongPassword);
  auto street2 = server().Request("GET", "/api/v1/imports", admin2);
  ASSERT_EQ(street2.status, 200);
  const json imports = street2.Json();
  for (const auto& item : imports["items"]) EXPECT_NE(item["actor"], "admin");
}

TEST_F(SecurityTest, Defect4_EnterpriseDoesNotReadTheRoster) {
  const std::string enterprise = Token("enterprise");
  EXPECT_EQ(server().Request("GET", "/api/v1/inspectors", enterprise).status, 403);
  EXPECT_EQ(server().Request("GET", "/api/v1/inspectors/1", enterprise).status, 403);
}

TEST_F(SecurityTest, PhoneNumbersAreMaskedForRolesThatDoNotCallPeople) {
  const std::string admin = Token("admin");
  const std::string viewer = Token("viewer");
  // A unit with a known phone, edited once so its history holds the number too.
  const json unit = server().Request("GET", "/api/v1/units?page_size=1", admin).Json()["items"][0];
  const std::string path = "/api/v1/units/" + std::to_string(unit["id"].get<long long>());
  auto edited =
      server().Request("PUT", path, admin,
                       json{{"version", unit["version"]}, {"contact_phone", "13812345678"}}.dump());
  ASSERT_EQ(edited.status, 200) << edited.body;
  EXPECT_EQ(server().Request("GET", path, admin).Json()["contact_phone"], "13812345678");
  EXPECT_EQ(server().Request("GET", path, viewer).Json()["contact_phone"], "138****5678");
  const json history = server().Request("GET", path + "/history", viewer).Json();
  ASSERT_FALSE(history["items"].empty());
  EXPECT_EQ(history["items"][0]["snapshot"]["contact_phone"], "138****5678");
  EXPECT_EQ(history.dump().find("13812345678"), std::string::npos);
  const json people = server().Request("GET", "/api/v1/inspectors?page_size=50", viewer).Json();
  for (const auto& p : people["items"]) {
    const std::string phone = p.value("phone", "");
    if (phone.size() == 11) {
      EXPECT_NE(phone.find("****"), std::string::npos) << phone;
    }
  }
}

TEST_F(SecurityTest, Defect5_EnterpriseAccountNeedsAUnitAndIsScopedToIt) {
  auto refused = RunCommand("printf '%s\\n' " + ShellQuote(kStrongPassword) + " | " +
                            AnjianBinary() + " user add --db " + ShellQuote(streets().db()) +
                            " --username loose --role enterprise --password-stdin 2>&1");
  EXPECT_NE(refused.exit_code, 0);
  EXPECT_NE(refused.output.find("--unit"), std::string::npos) << refused.output;
  const std::string enterprise2 = streets().Login("enterprise_2", kStrongPassword);
  auto units = server().Request("GET", "/api/v1/units", enterprise2).Json();
  ASSERT_EQ(units["items"].size(), 1u) << units.dump();
  EXPECT_EQ(units["items"][0]["credit_code"], streets().unit2_code_);
}

TEST_F(SecurityTest, Defect2And7_PlansAboveTheJurisdictionAreReadOnlyAndFiltered) {
  const std::string dadmin = streets().Login("dadmin", kStrongPassword);
  auto plan =
      server().Request("POST", "/api/v1/plans", dadmin,
                       R"({"year": 2026, "policy": "jiefang", "seed": "district-seed-2026"})");
  ASSERT_EQ(plan.status, 201) << plan.body;
  const std::string id = std::to_string(plan.Json()["plan_id"].get<long long>());
  ASSERT_EQ(server()
                .Request("POST", "/api/v1/plans/" + id + "/transitions", dadmin,
                         R"({"action": "submit", "version": 1})")
                .status,
            200);
  // A street leader may not approve the district's plan (defect 2).
  auto approve = server().Request("POST", "/api/v1/plans/" + id + "/transitions", Token("leader"),
                                  R"({"action": "approve", "version": 2})");
  EXPECT_EQ(approve.status, 403) << approve.body;
  // Nor may a street inspector turn it into tasks; the export of the whole plan stays above.
  EXPECT_EQ(
      server().Request("POST", "/api/v1/plans/" + id + "/tasks", Token("inspector"), "{}").status,
      403);
  EXPECT_EQ(
      server().Request("GET", "/api/v1/plans/" + id + "/export/plan.json", Token("leader")).status,
      403);
  // Street 2 sees none of street 1's items, the community account only its own community's.
  auto all = server().Request("GET", "/api/v1/plans/" + id + "/items?page_size=all", dadmin).Json();
  ASSERT_GT(all["total"].get<int>(), 0);
  auto street2 = server()
                     .Request("GET", "/api/v1/plans/" + id + "/items?page_size=all",
                              streets().Login("viewer_2", kStrongPassword))
                     .Json();
  EXPECT_LT(street2["total"].get<int>(), all["total"].get<int>());
  for (const auto& item : street2["items"]) {
    EXPECT_EQ(item["unit_credit_code"], streets().unit2_code_)
        << "street 2 sees only its own unit's items";
  }
  auto community =
      server()
          .Request("GET", "/api/v1/plans/" + id + "/items?page_size=all", Token("community"))
          .Json();
  EXPECT_LT(community["total"].get<int>(), all["total"].get<int>());
  std::set<std::string> communities;
  for (const auto& item : community["items"])
    communities.insert(item["community"].get<std::string>());
  EXPECT_LE(communities.size(), 1u) << "only the community account's own community";
}

TEST_F(SecurityTest, Defect7_CovertTasksAreHiddenFromCommunityAndGridUntilDone) {
  const std::string inspector = Token("inspector");
  const auto mine = server().Request("GET", "/api/v1/tasks?mine=1", inspector).Json();
  ASSERT_FALSE(mine["items"].empty());
  json team = json::array();
  for (const auto& member : mine["items"][0]["team"]) team.push_back(member["inspector_id"]);
  // A unit inside the community account's community.
  auto units =
      server().Request("GET", "/api/v1/units?page_size=50", Token("community")).Json()["items"];
  ASSERT_FALSE(units.empty());
  int created_id = 0;
  for (const auto& unit : units) {
    auto created = server().Request("POST", "/api/v1/tasks", inspector,
                                    json{{"kind", "covert"},
                                         {"unit_id", unit["id"]},
                                         {"scheduled_on", "2026-12-28"},
                                         {"team", team},
                                         {"note", "暗查暗访"}}
                                        .dump());
    if (created.status == 201) {
      created_id = created.Json()["id"].get<int>();
      break;
    }
  }
  ASSERT_NE(created_id, 0);
  for (const char* who : {"community", "grid"}) {
    const std::string token = Token(who);
    auto list = server().Request("GET", "/api/v1/tasks?kind=covert", token).Json();
    for (const auto& t : list["items"]) EXPECT_NE(t["id"].get<int>(), created_id) << who;
    EXPECT_EQ(server().Request("GET", "/api/v1/tasks/" + std::to_string(created_id), token).status,
              404)
        << who;
  }
  EXPECT_EQ(
      server().Request("GET", "/api/v1/tasks/" + std::to_string(created_id), inspector).status,
      200);
}

TEST_F(SecurityTest, Defect6_OnlyATeamMemberSubmitsTheRecord) {
  const std::string inspector = Token("inspector");
  const auto mine = server().Request("GET", "/api/v1/tasks?mine=1", inspector).Json();
  ASSERT_FALSE(mine["items"].empty());
  const std::string task = std::to_string(mine["items"][0]["id"].get<long long>());
  // The admin is not on the team (nor linked to a roster person): refused before the body matters.
  auto by_admin = server().Request("POST", "/api/v1/tasks/" + task + "/records", Token("admin"),
                                   "{}", "-H 'Idempotency-Key: not-on-team-1'");
  EXPECT_TRUE(by_admin.status == 403 || by_admin.status == 400) << by_admin.body;
}

TEST_F(SecurityTest, Defect8_ThrottlePerAccountAndAddressWithoutLockingTheOwnerOut) {
  streets().AddUser("victim", "viewer", streets().street1_["name"], "");
  auto attempt = [&](const std::string& address, const std::string& password) {
    return server().Request("POST", "/api/v1/auth/login", "",
                            json{{"username", "victim"}, {"password", password}}.dump(),
                            "-H " + ShellQuote("X-Forwarded-For: " + address));
  };
  for (int i = 0; i < 5; ++i)
    EXPECT_EQ(attempt("198.51.100.7", "guess-" + std::to_string(i)).status, 401);
  // The guessing address is locked out for this account, even with the right password.
  EXPECT_EQ(attempt("198.51.100.7", kStrongPassword).status, 429);
  // The owner elsewhere waits out a short growing delay, then gets in.
  std::this_thread::sleep_for(std::chrono::milliseconds(2100));
  EXPECT_EQ(attempt("203.0.113.9", kStrongPassword).status, 200);
  // Unknown names answer exactly like wrong passwords.
  auto unknown = server().Request("POST", "/api/v1/auth/login", "",
                                  R"({"username":"nobody-here","password":"x"})");
  EXPECT_EQ(unknown.status, 401);
  EXPECT_EQ(unknown.Json()["error"]["message"],
            attempt("203.0.113.10", "wrong").Json()["error"]["message"]);
  // A weak password is refused by the quality check.
  auto weak = RunCommand("printf '12345678\\n' | " + AnjianBinary() + " user add --db " +
                         ShellQuote(streets().db()) +
                         " --username weakling --role viewer --password-stdin 2>&1");
  EXPECT_NE(weak.exit_code, 0) << weak.output;
}

TEST_F(SecurityTest, Defect9_SecurityHeadersAndCookieSessionsWithCsrf) {
  auto health = server().Request("GET", "/api/v1/health", "", "", "-D -");
  for (const char* header : {"Content-Security-Policy: default-src 'self'", "X-Frame-Options: DENY",
                             "Referrer-Policy: no-referrer", "X-Content-Type-Options: nosniff",
                             "Permissions-Policy: camera=(self)"}) {
    EXPECT_NE(health.body.find(header), std::string::npos) << header;
  }
  EXPECT_EQ(health.body.find("Strict-Transport-Security"), std::string::npos)
      << "plain http: no HSTS";
  auto login = server().Request("POST", "/api/v1/auth/login", "",
                                R"({"username":"admin","password":"Anjian@2024"})", "-D -");
  EXPECT_NE(login.body.find("anjian_session="), std::string::npos);
  EXPECT_NE(login.body.find("HttpOnly; SameSite=Strict"), std::string::npos);
  const std::string token = streets().Login("admin");
  const std::string csrf = server().Request("GET", "/api/v1/auth/me", token).Json()["csrf_token"];
  const std::string cookie = "-H " + ShellQuote("Cookie: anjian_session=" + token);
  EXPECT_EQ(server().Request("GET", "/api/v1/units?page_size=1", "", "", cookie).status, 200)
      << "reads by cookie";
  auto forged =
      server().Request("POST", "/api/v1/notices", "", R"({"title":"t","body":"b"})", cookie);
  EXPECT_EQ(forged.status, 403);
  EXPECT_EQ(forged.Json()["error"]["code"], "csrf");
  auto with_token = server().Request("POST", "/api/v1/notices", "", R"({"title":"t","body":"b"})",
                                     cookie + " -H " + ShellQuote("X-CSRF-Token: " + csrf));
  EXPECT_EQ(with_token.status, 201) << with_token.body;
}

TEST_F(SecurityTest, Defect10_AdminNeitherManagesAccountsNorApprovesPlans) {
  const std::string admin = Token("admin");
  auto plan = server().Request("POST", "/api/v1/plans", admin,
                               R"({"year": 2026, "policy": "jiefang", "seed": "own-seed-2026"})");
  ASSERT_EQ(plan.status, 201) << plan.body;
  const std::string id = std::to_string(plan.Json()["plan_id"].get<long long>());
  ASSERT_EQ(server()
                .Request("POST", "/api/v1/plans/" + id + "/transitions", admin,
                         R"({"action":"submit","version":1})")
                .status,
            200);
  EXPECT_EQ(server()
                .Request("POST", "/api/v1/plans/" + id + "/transitions", admin,
                         R"({"action":"approve","version":2})")
                .status,
            403);
  EXPECT_EQ(server()
                .Request("POST", "/api/v1/plans/" + id + "/transitions", Token("leader"),
                         R"({"action":"approve","version":2})")
                .status,
            200);
}

TEST_F(SecurityTest, SecurityAdministratorRunsAccountsOfItsOwnStreetOnly) {
  const std::string security = Token("security");
  auto created = server().Request("POST", "/api/v1/users", security,
                                  json{{"username", "newcomer"},
                                       {"role", "inspector"},
                                       {"jurisdiction_id", streets().street1_["id"]}}
                                      .dump());
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string temporary = created.Json()["temporary_password"];
  const std::string id = std::to_string(created.Json()["user"]["id"].get<long long>());
  // Outside its jurisdiction: neither creating nor touching street 2's accounts.
  EXPECT_EQ(server()
                .Request("POST", "/api/v1/users", security,
                         json{{"username", "intruder"},
                              {"role", "admin"},
                              {"jurisdiction_id", streets().street2_["id"]}}
                             .dump())
                .status,
            400);
  const std::string security2 = streets().Login("security_2", kStrongPassword);
  EXPECT_EQ(server().Request("POST", "/api/v1/users/" + id + "/password-reset", security2).status,
            404);
  const json street2_users = server().Request("GET", "/api/v1/users", security2).Json();
  for (const auto& u : street2_users["items"]) {
    EXPECT_NE(u["username"], "newcomer");
  }
  // The temporary password opens only the change-password door.
  const std::string newcomer = streets().Login("newcomer", temporary);
  auto blocked = server().Request("GET", "/api/v1/units", newcomer);
  EXPECT_EQ(blocked.status, 403);
  EXPECT_EQ(blocked.Json()["error"]["code"], "password_change_required");
  EXPECT_EQ(server()
                .Request("POST", "/api/v1/auth/password", newcomer,
                         json{{"old_password", temporary}, {"new_password", "12345678"}}.dump())
                .status,
            400);
  EXPECT_EQ(server()
                .Request("POST", "/api/v1/auth/password", newcomer,
                         json{{"old_password", temporary}, {"new_password", "Hb5%tRw9!kQz"}}.dump())
                .status,
            204);
  EXPECT_EQ(server().Request("GET", "/api/v1/units?page_size=1", newcomer).status, 200);
  // Disabling ends the account's sessions at once.
  auto user = server().Request("GET", "/api/v1/users", security).Json();
  int version = 0;
  for (const auto& u : user["items"]) {
    if (u["username"] == "newcomer") version = u["version"].get<int>();
  }
  ASSERT_GT(version, 0);
  auto disabled = server().Request("PUT", "/api/v1/users/" + id, security,
                                   json{{"version", version}, {"active", false}}.dump());
  ASSERT_EQ(disabled.status, 200) << disabled.body;
  EXPECT_EQ(server().Request("GET", "/api/v1/units?page_size=1", newcomer).status, 401);
  // The business administrator manages no accounts (三权分立).
  EXPECT_EQ(server().Request("GET", "/api/v1/users", Token("admin")).status, 403);
}

TEST_F(SecurityTest, NewRoutesRefuseBadInputWithA400NamingTheField) {
  const std::string security = Token("security");
  auto field_of = [](const HttpResult& r) {
    return r.Json()["error"].value("field", std::string());
  };
  auto wrong_role =
      server().Request("POST", "/api/v1/users", security, R"({"username":"x1","role":["admin"]})");
  EXPECT_EQ(wrong_role.status, 400);
  EXPECT_EQ(field_of(wrong_role), "role");
  auto wrong_region =
      server().Request("POST", "/api/v1/users", security,
                       R"({"username":"x2","role":"viewer","jurisdiction_id":"2"})");
  EXPECT_EQ(wrong_region.status, 400);
  EXPECT_EQ(field_of(wrong_region), "jurisdiction_id");
  EXPECT_EQ(server().Request("PUT", "/api/v1/users/1", security, R"({"active":true})").status, 400)
      << "no version";
  EXPECT_EQ(server().Request("POST", "/api/v1/users", security, "[[[").status, 400);
  const std::string auditor = Token("auditor");
  auto bad_day = server().Request("GET", "/api/v1/audit?from=2026-13-01", auditor);
  EXPECT_EQ(bad_day.status, 400);
  EXPECT_EQ(field_of(bad_day), "from");
  auto bad_outcome = server().Request("GET", "/api/v1/audit?outcome=maybe", auditor);
  EXPECT_EQ(bad_outcome.status, 400);
  EXPECT_EQ(server().Request("GET", "/api/v1/audit/export?format=pdf", auditor).status, 400);
  const std::string viewer = Token("viewer");
  auto wrong_old = server().Request("POST", "/api/v1/auth/password", viewer,
                                    R"({"old_password":"nope","new_password":"Hb5%tRw9!kQz"})");
  EXPECT_EQ(wrong_old.status, 400);
  EXPECT_EQ(field_of(wrong_old), "old_password");
  EXPECT_EQ(
      server().Request("POST", "/api/v1/auth/totp/confirm", viewer, R"({"code":"123456"})").status,
      409)
      << "no enrolment yet";
  ASSERT_EQ(server().Request("POST", "/api/v1/auth/totp/enrol", viewer).status, 200);
  auto wrong_code =
      server().Request("POST", "/api/v1/auth/totp/confirm", viewer, R"({"code":"000000x"})");
  EXPECT_EQ(wrong_code.status, 400);
  EXPECT_EQ(field_of(wrong_code), "code");
  EXPECT_EQ(server().Request("DELETE", "/api/v1/auth/sessions/ffffffffffffffff", viewer).status,
            404);
  auto big = server().Request("POST", "/api/v1/auth/password", viewer,
                              "{\"old_password\":\"" + std::string(8000, 'a') + "\"}");
  EXPECT_EQ(big.status, 413) << "account calls take a few KB";
}

TEST_F(SecurityTest, AuditorSeesLoginsAndDenialsAndTheChainVerifies) {
  const std::string auditor = Token("auditor");
  (void)server().Request("GET", "/api/v1/inspectors", Token("enterprise"));  // a denial
  auto mine =
      server().Request("GET", "/api/v1/audit?actor=auditor&action=auth.login", auditor).Json();
  ASSERT_GE(mine["total"].get<int>(), 1) << mine.dump();
  EXPECT_EQ(mine["items"][0]["outcome"], "success");
  auto denied =
      server().Request("GET", "/api/v1/audit?outcome=denied&actor=enterprise", auditor).Json();
  ASSERT_GE(denied["total"].get<int>(), 1) << denied.dump();
  EXPECT_EQ(denied["items"][0]["action"], "access.denied");
  EXPECT_EQ(server().Request("GET", "/api/v1/audit", Token("admin")).status, 403) << "三权分立";
  // The next street's auditor does not read this street's accounts.
  auto other = server()
                   .Request("GET", "/api/v1/audit?actor=auditor",
                            streets().Login("auditor_2", kStrongPassword))
                   .Json();
  EXPECT_EQ(other["total"], 0) << other.dump();
  auto anchors = server().Request("GET", "/api/v1/audit/anchors", auditor).Json();
  ASSERT_FALSE(anchors["items"].empty());
  EXPECT_EQ(anchors["items"][0]["hash"].get<std::string>().size(), 64u);
  auto verify =
      RunCommand(AnjianBinary() + " audit verify --db " + ShellQuote(streets().db()) + " 2>&1");
  EXPECT_EQ(verify.exit_code, 0) << verify.output;
}

TEST(AuditChainTest, VerifyCatchesARowEditedDeletedOrInsertedWithTheSqliteShell) {
  const std::string dir = MakeTempDir();
  const std::string db = dir + "/tamper.db";
  ASSERT_EQ(
      RunCommand(AnjianBinary() + " demo --db " + ShellQuote(db) + " >/dev/null 2>&1").exit_code,
      0);
  {
    ServerProcess server(db);
    for (int i = 0; i < 3; ++i) ASSERT_FALSE(server.Login("admin").empty());
  }
  auto verify = [&](const std::string& copy) {
    return RunCommand(AnjianBinary() + " audit verify --db " + ShellQuote(copy) + " 2>&1");
  };
  ASSERT_EQ(verify(db).exit_code, 0) << verify(db).output;
  struct Case {
    const char* name;
    const char* sql;
    const char* expected_seq;
  };
  for (const Case& c :
       {Case{"edited",
             "DROP TRIGGER audit_log_no_update; UPDATE audit_log SET actor = 'mallory' WHERE seq = "
             "2;",
             "第 2 条"},
        Case{"deleted", "DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE seq = 2;",
             "第 2 条"},
        Case{"tail deleted",
             "DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE seq = (SELECT max(seq) "
             "FROM audit_log);",
             "第"},
        Case{"inserted",
             "INSERT INTO audit_log SELECT seq + 1000, at, actor_id, actor, role, jurisdiction, "
             "client_address, action, target_type, target_id, outcome, details, prev_hash, hash "
             "FROM audit_log WHERE seq = 2;",
             "第"},
        Case{"reordered",
             "DROP TRIGGER audit_log_no_update; UPDATE audit_log SET seq = -seq WHERE seq IN (2, "
             "3); UPDATE audit_log SET seq = 3 WHERE seq = -2; UPDATE audit_log SET seq = 2 WHERE "
             "seq = -3;",
             "第"}}) {
    SCOPED_TRACE(c.name);
    const std::string copy = dir + "/tamper-" + std::string(c.name) + ".db";
    std::filesystem::copy_file(db, copy, std::filesystem::copy_options::overwrite_existing);
    auto edited = RunCommand("sqlite3 " + ShellQuote(copy) + " " + ShellQuote(c.sql) + " 2>&1");
    ASSERT_EQ(edited.exit_code, 0) << edited.output;
    auto result = verify(copy);
    EXPECT_EQ(result.exit_code, 3) << result.output;
    EXPECT_NE(result.output.find(c.expected_seq), std::string::npos) << result.output;
  }
  // Without dropping the trigger, the shell cannot change the log at all.
  auto refused = RunCommand("sqlite3 " + ShellQuote(db) +
                            " \"UPDATE audit_log SET actor = 'x' WHERE seq = 1\" 2>&1");
  EXPECT_NE(refused.output.find("append-only"), std::string::npos) << refused.output;
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace anjian::integration
