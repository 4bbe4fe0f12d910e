// PostgreSQL restarted under a write load (issue #6): while the database is away the server
// answers 503 with {"error":{"code":"unavailable"}} (never 500, never a hang), the same server
// process answers again within seconds of the database's return, and every acknowledged write is
// there afterwards with its content. Restarting the ctest cluster would break the tests running
// beside this one, so this test runs its own cluster (scripts/pg-test-cluster in its temp dir).
// Also: a database that cannot be reached or a malformed URL stop `anjian serve` with one Chinese
// line on stderr.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <fstream>
#include <map>
#include <mutex>
#include <set>
#include <sstream>
#include <thread>

#include "integration/server_process.hpp"
#include "support/credit_code_oracle.hpp"
#include "support/pg_test_db.hpp"

namespace anjian::integration {
namespace {

using nlohmann::json;
using test_support::PgQueryValue;
using Clock = std::chrono::steady_clock;

constexpr const char* kPgBin = "/usr/lib/postgresql/15/bin";
constexpr int kRequestSeconds = 20;  // curl --max-time: more than the store's 10 s pool wait
constexpr double kRecoverySeconds = 5;

std::string ReadText(const std::string& path) {
  std::ifstream file(path);
  std::stringstream text;
  text << file.rdbuf();
  std::string out = text.str();
  while (!out.empty() && (out.back() == '\n' || out.back() == ' ')) out.pop_back();
  return out;
}

std::string ErrorCodeOf(const HttpResult& r) {
  const json body = r.Json();
  if (!body.is_object() || !body.contains("error") || !body["error"].is_object()) return "";
  return body["error"].value("code", "");
}

// A PostgreSQL cluster of this test alone, made and removed by scripts/pg-test-cluster (also when
// the test fails: the destructor stops it).
class PrivateCluster {
 public:
  explicit PrivateCluster(const std::string& state_dir) : state_(state_dir) {
    auto started =
        RunCommand("bash " + ShellQuote(Script()) + " start " + ShellQuote(state_) + " 2>&1");
    if (started.exit_code != 0) {
      Stop();
      throw std::runtime_error("pg-test-cluster start failed: " + started.output);
    }
    url_ = ReadText(state_ + "/url");
    dir_ = ReadText(state_ + "/dir");
  }
  ~PrivateCluster() { Stop(); }
  PrivateCluster(const PrivateCluster&) = delete;
  PrivateCluster& operator=(const PrivateCluster&) = delete;

  const std::string& url() const { return url_; }

  // pg_ctl ACTION -w on this cluster, as its owner: initdb and postgres refuse to run as root, so
  // the script runs the cluster as `postgres` then (and from its own directory, which that user
  // can enter).
  CommandResult PgCtl(const std::string& action_and_options) const {
    std::string command = std::string(kPgBin) + "/pg_ctl " + action_and_options + " -D " +
                          ShellQuote(dir_ + "/data") + " -w -t 60 -s";
    if (geteuid() == 0) command = "runuser -u postgres -- " + command;
    return RunCommand("cd " + ShellQuote(dir_) + " && " + command + " 2>&1");
  }
  std::string ServerLog() const { return ReadText(dir_ + "/server.log"); }

 private:
  static std::string Script() {
    return std::string(ANJIAN_SOURCE_DIR) + "/scripts/pg-test-cluster";
  }
  void Stop() {
    RunCommand("bash " + ShellQuote(Script()) + " stop " + ShellQuote(state_) +
               " > /dev/null 2>&1");
  }

