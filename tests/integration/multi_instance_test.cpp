// Two `anjian serve` processes on one PostgreSQL database behave as one system (issue #6): the
// demo street is seeded once, a session opened on one instance works on the other and a logout
// on either ends it everywhere, document numbers stay 1..N without gaps or duplicates under a
// submission load spread over both, a submission retried on both at once makes one record,
// optimistic concurrency holds across instances (one 200, one 409, the winner's change kept),
// overdue hazards are marked once however many instances run the job, the daily run is claimed
// once per day, and failed logins on either instance count towards one lockout.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <ctime>
#include <latch>
#include <map>
#include <memory>
#include <set>
#include <thread>

#include "integration/server_process.hpp"
#include "support/pg_test_db.hpp"

namespace anjian::integration {
namespace {

using nlohmann::json;
using test_support::PgQueryValue;
using Clock = std::chrono::steady_clock;

constexpr int kLoadThreads = 4;

// Every request of this test gives up after this long (status 0), so a hang fails the test.
std::string Limit() { return CurlMaxTime(60); }

// A SQL string literal.
std::string Sql(const std::string& text) {
  std::string out = "'";
  for (char c : text) out += c == '\'' ? std::string("''") : std::string(1, c);
  return out + "'";
}

int Serial(const std::string& number) {  // "（解）应急检记〔2026〕第12号" → 12
  const auto at = number.rfind("第");
  return at == std::string::npos ? -1 : std::atoi(number.c_str() + at + std::string("第").size());
}

std::string ErrorCodeOf(const HttpResult& r) {
  const json body = r.Json();
  if (!body.is_object() || !body.contains("error")) return "";
  return body["error"].value("code", "");
}

// Today in Beijing and the minutes since Beijing midnight (the daily job starts at 00:10).
std::pair<std::string, int> BeijingNow() {
  const std::time_t now = std::time(nullptr) + 8 * 3600;
  std::tm tm{};
  gmtime_r(&now, &tm);
  char day[16];
  std::strftime(day, sizeof day, "%Y-%m-%d", &tm);
  return {day, tm.tm_hour * 60 + tm.tm_min};
}

class MultiInstanceTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new std::string(MakeTempDir());
    const auto start = Clock::now();
    try {
      url_ = new std::string(test_support::PostgresDatabaseUrl(*dir_));
      // A seeds the demo street into the empty database; B, started on the seeded database with
      // the same flag, must leave it alone.
      a_ = new ServerProcess(*url_, ServeArgs());
      b_ = new ServerProcess(*url_, ServeArgs());
      admin_ = new std::string(a_->Login("admin"));
      inspector_ = new std::string(b_->Login("inspector"));
    } catch (const std::exception& e) {
      std::fprintf(stderr, "setting up two instances failed: %s\n", e.what());
    }
    std::printf("two instances up (demo seeded) in %.1f s\n",
                std::chrono::duration<double>(Clock::now() - start).count());
  }
  static void TearDownTestSuite() {
    delete a_;
    delete b_;
    a_ = b_ = nullptr;
    if (url_) test_support::DropPostgresDatabase(*dir_);
    std::filesystem::remove_all(*dir_);
    delete url_;
    delete dir_;
    delete admin_;
    delete inspector_;
  }
  void SetUp() override {
    ASSERT_NE(a_, nullptr) << "instance A did not start";
    ASSERT_NE(b_, nullptr) << "instance B did not start";
    ASSERT_TRUE(admin_ && !admin_->empty()) << "admin cannot log in on A";
    ASSERT_TRUE(inspector_ && !inspector_->empty()) << "inspector cannot log in on B";
  }

  // Both instances share the database and the photo directory, as two hosts would share a
  // network file system.
  static std::vector<std::string> ServeArgs() {
    return {"--demo", "--threads", "4", "--files", *dir_ + "/files"};
  }
  static ServerProcess& A() { return *a_; }
  static ServerProcess& B() { return *b_; }
  // Instance A for even i, B for odd i.
  static ServerProcess& On(std::size_t i) { return i % 2 == 0 ? *a_ : *b_; }
  static const std::string& admin() { return *admin_; }
  static const std::string& inspector() { return *inspector_; }
  static std::string Db(const std::string& sql) { return PgQueryValue(*url_, sql); }