  std::string state_;
  std::string url_;
  std::string dir_;
};

// One request of the load and what came back.
struct Outcome {
  double sent = 0;  // seconds since the load started
  double answered = 0;
  HttpResult answer;
};

enum class Kind { kUpdate, kCreate, kSubmit };
const char* Name(Kind kind) {
  switch (kind) {
    case Kind::kUpdate:
      return "PUT /units/{id}";
    case Kind::kCreate:
      return "POST /units";
    case Kind::kSubmit:
      return "POST /tasks/{id}/records";
  }
  return "";
}

struct LoadRequest {
  Kind kind = Kind::kUpdate;
  int worker = 0;
  std::int64_t target = 0;  // unit id (update) or task id (submission)
  std::string expected;     // the address written, the credit code created, the idempotency key
  std::string body;
  Outcome outcome;
};

class PostgresFaultTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = MakeTempDir();
    const auto start = Clock::now();
    cluster_ = std::make_unique<PrivateCluster>(dir_ + "/pg-state");
    server_ = std::make_unique<ServerProcess>(
        cluster_->url(),
        std::vector<std::string>{"--demo", "--threads", "4", "--files", dir_ + "/files"});
    admin_ = server_->Login("admin");
    inspector_ = server_->Login("inspector");
    std::printf("private cluster and demo street ready in %.1f s\n",
                std::chrono::duration<double>(Clock::now() - start).count());
  }
  void TearDown() override {
    server_.reset();
    cluster_.reset();
    std::filesystem::remove_all(dir_);
  }
  double Since(Clock::time_point start) const {
    return std::chrono::duration<double>(Clock::now() - start).count();
  }
  HttpResult Send(const std::string& method, const std::string& path, const std::string& body = "",
                  const std::string& extra = "", const std::string& token = "") const {
    return server_->Request(method, path, token.empty() ? admin_ : token, body,
                            CurlMaxTime(kRequestSeconds) + (extra.empty() ? "" : " " + extra));
  }
  // Seconds until an authenticated read (which needs the database) answers 200; -1 when it does
  // not within `limit` seconds.
  double SecondsUntilAnswering(double limit) const {
    const auto start = Clock::now();
    while (Since(start) < limit) {
      if (Send("GET", "/api/v1/auth/me").status == 200) return Since(start);
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return -1;
  }

  std::string dir_;
  std::unique_ptr<PrivateCluster> cluster_;
  std::unique_ptr<ServerProcess> server_;
  std::string admin_;
  std::string inspector_;
};

TEST_F(PostgresFaultTest, RestartsUnderAWriteLoadGive503ThenRecoverWithEveryAcknowledgedWrite) {
  ASSERT_FALSE(admin_.empty());
  ASSERT_FALSE(inspector_.empty());
  const pid_t pid = server_->pid();
  const auto tasks_start = Clock::now();
  const InspectionKit kit = PrepareInspectionKit(*server_, inspector_, dir_);
  const auto tasks =
      CreateAdHocTasks(*server_, admin_, inspector_, kit, "page=1&page_size=100&level=level3", 40);
  ASSERT_EQ(tasks.size(), 40u);
  // The partner's signatures are given before the load (they are writes too, and this test is
  // about the submissions).
  std::vector<std::string> bodies;
  for (std::size_t i = 0; i < tasks.size(); ++i) {
    bodies.push_back(KitRecordBody(*server_, kit, tasks[i], 500 + static_cast<std::uint32_t>(i)));
  }
  std::printf("40 tasks made in %.1f s\n", Since(tasks_start));
  const json listed = Send("GET", "/api/v1/units?page=5&page_size=2&level=level3").Json();
  ASSERT_EQ(listed.at("items").size(), 2u);
  const json community = listed["items"][0]["community_id"];

  // The load: two workers update a unit each (PUT with the version last read), one creates units,
  // one submits signed records with Idempotency-Keys; every request is kept with its answer.
  std::atomic<bool> stop{false};
  std::mutex mutex;
  std::vector<LoadRequest> done;
  const auto load_start = Clock::now();
  const auto send = [&](LoadRequest request, const std::string& method, const std::string& path,
                        const std::string& extra = "", const std::string& token = "") {
    request.outcome.sent = Since(load_start);
    request.outcome.answer = Send(method, path, request.body, extra, token);
    request.outcome.answered = Since(load_start);
    std::lock_guard lock(mutex);
    done.push_back(request);
    return request.outcome.answer;
  };
  std::vector<std::thread> workers;
  for (int w = 0; w < 2; ++w) {
    workers.emplace_back([&, w] {
      const std::int64_t unit = listed["items"][static_cast<std::size_t>(w)]["id"];
      const std::string path = "/api/v1/units/" + std::to_string(unit);
      int version = listed["items"][static_cast<std::size_t>(w)]["version"];
      for (int i = 0; !stop; ++i) {
        LoadRequest r{Kind::kUpdate, w, unit,
                      "故障测试路" + std::to_string(w) + "-" + std::to_string(i) + "号"};
        r.body = json{{"version", version}, {"address", r.expected}}.dump();
        auto answer = send(r, "PUT", path);
        if (answer.status == 200) {
          version = answer.Json()["version"];
        } else if (answer.status == 409) {
          // An earlier PUT committed although its answer was lost: read the current version.
          auto current = Send("GET", path);
          if (current.status == 200) version = current.Json()["version"];
        } else {
          std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
      }
    });
  }
  workers.emplace_back([&] {
    for (std::uint64_t n = 1; !stop; ++n) {
      LoadRequest r{Kind::kCreate, 2, 0, test_support::ValidCreditCode(900000 + n)};
      r.body = json{{"credit_code", r.expected}, {"name", "故障测试单位" + std::to_string(n)},
                    {"community_id", community}, {"categories", {"商贸"}},
                    {"level", "三级"},           {"risk", "蓝"}}
                   .dump();
      if (send(r, "POST", "/api/v1/units").status != 201)
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
  });
  workers.emplace_back([&] {
    for (std::size_t i = 0; i < tasks.size() && !stop; ++i) {
      LoadRequest r{Kind::kSubmit, 3, tasks[i], "fault-submission-" + std::to_string(tasks[i])};
      r.body = bodies[i];
      send(r, "POST", "/api/v1/tasks/" + std::to_string(tasks[i]) + "/records",
           CurlHeader("Idempotency-Key: " + r.expected), inspector_);
      std::this_thread::sleep_for(std::chrono::milliseconds(150));
    }
  });

  // Three outages: pg_ctl restart -m fast, stop -m immediate with the database away for a while
  // (crash recovery on start), restart -m immediate.
  struct Outage {
    std::string how;
    double down_from = 0;  // the database is certainly away between these two moments
    double down_until = 0;
    double recovered_after = -1;
  };
  std::vector<Outage> outages;
  const auto run = [&](const std::string& action) {
    const auto start = Clock::now();
    auto result = cluster_->PgCtl(action);
    EXPECT_EQ(result.exit_code, 0) << "pg_ctl " << action << ": " << result.output;
    std::printf("  pg_ctl %s took %.2f s\n", action.c_str(), Since(start));
  };
  std::this_thread::sleep_for(std::chrono::seconds(2));
  {
    Outage o{"pg_ctl restart -m fast"};
    run("restart -m fast -l " + ShellQuote("server.log"));
    o.recovered_after = SecondsUntilAnswering(10);
    outages.push_back(o);
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));
  {
    Outage o{"pg_ctl stop -m immediate; 2.5 s; pg_ctl start"};
    run("stop -m immediate");
    o.down_from = Since(load_start);
    std::this_thread::sleep_for(std::chrono::milliseconds(2500));
    o.down_until = Since(load_start);
    run("start -l " + ShellQuote("server.log"));
    o.recovered_after = SecondsUntilAnswering(10);
    outages.push_back(o);
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));
  {
    Outage o{"pg_ctl restart -m immediate"};
    run("restart -m immediate -l " + ShellQuote("server.log"));
    o.recovered_after = SecondsUntilAnswering(10);
    outages.push_back(o);
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));
  stop = true;
  for (auto& t : workers) t.join();
  const double load_seconds = Since(load_start);

  // The same process recovered after each outage within seconds.
  EXPECT_TRUE(server_->Running()) << "the server process died";
  EXPECT_EQ(server_->pid(), pid);
  for (const auto& o : outages) {
    EXPECT_GE(o.recovered_after, 0) << o.how << ": no 200 within 10 s";
    EXPECT_LE(o.recovered_after, kRecoverySeconds) << o.how;
  }

  // Every answer is the write's success, 503 unavailable, or (for a PUT after a lost answer) a
  // 409 conflict; never 500, never no answer.
  std::map<std::string, int> tally;
  int unavailable = 0;
  int while_down = 0;
  double slowest_503 = 0;
  std::map<int, bool> lost_since_ack;  // per PUT worker: a non-2xx answer since the last 200
  std::sort(done.begin(), done.end(), [](const LoadRequest& x, const LoadRequest& y) {
    return x.outcome.sent < y.outcome.sent;
  });
  for (const auto& r : done) {
    const auto& answer = r.outcome.answer;
    ++tally[std::string(Name(r.kind)) + " " + std::to_string(answer.status)];
    const bool ok = answer.status == 200 || answer.status == 201;
    if (answer.status == 503) {
      ++unavailable;
      slowest_503 = std::max(slowest_503, r.outcome.answered - r.outcome.sent);
      EXPECT_EQ(ErrorCodeOf(answer), "unavailable") << answer.body;
      EXPECT_FALSE(answer.Json()["error"].value("message", "").empty()) << answer.body;
    } else if (answer.status == 409 && r.kind == Kind::kUpdate) {
      EXPECT_TRUE(lost_since_ack[r.worker])
          << "a 409 without an earlier lost answer is a lost update: " << answer.body;
      EXPECT_EQ(ErrorCodeOf(answer), "conflict") << answer.body;
    } else {
      EXPECT_TRUE(ok) << Name(r.kind) << " at " << r.outcome.sent << " s: " << answer.status << " "
                      << answer.body;
    }
    if (r.kind == Kind::kUpdate)
      lost_since_ack[r.worker] =
          answer.status == 200 ? false : lost_since_ack[r.worker] || answer.status != 409;
    for (const auto& o : outages) {
      if (o.down_until > 0 && r.outcome.sent >= o.down_from && r.outcome.answered <= o.down_until) {
        ++while_down;
        EXPECT_EQ(answer.status, 503) << "answered while the database was stopped: " << answer.body;
      }
    }
  }
  std::string summary;
  for (const auto& [what, count] : tally)
    summary += "  " + what + ": " + std::to_string(count) + "\n";
  std::printf("load of %.1f s, %zu requests:\n%s", load_seconds, done.size(), summary.c_str());
  for (const auto& o : outages)
    std::printf("  %s: 200 again %.2f s after pg_ctl returned\n", o.how.c_str(), o.recovered_after);
  std::printf("  slowest 503: %.2f s; %d requests entirely while stopped\n", slowest_503,
              while_down);
  EXPECT_GT(unavailable, 0) << "no request met the outages";
  EXPECT_GT(while_down, 0) << "no request was sent and answered while the database was stopped";