  static HttpResult Submit(ServerProcess& server, std::int64_t task_id, const std::string& key,
                           const std::string& body) {
    return server.Request("POST", "/api/v1/tasks/" + std::to_string(task_id) + "/records",
                          inspector(), body, CurlHeader("Idempotency-Key: " + key) + " " + Limit());
  }

  // Stops both instances and starts them again at the same moment (the daily job's claim runs at
  // start-up, so the two claims race).
  static void RestartBothAtOnce() {
    delete a_;
    delete b_;
    a_ = new ServerProcess(*url_, ServeArgs(), ServerProcess::Startup::kLater);
    b_ = new ServerProcess(*url_, ServeArgs(), ServerProcess::Startup::kLater);
    for (ServerProcess** server : {&a_, &b_}) {
      try {
        (*server)->AwaitStart();
      } catch (const std::exception& e) {
        std::fprintf(stderr, "restart failed: %s\n", e.what());
        delete *server;
        *server = nullptr;
      }
    }
  }

  static std::string* dir_;
  static std::string* url_;
  static ServerProcess* a_;
  static ServerProcess* b_;
  static std::string* admin_;
  static std::string* inspector_;
};
std::string* MultiInstanceTest::dir_ = nullptr;
std::string* MultiInstanceTest::url_ = nullptr;
ServerProcess* MultiInstanceTest::a_ = nullptr;
ServerProcess* MultiInstanceTest::b_ = nullptr;
std::string* MultiInstanceTest::admin_ = nullptr;
std::string* MultiInstanceTest::inspector_ = nullptr;

TEST_F(MultiInstanceTest, TheDemoStreetIsSeededOnceAndBothInstancesServeIt) {
  EXPECT_NE(A().startup_output().find("演示数据："), std::string::npos) << A().startup_output();
  EXPECT_NE(B().startup_output().find("跳过演示数据"), std::string::npos) << B().startup_output();
  EXPECT_EQ(Db("SELECT count(*) FROM units"), "2370");
  EXPECT_EQ(Db("SELECT count(*) FROM users"), "10");
  for (ServerProcess* server : {a_, b_}) {
    auto health = server->Request("GET", "/api/v1/health");
    EXPECT_EQ(health.Json()["store"], "postgresql") << health.body;
    auto units = server->Request("GET", "/api/v1/units?page_size=1", admin(), "", Limit());
    ASSERT_EQ(units.status, 200) << units.body;
    EXPECT_EQ(units.Json()["total"], 2370);
  }
}

TEST_F(MultiInstanceTest, ASessionOpenedOnOneInstanceWorksOnTheOtherUntilLoggedOutAnywhere) {
  const std::string token = A().Login("leader");
  ASSERT_FALSE(token.empty());
  auto me = B().Request("GET", "/api/v1/auth/me", token);
  ASSERT_EQ(me.status, 200) << "a token from A is unknown to B: " << me.body;
  EXPECT_EQ(me.Json()["username"], "leader") << me.body;
  auto logout = B().Request("POST", "/api/v1/auth/logout", token);
  EXPECT_TRUE(logout.status == 200 || logout.status == 204) << logout.status << " " << logout.body;
  for (ServerProcess* server : {a_, b_}) {
    auto after = server->Request("GET", "/api/v1/auth/me", token);
    EXPECT_EQ(after.status, 401) << "logged out on B, still valid on port " << server->port()
                                 << ": " << after.body;
    EXPECT_EQ(ErrorCodeOf(after), "unauthenticated");
  }
}