  // Every acknowledged write is there with its content: an update as the version it answered
  // in the unit's history, a created unit with its code and name, a record with its documents.
  const auto verify_start = Clock::now();
  std::map<std::int64_t, std::pair<int, std::string>>
      last_update;  // unit → last acknowledged version, address
  std::map<std::int64_t, json> histories;
  std::set<std::int64_t> record_ids;
  std::string created_units;  // SQL VALUES rows (id, credit code, name)
  int acknowledged = 0;
  int created = 0;
  for (const auto& r : done) {
    const auto& answer = r.outcome.answer;
    if (answer.status != 200 && answer.status != 201) continue;
    ++acknowledged;
    const json body = answer.Json();
    if (r.kind == Kind::kUpdate) {
      const int version = body["version"];
      auto& history = histories[r.target];
      if (history.is_null()) {
        // The unit's whole history from the database: the API answers the newest 200 entries,
        // and a busy run writes more than that per unit.
        history = json::array();
        std::istringstream lines(PgQueryValue(
            cluster_->url(),
            "SELECT string_agg(version || E'\\t' || (snapshot::json->>'address'), E'\\n') "
            "FROM history WHERE entity = 'unit' AND entity_id = " +
                std::to_string(r.target)));
        for (std::string line; std::getline(lines, line);) {
          const auto tab = line.find('\t');
          if (tab == std::string::npos) continue;
          history.push_back(
              {{"version", std::stoi(line.substr(0, tab))}, {"address", line.substr(tab + 1)}});
        }
      }
      bool found = false;
      for (const auto& h : history) {
        found = found || (h["version"] == version && h["address"] == r.expected);
      }
      EXPECT_TRUE(found) << "acknowledged update of unit " << r.target << " to version " << version
                         << " (" << r.expected << ") is not in its history";
      auto& last = last_update[r.target];
      if (version > last.first) last = {version, r.expected};
    } else if (r.kind == Kind::kCreate) {
      EXPECT_EQ(body["credit_code"], r.expected) << answer.body;
      created_units += std::string(created_units.empty() ? "" : ",") + "(" +
                       std::to_string(body["id"].get<std::int64_t>()) + ", '" + r.expected +
                       "', '" + body["name"].get<std::string>() + "')";
      ++created;
    } else {
      const auto record_id = body["record"]["id"].get<std::int64_t>();
      record_ids.insert(record_id);
      auto record = Send("GET", "/api/v1/records/" + std::to_string(record_id), "", "", inspector_);
      ASSERT_EQ(record.status, 200) << "acknowledged record " << record_id << " is lost";
      EXPECT_EQ(record.Json()["task_id"], r.target);
      EXPECT_EQ(record.Json()["documents"].size(), 2u);
    }
  }
  for (const auto& [unit, last] : last_update) {
    auto current = Send("GET", "/api/v1/units/" + std::to_string(unit)).Json();
    EXPECT_GE(current["version"].get<int>(), last.first) << "unit " << unit;
    if (current["version"] == last.first) {
      EXPECT_EQ(current["address"], last.second) << "unit " << unit;
    }
  }
  const std::string url = cluster_->url();
  ASSERT_GT(created, 0);
  EXPECT_EQ(
      PgQueryValue(
          url,
          "SELECT count(*) FROM (VALUES " + created_units +
              ") AS acknowledged(id, credit_code, name) JOIN units u ON u.id = acknowledged.id AND "
              "u.credit_code = acknowledged.credit_code AND u.name = acknowledged.name"),
      std::to_string(created))
      << "an acknowledged unit is missing or differs";
  // A submission whose answer was lost is answered once when re-sent with its key: the stored
  // answer if it had committed, a new record otherwise.
  int committed_unanswered = 0;
  for (const auto& r : done) {
    if (r.kind != Kind::kSubmit || r.outcome.answer.status == 201) continue;
    const std::string path = "/api/v1/tasks/" + std::to_string(r.target) + "/records";
    auto task = Send("GET", "/api/v1/tasks/" + std::to_string(r.target), "", "", inspector_).Json();
    committed_unanswered += task["status"] == "completed" ? 1 : 0;
    auto again =
        Send("POST", path, r.body, CurlHeader("Idempotency-Key: " + r.expected), inspector_);
    ASSERT_EQ(again.status, 201) << again.body;
    auto twice =
        Send("POST", path, r.body, CurlHeader("Idempotency-Key: " + r.expected), inspector_);
    EXPECT_EQ(twice.body, again.body);
    record_ids.insert(again.Json()["record"]["id"].get<std::int64_t>());
  }
  std::size_t submitted = 0;
  for (const auto& r : done) submitted += r.kind == Kind::kSubmit ? 1 : 0;
  EXPECT_EQ(record_ids.size(), submitted);
  EXPECT_EQ(PgQueryValue(url, "SELECT count(*) FROM inspection_records"),
            std::to_string(submitted));
  EXPECT_EQ(PgQueryValue(url, "SELECT count(*) FROM documents"), std::to_string(2 * submitted));
  // Rolled-back submissions gave their numbers back: serials per issuer, type and year are 1..n.
  EXPECT_EQ(
      PgQueryValue(
          url,
          "SELECT count(*) FROM (SELECT count(*) AS n, count(DISTINCT serial) AS d, min(serial) AS "
          "low, max(serial) AS high FROM documents GROUP BY issuer_path, doc_type, year) g "
          "WHERE NOT (n = d AND low = 1 AND high = n)"),
      "0");
  std::printf(
      "  %d acknowledged writes checked, %zu submissions (%d committed without an answer), in %.1f "
      "s\n",
      acknowledged, submitted, committed_unanswered, Since(verify_start));
}

// ---- start-up errors
// ------------------------------------------------------------------------------

// The first code point of UTF-8 text is a CJK ideograph (U+4E00..U+9FFF).
bool StartsWithChinese(const std::string& text) {
  if (text.size() < 3) return false;
  const auto b0 = static_cast<unsigned char>(text[0]);
  const auto b1 = static_cast<unsigned char>(text[1]);
  const unsigned code =
      ((b0 & 0x0Fu) << 12) | ((b1 & 0x3Fu) << 6) | (static_cast<unsigned char>(text[2]) & 0x3Fu);
  return (b0 & 0xF0u) == 0xE0u && code >= 0x4E00 && code <= 0x9FFF;
}

TEST(PostgresStartupTest, UnreachableOrMalformedDatabaseUrlsStopServeWithOneChineseLine) {
  for (const std::string url :
       {"postgresql://nobody@/x?host=/nonexistent", "postgresql://a:b@:99999999/x",
        "postgresql://host/db?bogus_option=1"}) {
    const auto start = Clock::now();
    // stdout is dropped: only what the operator sees on stderr is kept.
    auto result = RunCommand("timeout 60 " + AnjianBinary() + " serve --port 0 --db " +
                             ShellQuote(url) + " 2>&1 >/dev/null");
    const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
    EXPECT_NE(result.exit_code, 0) << url;
    EXPECT_NE(result.exit_code, 124) << url << ": still running after 60 s";
    EXPECT_LT(seconds, 30) << url;
    const std::string& err = result.output;
    ASSERT_FALSE(err.empty()) << url << ": nothing on stderr";
    EXPECT_EQ(err.back(), '\n') << url;
    EXPECT_EQ(std::count(err.begin(), err.end(), '\n'), 1)
        << url << ": more than one line on stderr:\n"
        << err;
    EXPECT_TRUE(StartsWithChinese(err)) << url << ": " << err;
    EXPECT_NE(err.find("PostgreSQL"), std::string::npos) << url << ": " << err;
  }
}

}  // namespace
}  // namespace anjian::integration