TEST_F(MultiInstanceTest, DocumentNumbersStayContiguousUnderASubmissionLoadOnBothInstances) {
  constexpr std::size_t kSubmissions = 40;
  const InspectionKit kit = PrepareInspectionKit(A(), inspector(), *dir_);
  const auto tasks = CreateAdHocTasks(A(), admin(), inspector(), kit,
                                      "page=1&page_size=100&level=level3", kSubmissions);
  ASSERT_EQ(tasks.size(), kSubmissions);

  struct Submission {
    std::int64_t task_id = 0;
    std::string key;
    std::string body;
    HttpResult answer;
  };
  std::vector<Submission> submissions(kSubmissions);
  for (std::size_t i = 0; i < kSubmissions; ++i) {
    submissions[i].task_id = tasks[i];
    submissions[i].key = "load-submission-" + std::to_string(tasks[i]);
    submissions[i].body = KitRecordBody(A(), kit, tasks[i], 1000 + static_cast<std::uint32_t>(i));
  }
  const auto start = Clock::now();
  std::atomic<std::size_t> next{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kLoadThreads; ++t) {
    threads.emplace_back([&] {
      for (std::size_t i = next++; i < kSubmissions; i = next++) {
        auto& s = submissions[i];
        s.answer = Submit(On(i), s.task_id, s.key, s.body);
      }
    });
  }
  for (auto& t : threads) t.join();
  std::printf("%zu submissions over A and B from %d threads in %.1f s\n", kSubmissions,
              kLoadThreads, std::chrono::duration<double>(Clock::now() - start).count());

  // Every answer is a created record; each is there, whole, seen from the other instance.
  std::set<std::int64_t> record_ids;
  std::set<std::string> numbers;
  for (std::size_t i = 0; i < kSubmissions; ++i) {
    const auto& s = submissions[i];
    ASSERT_EQ(s.answer.status, 201) << "task " << s.task_id << ": " << s.answer.body;
    const json answer = s.answer.Json();
    const auto record_id = answer["record"]["id"].get<std::int64_t>();
    record_ids.insert(record_id);
    for (const auto& d : answer["documents"]) numbers.insert(d["number"].get<std::string>());
    auto record = On(i + 1).Request("GET", "/api/v1/records/" + std::to_string(record_id),
                                    inspector(), "", Limit());
    ASSERT_EQ(record.status, 200) << "acknowledged record " << record_id
                                  << " missing: " << record.body;
    EXPECT_EQ(record.Json()["task_id"], s.task_id);
    EXPECT_EQ(record.Json()["documents"].size(), 2u) << "record " << record_id;
  }
  EXPECT_EQ(record_ids.size(), kSubmissions);
  EXPECT_EQ(numbers.size(), 2 * kSubmissions) << "a document number was handed out twice";

  // Through the API: per type, serials 1..total (this database's only documents are this
  // suite's, and every one of them must keep the sequence whole).
  for (const char* type : {"inspection_record", "rectification_order"}) {
    auto page = B().Request("GET", std::string("/api/v1/documents?type=") + type + "&page_size=200",
                            admin(), "", Limit());
    ASSERT_EQ(page.status, 200) << page.body;
    const json listed = page.Json();
    std::multiset<int> serials;
    for (const auto& d : listed["items"]) serials.insert(Serial(d["number"]));
    EXPECT_GE(serials.size(), kSubmissions) << type;
    EXPECT_EQ(static_cast<int>(serials.size()), listed["total"].get<int>()) << type;
    int expected = 1;
    for (int serial : serials) EXPECT_EQ(serial, expected++) << type;
  }
  // In the database: per (issuer, type, year) the serials are exactly 1..n, and the counter
  // stands at n.
  const std::string groups =
      "SELECT doc_type, count(*) AS n, count(DISTINCT serial) AS distinct_serials, "
      "min(serial) AS low, max(serial) AS high FROM documents GROUP BY issuer_path, doc_type, year";
  EXPECT_EQ(Db("SELECT count(*) FROM (" + groups +
               ") g WHERE NOT (n = distinct_serials AND low = 1 AND high = n)"),
            "0")
      << Db("SELECT string_agg(doc_type || ' ' || n || ' documents, ' || distinct_serials || "
            "' serials ' || low || '..' || high, '; ') FROM (" +
            groups + ") g");
  EXPECT_EQ(Db("SELECT count(*) FROM document_counters c WHERE c.last_serial <> "
               "(SELECT count(*) FROM documents d WHERE d.issuer_path = c.scope_path "
               "AND d.doc_type = c.doc_type AND d.year = c.year)"),
            "0");
  EXPECT_EQ(Db("SELECT count(*) FROM documents"),
            Db("SELECT 2 * count(*) FROM inspection_records"));
}

TEST_F(MultiInstanceTest, ASubmissionSentToBothInstancesAtOnceMakesOneRecord) {
  const InspectionKit kit = PrepareInspectionKit(A(), inspector(), *dir_);
  const auto tasks =
      CreateAdHocTasks(A(), admin(), inspector(), kit, "page=2&page_size=100&level=level3", 8);
  ASSERT_EQ(tasks.size(), 8u);
  const auto both_at_once = [&](std::int64_t task_id, const std::string& key_a,
                                const std::string& key_b, const std::string& body) {
    std::pair<HttpResult, HttpResult> answers;
    std::latch go(2);
    std::thread on_b([&] {
      go.arrive_and_wait();
      answers.second = Submit(B(), task_id, key_b, body);
    });
    go.arrive_and_wait();
    answers.first = Submit(A(), task_id, key_a, body);
    on_b.join();
    return answers;
  };

  // The same key and body on both: the instance that comes second waits for the first one's
  // commit and answers with the stored answer, so both say 201 with the same record.
  for (std::size_t i = 0; i < 5; ++i) {
    const std::string key = "both-instances-" + std::to_string(tasks[i]);
    const auto [on_a, on_b] =
        both_at_once(tasks[i], key, key,
                     KitRecordBody(A(), kit, tasks[i], 2000 + static_cast<std::uint32_t>(i)));
    ASSERT_EQ(on_a.status, 201) << on_a.body;
    ASSERT_EQ(on_b.status, 201) << on_b.body;
    EXPECT_EQ(on_a.Json(), on_b.Json()) << "the replay differs from the original answer";
    EXPECT_EQ(on_a.Json()["record"]["id"], on_b.Json()["record"]["id"]);
    const std::string task = std::to_string(tasks[i]);
    EXPECT_EQ(Db("SELECT count(*) FROM inspection_records WHERE task_id = " + task), "1")
        << "task " << task;
    EXPECT_EQ(Db("SELECT count(*) FROM idempotency_keys WHERE key = " + Sql(key)), "1");
    EXPECT_EQ(Db("SELECT count(*) FROM documents d JOIN inspection_records r "
                 "ON r.id = d.record_id WHERE r.task_id = " +
                 task),
              "2");
  }
  // Two different submissions of one task at once: one record, the other refused with 409.
  for (std::size_t i = 5; i < tasks.size(); ++i) {
    const std::string task = std::to_string(tasks[i]);
    const auto [on_a, on_b] =
        both_at_once(tasks[i], "rival-a-" + task, "rival-b-" + task,
                     KitRecordBody(A(), kit, tasks[i], 2100 + static_cast<std::uint32_t>(i)));
    std::vector<int> statuses = {on_a.status, on_b.status};
    std::sort(statuses.begin(), statuses.end());
    EXPECT_EQ(statuses, (std::vector<int>{201, 409})) << on_a.body << "\n" << on_b.body;
    const HttpResult& refused = on_a.status == 409 ? on_a : on_b;
    EXPECT_EQ(ErrorCodeOf(refused), "conflict") << refused.body;
    EXPECT_EQ(Db("SELECT count(*) FROM inspection_records WHERE task_id = " + task), "1")
        << "task " << task;
  }
}

TEST_F(MultiInstanceTest, ConcurrentUpdatesOnTwoInstancesLoseNoUpdate) {
  constexpr std::size_t kRounds = 20;
  const std::string page_path = "/api/v1/units?page=3&page_size=20&level=level3";
  auto page = A().Request("GET", page_path, admin(), "", Limit());
  ASSERT_EQ(page.status, 200) << page.body;
  const json units = page.Json()["items"];
  ASSERT_EQ(units.size(), kRounds);
  ASSERT_EQ(B().Request("GET", page_path, admin(), "", Limit()).status, 200);  // cached on both now

  std::map<std::int64_t, std::string> final_address;
  int a_won = 0;
  for (std::size_t i = 0; i < kRounds; ++i) {
    const auto id = units[i]["id"].get<std::int64_t>();
    const std::string path = "/api/v1/units/" + std::to_string(id);
    auto read = On(i).Request("GET", path, admin(), "", Limit());
    ASSERT_EQ(read.status, 200) << read.body;
    const int version = read.Json()["version"];
    const std::string address_a = "甲路" + std::to_string(i) + "号";
    const std::string address_b = "乙路" + std::to_string(i) + "号";
    HttpResult on_a, on_b;
    std::latch go(2);
    std::thread b_thread([&] {
      go.arrive_and_wait();
      on_b = B().Request("PUT", path, admin(),
                         json{{"version", version}, {"address", address_b}}.dump(), Limit());
    });
    go.arrive_and_wait();
    on_a = A().Request("PUT", path, admin(),
                       json{{"version", version}, {"address", address_a}}.dump(), Limit());
    b_thread.join();

    std::vector<int> statuses = {on_a.status, on_b.status};
    std::sort(statuses.begin(), statuses.end());
    ASSERT_EQ(statuses, (std::vector<int>{200, 409})) << "round " << i << ":\n"
                                                      << on_a.body << "\n"
                                                      << on_b.body;
    const bool a_wins = on_a.status == 200;
    a_won += a_wins ? 1 : 0;
    const HttpResult& winner = a_wins ? on_a : on_b;
    const HttpResult& loser = a_wins ? on_b : on_a;
    const std::string& address = a_wins ? address_a : address_b;
    EXPECT_EQ(ErrorCodeOf(loser), "conflict") << loser.body;
    EXPECT_EQ(winner.Json()["version"], version + 1);
    EXPECT_EQ(winner.Json()["address"], address);
    for (ServerProcess* server : {a_, b_}) {
      auto after = server->Request("GET", path, admin(), "", Limit()).Json();
      EXPECT_EQ(after["address"], address) << "round " << i << " on port " << server->port();
      EXPECT_EQ(after["version"], version + 1) << "round " << i;
    }
    EXPECT_EQ(Db("SELECT address || '|' || version FROM units WHERE id = " + std::to_string(id)),
              address + "|" + std::to_string(version + 1));
    auto history = B().Request("GET", path + "/history", admin(), "", Limit()).Json();
    int entries = 0;
    for (const auto& h : history["items"]) entries += h["version"] == version + 1 ? 1 : 0;
    EXPECT_EQ(entries, 1) << "history of unit " << id << ": " << history.dump().substr(0, 400);
    final_address[id] = address;
  }
  std::printf("%zu rounds of concurrent PUTs: A won %d, B won %zu\n", kRounds, a_won,
              kRounds - a_won);
  // Each instance's cached list page shows the other's writes.
  for (ServerProcess* server : {a_, b_}) {
    auto listed = server->Request("GET", page_path, admin(), "", Limit());
    ASSERT_EQ(listed.status, 200);
    const json items = listed.Json()["items"];
    for (const auto& unit : items) {
      EXPECT_EQ(unit["address"], final_address[unit["id"].get<std::int64_t>()])
          << "stale list page on port " << server->port();
    }
  }
}

TEST_F(MultiInstanceTest, OverdueHazardsAreMarkedOnceAndTheDailyRunIsClaimedOnce) {
  const auto [today, minute] = BeijingNow();
  const auto unit_id = A().Request("GET", "/api/v1/units?page=4&page_size=1&level=level3", admin())
                           .Json()["items"][0]["id"]
                           .get<std::int64_t>();
  // `general` + `major` hazards described as `tag`, under a rectification order whose deadline
  // has passed: one of each through the API, the rest copies made in the database (so that a run
  // has enough to do for two runs to overlap), and the deadlines moved into the past there too
  // (the API only accepts future ones).
  const auto overdue_hazards = [&](const std::string& tag, int general, int major) {
    for (const bool is_major : {false, true}) {
      auto created = A().Request("POST", "/api/v1/hazards", inspector(),
                                 json{{"unit_id", unit_id},
                                      {"grade", is_major ? "major" : "general"},
                                      {"description", tag},
                                      {"legal_basis", "《安全生产法》第四十二条"}}
                                     .dump());
      ASSERT_EQ(created.status, 201) << created.body;
      const json hazard = created.Json();
      const std::string id = std::to_string(hazard["id"].get<std::int64_t>());
      auto ordered = B().Request(
          "POST", "/api/v1/hazards/" + id + "/transitions", inspector(),
          json{
              {"action", "issue_order"}, {"deadline", "2099-01-01"}, {"version", hazard["version"]}}
              .dump());
      ASSERT_EQ(ordered.status, 200) << ordered.body;
      Db("INSERT INTO hazards(unit_id, region_path, grade, state, description, legal_basis, "
         "found_on, deadline, created_by, created_at, updated_at, version) "
         "SELECT unit_id, region_path, grade, state, description, legal_basis, found_on, deadline, "
         "created_by, created_at, updated_at, version FROM hazards, generate_series(2, " +
         std::to_string(is_major ? major : general) + ") WHERE id = " + id);
    }
    Db("UPDATE hazards SET deadline = '2020-01-01' WHERE description = " + Sql(tag));
  };
  const auto count = [&](const std::string& tag, const std::string& condition) {
    return Db("SELECT count(*) FROM hazards h WHERE description = " + Sql(tag) + " AND " +
              condition);
  };
  const auto escalations = [&](const std::string& tag) {
    return Db(
        "SELECT count(*) FROM hazard_transitions t JOIN hazards h ON h.id = t.hazard_id "
        "WHERE t.action = 'escalate' AND h.description = " +
        Sql(tag));
  };

  // The manual run on both instances at once: each overdue hazard is marked by one of them, and a
  // major one escalated once (one timeline entry, not two).
  const std::string manual = "逾期测试：两个实例同时手动运行";
  overdue_hazards(manual, 60, 60);
  ASSERT_EQ(count(manual, "state = 'rectifying' AND overdue_since = ''"), "120");
  EXPECT_EQ(B().Request("POST", "/api/v1/jobs/overdue", inspector()).status, 403);
  HttpResult on_a, on_b;
  double a_ms = 0, b_ms = 0;  // when each answer came, after both were let go
  {
    std::latch go(2);
    Clock::time_point start;
    const auto elapsed_ms = [&] {
      return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
    };
    std::thread b_thread([&] {
      go.arrive_and_wait();
      on_b = B().Request("POST", "/api/v1/jobs/overdue", admin(), "", Limit());
      b_ms = elapsed_ms();
    });
    start = Clock::now();
    go.arrive_and_wait();
    on_a = A().Request("POST", "/api/v1/jobs/overdue", admin(), "", Limit());
    a_ms = elapsed_ms();
    b_thread.join();
  }
  ASSERT_EQ(on_a.status, 200) << on_a.body;
  ASSERT_EQ(on_b.status, 200) << on_b.body;
  std::printf("manual runs at once: A %s after %.0f ms, B %s after %.0f ms\n", on_a.body.c_str(),
              a_ms, on_b.body.c_str(), b_ms);
  EXPECT_EQ(on_a.Json()["marked"].get<int>() + on_b.Json()["marked"].get<int>(), 120)
      << "A: " << on_a.body << " B: " << on_b.body;
  EXPECT_EQ(on_a.Json()["escalated"].get<int>() + on_b.Json()["escalated"].get<int>(), 60)
      << "A: " << on_a.body << " B: " << on_b.body;
  EXPECT_EQ(escalations(manual), "60") << "major hazards escalated twice";
  EXPECT_EQ(count(manual, "overdue_since = " + Sql(today)), "120");
  EXPECT_EQ(count(manual, "escalated <> CASE WHEN grade = 'major' THEN 1 ELSE 0 END"), "0");
  const std::string first_major =
      Db("SELECT min(id) FROM hazards WHERE grade = 'major' AND description = " + Sql(manual));
  auto hazard = A().Request("GET", "/api/v1/hazards/" + first_major, admin()).Json();
  EXPECT_EQ(hazard["overdue_since"], today);
  EXPECT_EQ(hazard["escalated"], true);
  int escalate_entries = 0;
  for (const auto& entry : hazard["timeline"])
    escalate_entries += entry["action"] == "escalate" ? 1 : 0;
  EXPECT_EQ(escalate_entries, 1) << hazard["timeline"].dump();
  // Run again: nothing left to mark.
  auto again = B().Request("POST", "/api/v1/jobs/overdue", admin(), "", Limit());
  ASSERT_EQ(again.status, 200) << again.body;
  EXPECT_EQ(again.Json()["marked"], 0) << again.body;
  EXPECT_EQ(escalations(manual), "60");

  // The daily run: both instances offer it at start-up; the first claims today's run (one
  // job_runs row) and marks, the other gives way.
  const std::string daily = "逾期测试：两个实例同时启动";
  overdue_hazards(daily, 1, 1);
  const std::string today_run = "job_runs WHERE job = 'hazard_overdue' AND day = " + Sql(today);
  Db("DELETE FROM " + today_run);
  RestartBothAtOnce();
  ASSERT_NE(a_, nullptr);
  ASSERT_NE(b_, nullptr);
  if (minute < 10 || minute >= 24 * 60 - 1) {
    std::printf(
        "Beijing time is %02d:%02d: the daily run does not start before 00:10; not checked\n",
        minute / 60, minute % 60);
    return;
  }
  const auto deadline = Clock::now() + std::chrono::seconds(30);
  while (Db("SELECT count(*) FROM " + today_run + " AND finished_at > 0") != "1" &&
         Clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  // By now the other instance's claim has run too.
  std::this_thread::sleep_for(std::chrono::seconds(2));
  EXPECT_EQ(Db("SELECT count(*) FROM " + today_run), "1");
  const json result = json::parse(Db("SELECT result FROM " + today_run), nullptr, false);
  EXPECT_EQ(result.value("marked", -1), 2) << result.dump();
  EXPECT_EQ(result.value("escalated", -1), 1) << result.dump();
  EXPECT_EQ(escalations(daily), "1");
  EXPECT_EQ(count(daily, "overdue_since = " + Sql(today)), "2");
}

// The lockout counter lives in the database: five wrong passwords, some on A and some on B,
// lock the account on both.
TEST_F(MultiInstanceTest, FailedLoginsOnEitherInstanceLockTheAccountOnBoth) {
  const std::string wrong = json{{"username", "viewer"}, {"password", "wrong-password"}}.dump();
  for (std::size_t attempt = 0; attempt < 5; ++attempt) {
    auto r = On(attempt).Request("POST", "/api/v1/auth/login", "", wrong, Limit());
    EXPECT_EQ(r.status, 401) << "attempt " << attempt + 1 << ": " << r.body;
  }
  for (ServerProcess* server : {b_, a_}) {
    auto right =
        server->Request("POST", "/api/v1/auth/login", "",
                        json{{"username", "viewer"}, {"password", "Anjian@2024"}}.dump(), Limit());
    EXPECT_EQ(right.status, 429) << "3 failures on A and 2 on B did not lock the account on port "
                                 << server->port() << ": " << right.body;
    EXPECT_EQ(ErrorCodeOf(right), "resource_exhausted") << right.body;
  }
}

}  // namespace
}  // namespace anjian::integration
